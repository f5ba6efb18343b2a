"""The site under load: a throwaway database (SQLite file, or a new PostgreSQL database next to
the one DATABASE_URL names), its own Redis when the run uses Redis, gunicorn with the
project's gunicorn.conf.py on 127.0.0.1 only — and the faults done to them.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORKERS = int(os.environ.get("LOADTEST_WORKERS", 3))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres(url: str, sql: str) -> None:
    import psycopg

    admin = urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql)


class Site:
    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="healthsite-loadtest-"))
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.media = self.tmp / "media"
        self.database = ""
        self.redis_port = 0
        self.redis: subprocess.Popen | None = None
        self.server: subprocess.Popen | None = None
        self.last_failure = ""
        self.last_latency = 0.0
        source_url = os.environ.get("DATABASE_URL", "")
        self.engine = "postgresql" if source_url.startswith("postg") else "sqlite"
        self.env = {
            **os.environ,
            "DJANGO_DEBUG": "0",
            "HEALTHSITE_TESTING": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
            "DJANGO_STATIC_ROOT": str(self.tmp / "static"),
            "DJANGO_MEDIA_ROOT": str(self.media),
            "HEALTHSITE_HTTPS": "0",
            "HEALTHSITE_SITE_URL": "http://localhost",
            # Limits on, as shipped. The load test is the proxy in front of the site: it
            # reports each member's own address, so each member has the limits a real
            # member on their own network has.
            "HEALTHSITE_RATE_LIMITS": "1",
            "HEALTHSITE_BEHIND_PROXY": "1",
            "HEALTHSITE_TRUSTED_PROXIES": "1",
            "EMAIL_URL": "dummymail://",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(WORKERS),
            "GUNICORN_LOG_LEVEL": "warning",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        if self.engine == "postgresql":
            self.database = f"healthsite_loadtest_{secrets.token_hex(4)}"
            url = urllib.parse.urlsplit(source_url)
            self.env["DATABASE_URL"] = urllib.parse.urlunsplit(
                url._replace(path=f"/{self.database}")
            )
            _postgres(source_url, f'CREATE DATABASE "{self.database}"')
        else:
            self.env["DATABASE_URL"] = f"sqlite:///{self.tmp / 'site.sqlite3'}"
        self.env.pop("REDIS_URL", None)
        if os.environ.get("REDIS_URL") and shutil.which("redis-server"):
            self.redis_port = free_port()
            self.env["REDIS_URL"] = f"redis://127.0.0.1:{self.redis_port}/0"
            self.redis_start()

    # --- lifecycle -------------------------------------------------------------------------

    def manage(self, *command: str) -> None:
        subprocess.run(
            [str(BIN / "python"), "manage.py", *command],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
        )

    def prepare(self) -> None:
        # No demo content: the load test makes the little it needs (data.seed), in seconds.
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
            self.manage(*command)
        self.media.mkdir(exist_ok=True)

    def start(self) -> None:
        self.log = open(self.tmp / "gunicorn.log", "wb")  # noqa: SIM115 - closed in stop()
        self.server = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        if self.wait_until_serving(timeout=60) is None:
            raise RuntimeError("gunicorn did not start:\n" + self.log_text())

    def stop(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=30)
            self.log.close()
        if self.redis is not None:
            self.redis_stop()
        if self.database:
            _postgres(
                os.environ["DATABASE_URL"],
                f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)',
            )

    def cleanup(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def log_text(self) -> str:
        return (self.tmp / "gunicorn.log").read_text(errors="replace")

    def get(self, path: str) -> int:
        request = urllib.request.Request(self.base + path, headers={"Host": "localhost"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def wait_until_serving(self, *, timeout: float, path: str = "/healthz") -> float | None:
        """Seconds from now until the start of the first request to `path` that answered 200,
        or None after `timeout`. The start, not the answer: under load an answer also waits
        its turn in the queue, which says nothing about whether the site had recovered."""
        started = time.monotonic()
        self.last_failure = ""
        while time.monotonic() - started < timeout:
            sent = time.monotonic()
            try:
                status = self.get(path)
                if status == 200:
                    self.last_latency = time.monotonic() - sent
                    return sent - started
                self.last_failure = f"{sent - started:.1f} s: {status}"
            except OSError as error:
                self.last_failure = f"{sent - started:.1f} s: {error!r}"
            time.sleep(0.1)
        return None

    # --- faults ----------------------------------------------------------------------------

    def workers(self) -> list[int]:
        assert self.server is not None
        pid = self.server.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return [int(child) for child in children]

    def kill_a_worker(self) -> int:
        victim = self.workers()[0]
        os.kill(victim, signal.SIGKILL)
        return victim

    def redis_start(self) -> None:
        self.redis = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.tmp),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.redis_port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def redis_stop(self) -> None:
        assert self.redis is not None
        self.redis.kill()
        self.redis.wait(timeout=10)
        self.redis = None

    def media_unwritable(self) -> None:
        """A regular file where the media folder was: no one can write there, not even root."""
        self.media.rename(self.tmp / "media.away")
        self.media.write_text("the media folder is gone")

    def media_writable(self) -> None:
        self.media.unlink()
        (self.tmp / "media.away").rename(self.media)

    def postgres_restart(self) -> bool:
        """Restart PostgreSQL with LOADTEST_PG_RESTART (a shell command); False without one."""
        command = os.environ.get("LOADTEST_PG_RESTART", "")
        if self.engine != "postgresql" or not command:
            return False
        subprocess.run(command, shell=True, check=True, capture_output=True)  # noqa: S602
        return True
