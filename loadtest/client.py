"""A member's browser, reduced to what the load test needs: one keep-alive HTTP connection,
cookies, the CSRF and one-time submission tokens read from forms, and retries.

A request that dies with the connection (a worker killed mid-request, a reset) is sent
again on a new connection. A posting form is retried with the *same* submission token, so
when the first copy was committed the site answers with the first result instead of
writing twice (healthsite/idempotency.py) — exactly what a reader pressing "Post" again does.
"""

from __future__ import annotations

import http.client
import re
import socket
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_SUBMISSION = re.compile(r'name="submission" value="([^"]+)"')
# What a dropped connection looks like from the client's side.
CONNECTION_ERRORS = (
    ConnectionError,  # reset, refused, aborted, broken pipe
    http.client.RemoteDisconnected,
    http.client.BadStatusLine,
    http.client.IncompleteRead,
    socket.timeout,
    OSError,
)


@dataclass
class Response:
    status: int
    location: str
    body: str


@dataclass
class Stats:
    requests: int = 0
    retries: int = 0
    server_errors: int = 0
    server_errors_in_outage: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)


class GaveUp(Exception):
    """No answer after every retry: the write's outcome is unknown."""


class Browser:
    def __init__(self, *, host: str, port: int, address: str, stats: Stats, outage) -> None:
        self.host, self.port = host, port
        self.address = address  # the member's own network address, as our "proxy" reports it
        self.stats = stats
        self.outage = outage  # threading.Event: set while a fault is expected to fail requests
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    # --- plumbing ------------------------------------------------------------------------

    def _connect(self) -> http.client.HTTPConnection:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        return self.connection

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def _send(self, method: str, path: str, body: bytes | None, content_type: str) -> Response:
        headers = {
            "Host": "localhost",
            "X-Forwarded-For": self.address,
            "Connection": "keep-alive",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = content_type
        connection = self._connect()
        connection.request(method, path, body=body, headers=headers)
        raw = connection.getresponse()
        data = raw.read()
        for header in raw.headers.get_all("Set-Cookie") or []:
            cookie: SimpleCookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if raw.headers.get("Connection", "").lower() == "close":
            self.close()
        return Response(
            raw.status, raw.headers.get("Location", ""), data.decode("utf-8", "replace")
        )

    def request(
        self,
        method: str,
        path: str,
        *,
        fields: dict[str, str] | None = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
        attempts: int = 8,
    ) -> Response:
        """Send, retrying on a dropped connection and on 502/503 (a restarting backend)."""
        body, content_type = None, ""
        if files:
            body, content_type = _multipart(fields or {}, files)
        elif fields is not None:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        for attempt in range(attempts):
            self.stats.requests += 1
            try:
                response = self._send(method, path, body, content_type)
            except CONNECTION_ERRORS:
                self.close()
                self.stats.retries += 1
                time.sleep(min(0.2 * 2**attempt, 3))
                continue
            self.stats.statuses[response.status] = self.stats.statuses.get(response.status, 0) + 1
            if response.status >= 500:
                # While PostgreSQL restarts the site must say "busy, retry" (503), never 500.
                if self.outage.is_set() and response.status == 503:
                    self.stats.server_errors_in_outage += 1
                else:
                    self.stats.server_errors += 1
                    if len(self.stats.error_samples) < 5:
                        self.stats.error_samples.append(f"{method} {path} -> {response.status}")
                self.stats.retries += 1
                time.sleep(min(0.2 * 2**attempt, 3))
                continue
            return response
        raise GaveUp(f"{method} {path}")

    # --- forms ---------------------------------------------------------------------------

    def form_tokens(self, path: str) -> tuple[Response, dict[str, str]]:
        """GET a page with a form; return it and its hidden tokens."""
        page = self.request("GET", path)
        tokens = {}
        if found := _CSRF.search(page.body):
            tokens["csrfmiddlewaretoken"] = found.group(1)
        if found := _SUBMISSION.search(page.body):
            tokens["submission"] = found.group(1)
        return page, tokens

    def sign_in(self, *, email: str, password: str) -> bool:
        _page, tokens = self.form_tokens("/accounts/login/")
        response = self.request(
            "POST", "/accounts/login/", fields={**tokens, "email": email, "password": password}
        )
        return response.status == 302 and "sessionid" in self.cookies


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]):
    boundary = "loadtest" + str(time.time_ns())
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(head.encode() + value.encode() + b"\r\n")
    for name, (filename, data, mime) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {mime}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
