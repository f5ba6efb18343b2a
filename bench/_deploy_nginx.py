"""The shipped `deploy/nginx.conf`, run on 127.0.0.1: its server-specific values (listed at
its top) replaced for one run. Used by `make bench` (the micro-cache column) and by the
nginx tests (tests/site/test_nginx.py), so both run exactly what a server would."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")


def shipped_conf(
    *, tmp: Path, port: int, upstream: int, static: Path, media: Path, workers: int = 1
) -> str:
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{port};",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{upstream};",
        "/srv/healthsite/staticfiles/": f"{static}/",
        "/srv/healthsite/media/": f"{media}/",
        "/var/cache/nginx/healthsite": str(tmp / "nginx-cache"),
        "/var/log/nginx/healthsite": str(tmp / "nginx-log"),
        "/run/nginx-healthsite.pid": str(tmp / "nginx.pid"),
        "worker_processes auto;": f"worker_processes {workers};",
    }
    for old, new in replacements.items():
        if old not in text:
            raise ValueError(f"deploy/nginx.conf no longer holds {old!r}")
        text = text.replace(old, new)
    return text


def start(*, tmp: Path, conf: str, stderr) -> subprocess.Popen:
    """nginx in the foreground with `conf`, its folders under `tmp`. Started by root, its
    workers would run as "nobody", who may not enter a private temporary folder."""
    if NGINX is None:
        raise FileNotFoundError("nginx is not installed")
    for folder in ("nginx-cache", "nginx-log"):
        (tmp / folder).mkdir(exist_ok=True)
    (tmp / "nginx.conf").write_text(conf)
    directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
    log = tmp / "nginx-log" / "error.log"
    return subprocess.Popen(
        [NGINX, "-p", str(tmp), "-e", str(log), "-c", str(tmp / "nginx.conf"), "-g", directives],
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )
