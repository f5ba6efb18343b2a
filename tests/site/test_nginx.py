"""deploy/nginx.conf in front of gunicorn: the micro-cache answers a second anonymous request,
never a signed-in one, static files come from disk, and Django's headers pass through."""

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
from pathlib import Path

import pytest

from bench._deploy_nginx import NGINX, shipped_conf, start

pytestmark = [
    pytest.mark.slow,  # starts gunicorn and nginx in subprocesses
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)"),
]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "correct horse battery 9"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, log: Path, name: str) -> None:
    deadline = time.monotonic() + 120  # a busy 2-core machine starts gunicorn slowly
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{name} stopped:\n{log.read_text()}")
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer:\n{log.read_text()}")


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nginx")
    gunicorn_port, nginx_port = _free_port(), _free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "HEALTHSITE_TESTING": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp / 'site.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp / "media"),
        "HEALTHSITE_CACHE_DIR": str(tmp / "cache"),
        "HEALTHSITE_HTTPS": "0",
        "HEALTHSITE_SITE_URL": "http://localhost",
        "HEALTHSITE_BEHIND_PROXY": "1",
        "GUNICORN_BIND": f"127.0.0.1:{gunicorn_port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    env.pop("REDIS_URL", None)
    python = str(BIN / "python")
    create_member = (
        "from django.utils import timezone; from accounts.models import User; "
        "User.objects.create_user(email='member@example.org', "
        f"password={PASSWORD!r}, display_name='Mira Member', email_confirmed_at=timezone.now())"
    )
    for command in (
        ["migrate", "--noinput"],
        ["load_demo"],
        ["collectstatic", "--noinput"],
        ["shell", "-c", create_member],
    ):
        subprocess.run(
            [python, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    (tmp / "media").mkdir(exist_ok=True)
    conf = shipped_conf(
        tmp=tmp, port=nginx_port, upstream=gunicorn_port, static=tmp / "static", media=tmp / "media"
    )
    gunicorn_log = tmp / "gunicorn.log"
    with open(gunicorn_log, "wb") as log:
        gunicorn = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    (tmp / "nginx-log").mkdir(exist_ok=True)
    nginx_log = tmp / "nginx-log" / "error.log"
    nginx_output = open(nginx_log, "ab")  # noqa: SIM115 - closed in teardown
    assert NGINX is not None
    nginx = start(tmp=tmp, conf=conf, stderr=nginx_output)
    try:
        _wait_for(f"http://127.0.0.1:{gunicorn_port}/healthz", gunicorn, gunicorn_log, "gunicorn")
        _wait_for(f"http://127.0.0.1:{nginx_port}/healthz", nginx, nginx_log, "nginx")
        yield f"http://127.0.0.1:{nginx_port}"
    finally:
        for process in (nginx, gunicorn):
            process.terminate()
            process.wait(timeout=20)
        nginx_output.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _visitor():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect
    )


def _get(opener, url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Host": "localhost", **(headers or {})})
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _signed_in(base: str):
    member = _visitor()
    _, _, form = _get(member, base + "/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token, "the login form carries a CSRF token"
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token[1].decode(),
            "email": "member@example.org",
            "password": PASSWORD,
        }
    ).encode()
    request = urllib.request.Request(base + "/accounts/login/", data=body)
    request.add_header("Host", "localhost")
    try:
        with member.open(request, timeout=20) as response:
            pytest.fail(f"login answered {response.status}: {response.read()[:500]!r}")
    except urllib.error.HTTPError as error:
        assert error.code == 302, error.read()[:500]
    return member


def test_second_anonymous_request_is_a_micro_cache_hit(nginx_site):
    visitor = _visitor()
    path = f"/about/?run={secrets.token_hex(4)}"
    status, first, body = _get(visitor, nginx_site + path)
    assert status == 200
    assert first["X-Cache-Status"] == "MISS"
    assert "s-maxage=" in first["Cache-Control"]
    status, second, again = _get(visitor, nginx_site + path)
    assert status == 200
    assert second["X-Cache-Status"] == "HIT"
    assert again == body
    # Django's security headers pass through, from the cache too.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"
    assert second["X-Content-Type-Options"] == "nosniff"


def test_pages_are_compressed_and_copies_kept_per_encoding(nginx_site):
    visitor = _visitor()
    path = f"/about/?run={secrets.token_hex(4)}"
    _get(visitor, nginx_site + path, {"Accept-Encoding": "gzip"})
    status, headers, _ = _get(visitor, nginx_site + path, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["X-Cache-Status"] == "HIT"
    _, plain, _ = _get(visitor, nginx_site + path)
    assert "Content-Encoding" not in plain
    assert plain["X-Cache-Status"] == "MISS"


def test_signed_in_requests_are_never_cached(nginx_site):
    path = f"/about/?run={secrets.token_hex(4)}"
    anonymous = _visitor()
    _get(anonymous, nginx_site + path)
    assert _get(anonymous, nginx_site + path)[1]["X-Cache-Status"] == "HIT"
    member = _signed_in(nginx_site)
    for _ in range(2):
        status, headers, body = _get(member, nginx_site + path)
        assert status == 200
        assert headers["X-Cache-Status"] == "BYPASS"
        assert "private" in headers["Cache-Control"]
        assert b"Mira Member" in body
    # ... and what they saw is never given to anyone else.
    _, headers, body = _get(_visitor(), nginx_site + path)
    assert headers["X-Cache-Status"] == "HIT"
    assert b"Mira Member" not in body


def test_static_files_come_from_nginx(nginx_site):
    _, _, body = _get(_visitor(), nginx_site + "/")
    html = body.decode()
    start = html.index("/static/css/site.")
    css = html[start : html.index('"', start)]
    status, headers, _ = _get(_visitor(), nginx_site + css, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert "immutable" in headers["Cache-Control"]
    assert headers["Content-Encoding"] == "gzip"  # WhiteNoise's .gz copy, sent as is
    assert "X-Cache-Status" not in headers, "not proxied to gunicorn"
