"""Real requests through gunicorn with the project's own gunicorn.conf.py, three workers and
production settings (DEBUG off, WhiteNoise serving collected static files), on the embedded
default (a throwaway SQLite file, no Redis) and, when the environment names them (the
PostgreSQL and Redis pass of .ci/run), again on a throwaway PostgreSQL database and Redis."""

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from accounts import throttle
from accounts.views import SIGNUPS_PER_IP_PER_HOUR

pytestmark = pytest.mark.slow  # starts gunicorn in a subprocess

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
WORKERS = 3


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str):
    request = urllib.request.Request(url, headers={"Host": "localhost"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _configurations() -> list[str]:
    found = ["embedded"]
    if os.environ.get("DATABASE_URL", "").startswith("postg") and os.environ.get("REDIS_URL"):
        found.append("postgres-redis")
    return found


def _postgres_database(url: str, name: str, *, drop: bool) -> None:
    """Create (or drop) a throwaway database next to the one DATABASE_URL names."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        if drop:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            connection.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture(scope="module", params=_configurations())
def gunicorn_site(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gunicorn")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "HEALTHSITE_TESTING": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp / "media"),
        "HEALTHSITE_CACHE_DIR": str(tmp / "cache"),
        "HEALTHSITE_HTTPS": "0",
        "HEALTHSITE_SITE_URL": "http://localhost",
        "HEALTHSITE_RATE_LIMITS": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(WORKERS),
        "GUNICORN_LOG_LEVEL": "warning",
    }
    database = ""
    if request.param == "embedded":
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'site.sqlite3'}"
        env.pop("REDIS_URL", None)
    else:
        database = f"healthsite_gunicorn_{secrets.token_hex(4)}"
        url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
        env["DATABASE_URL"] = urllib.parse.urlunsplit(url._replace(path=f"/{database}"))
        _postgres_database(os.environ["DATABASE_URL"], database, drop=False)
        env["HEALTHSITE_CACHE_PREFIX"] = database  # keys of their own in the shared Redis
    python = str(BIN / "python")
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [python, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    log = open(tmp / "gunicorn.log", "wb")  # noqa: SIM115 - closed in teardown
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if _get(base + "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        log.close()
        pytest.fail("gunicorn did not start:\n" + (tmp / "gunicorn.log").read_text())
    yield base
    server.terminate()
    server.wait(timeout=20)
    log.close()
    if database:
        _postgres_database(os.environ["DATABASE_URL"], database, drop=True)


def test_home_page_is_served_with_security_headers(gunicorn_site):
    status, headers, body = _get(gunicorn_site + "/")
    assert status == 200
    assert b"<h1" in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_static_files_are_hashed_and_cached_for_long(gunicorn_site):
    _, _, body = _get(gunicorn_site + "/")
    html = body.decode()
    start = html.index("/static/css/site.")
    css_path = html[start : html.index('"', start)]
    assert css_path != "/static/css/site.css", "static URLs carry a content hash"
    status, headers, _ = _get(gunicorn_site + css_path)
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]


def test_unknown_page_gets_our_404(gunicorn_site):
    status, _, body = _get(gunicorn_site + "/no-such-page/")
    assert status == 404
    assert b"skip-link" in body


def test_healthz_reports_the_database(gunicorn_site):
    status, headers, body = _get(gunicorn_site + "/healthz")
    assert status == 200
    assert body == b"ok\n"
    assert "no-cache" in headers["Cache-Control"] or "max-age=0" in headers["Cache-Control"]


def _open(opener, url: str, data: dict | None = None) -> tuple[int, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Host": "localhost"})
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _Browser:
    """A visitor with cookies who GETs a form once (for its CSRF token), then POSTs it."""

    def __init__(self, base: str, path: str):
        self.url = base + path
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect
        )
        status, html = _open(self.opener, self.url)
        assert status == 200, html[:500]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token, "the form carries a CSRF token"
        self.token = token[1]

    def post(self, fields: dict) -> int:
        return _open(self.opener, self.url, {"csrfmiddlewaretoken": self.token, **fields})[0]


def _post_form(base: str, path: str, fields: dict) -> int:
    """GET the form, then POST it, as a new visitor would; the status."""
    return _Browser(base, path).post(fields)


def test_signups_from_one_address_are_limited_across_workers(gunicorn_site):
    def sign_up(n: int) -> int:
        return _post_form(
            gunicorn_site,
            "/accounts/signup/",
            {
                "email": f"reader{n}@example.org",
                "display_name": f"Reader {n}",
                "password1": "correct horse battery 9",
                "password2": "correct horse battery 9",
            },
        )

    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(sign_up, range(22)))
    assert statuses.count(302) == SIGNUPS_PER_IP_PER_HOUR, statuses
    assert statuses.count(429) == 22 - SIGNUPS_PER_IP_PER_HOUR, statuses


def test_failed_logins_are_throttled_across_workers(gunicorn_site):
    browser = _Browser(gunicorn_site, "/accounts/login/")
    fields = {"email": "someone@example.org", "password": "not the password"}
    statuses = [browser.post(fields) for _ in range(10)]
    # Wrong passwords are answered (200 with the error) until the throttle's first delay
    # (1 s, then 2 s ...); a quick retry is then asked to wait, whichever worker takes it.
    # Counted per worker, each of the three would answer its first three: nine 200s.
    slow_after = throttle.ACCOUNT_FROM_IP.slow_after
    assert statuses[: slow_after + 1] == [200] * slow_after + [429], statuses
    # A slow machine may let a retry through once a delay has passed, never more often.
    assert statuses.count(200) <= slow_after + 2, statuses
