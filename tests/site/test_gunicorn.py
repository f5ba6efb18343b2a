"""Real requests through gunicorn with the project's own gunicorn.conf.py and production
settings (DEBUG off, WhiteNoise serving collected static files), on a throwaway SQLite file."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts gunicorn in a subprocess

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


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


@pytest.fixture(scope="module")
def gunicorn_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gunicorn")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "HEALTHSITE_TESTING": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp / 'site.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp / "media"),
        "HEALTHSITE_HTTPS": "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }
    env.pop("REDIS_URL", None)
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
