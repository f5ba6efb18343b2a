"""Every page type under gunicorn, against the framework floor and nginx: `make bench`.

    python -m bench pages                 # small and large data, about 15 minutes
    python -m bench pages --size small    # small data only, quicker
    BENCH_QUICK=1 python -m bench pages   # shorter runs (2 s instead of 5 s)

For each page type: requests/s, p50 and p99 from Debian's `wrk` (2 threads, 32
connections, bounded runs, 127.0.0.1 only) under gunicorn with gunicorn.conf.py and DEBUG
off; the ratio to the framework floor (bench/floor: a minimal Django view rendering a
15 KB template, same gunicorn settings) and to nginx serving a saved copy of the same page
(gzip_static), the three run in turn page by page so noise hits all of them; in-process
CPU milliseconds and SQL queries (Django's test client); bytes sent for a first view
(HTML as the server sends it to a browser that accepts gzip, plus CSS and JS) and the
number of requests; and the growth from small to large data. Databases: see
bench/_pages_data.py. The figures are printed as one table; docs/performance.md explains
them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

from bench import _deploy_nginx, _pages_data, _wrk
from bench._table import Row, render

ROOT = Path(__file__).resolve().parent.parent
QUICK = os.environ.get("BENCH_QUICK") == "1"
SECONDS = float(os.environ.get("BENCH_SECONDS", "2" if QUICK else "5"))
WARMUP = 1 if QUICK else 2
LOGS = ROOT / "bench" / "results"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, *, gzip_ok: bool = True) -> tuple[int, bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def _wait(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {process.returncode}")
        try:
            _get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} in {seconds} s")


@contextmanager
def _gunicorn(env: dict[str, str], app: str | None, log_name: str):
    port = _port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"]
    LOGS.mkdir(parents=True, exist_ok=True)
    with open(LOGS / f"{log_name}.log", "w") as log:
        process = subprocess.Popen(
            command + ([app] if app else []), cwd=ROOT, env=env, stdout=log, stderr=log
        )
        try:
            _wait(
                f"http://127.0.0.1:{port}/healthz" if app is None else f"http://127.0.0.1:{port}/",
                process,
            )
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)


NGINX_CONF = """
worker_processes 2;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  default_type text/html;
  gzip_static on;
  server {{
    listen 127.0.0.1:{port};
    root {tmp}/pages;
  }}
}}
"""


@contextmanager
def _nginx(pages: dict[str, bytes]):
    """nginx serving saved copies of the pages (and their gzip, as gzip_static sends it)."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    (tmp / "pages").mkdir()
    names = {}
    for n, (name, body) in enumerate(pages.items()):
        (tmp / "pages" / f"{n}.html").write_bytes(body)
        (tmp / "pages" / f"{n}.html.gz").write_bytes(gzip.compress(body, 6))
        names[name] = f"/{n}.html"
    for path in [tmp, *tmp.rglob("*")]:  # nginx's workers run as nobody when started by root
        path.chmod(0o755 if path.is_dir() else 0o644)
    port = _port()
    (tmp / "nginx.conf").write_text(NGINX_CONF.format(tmp=tmp, port=port))
    process = subprocess.Popen(
        [shutil.which("nginx") or "nginx", "-c", str(tmp / "nginx.conf"), "-p", str(tmp)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(f"http://127.0.0.1:{port}/0.html", process)
        yield {name: f"http://127.0.0.1:{port}{path}" for name, path in names.items()}
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.styles.append(a["href"] or "")
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"] or "")
        elif tag == "img" and a.get("src") and not (a.get("src") or "").startswith("data:"):
            self.images.append(a["src"] or "")


def _weight(base: str, body: bytes, html_sent: int) -> tuple[int, int]:
    """Bytes a first view sends (HTML as sent, CSS and JS as sent) and its requests."""
    parser = _Assets()
    parser.feed(body.decode("utf-8", "replace"))
    sent = html_sent
    for src in parser.styles + parser.scripts:
        url = src if src.startswith("http") else base + src
        if url.startswith("http://127.0.0.1:"):
            sent += len(_get(url)[1])
    return sent, 1 + len(parser.styles) + len(parser.scripts) + len(parser.images)


def _uncached_env(database: Path) -> dict[str, str]:
    """Production settings without the site's page cache: every request renders its page."""
    return _pages_data.prod_env(database, HEALTHSITE_PAGE_CACHE_SECONDS="0")


def _cached_env(database: Path) -> dict[str, str]:
    """Production settings with the page cache (as deployed), behind a proxy (nginx)."""
    return _pages_data.prod_env(
        database, HEALTHSITE_PAGE_CACHE_SECONDS="300", HEALTHSITE_BEHIND_PROXY="1"
    )


@contextmanager
def _micro_cache(upstream: str):
    """deploy/nginx.conf as shipped (its micro-cache) in front of the site at `upstream`."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-micro-"))
    (tmp / "media").mkdir()
    port = _port()
    conf = _deploy_nginx.shipped_conf(
        tmp=tmp,
        port=port,
        upstream=int(upstream.rsplit(":", 1)[1]),
        static=_pages_data.DATA / "static",
        media=tmp / "media",
        workers=2,  # as the nginx serving saved copies
    )
    for path in [tmp, *tmp.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    with open(LOGS / "nginx-micro-cache.log", "wb") as log:
        process = _deploy_nginx.start(tmp=tmp, conf=conf, stderr=log)
        try:
            _wait(f"http://127.0.0.1:{port}/healthz", process)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)
            shutil.rmtree(tmp, ignore_errors=True)


def _inprocess(database: Path) -> dict[str, dict]:
    runs = "5" if QUICK else "20"
    done = subprocess.run(
        [sys.executable, "-m", "bench._pages_inprocess"],
        cwd=ROOT,
        env={**_uncached_env(database), "BENCH_INPROCESS_RUNS": runs},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def _tools(need_nginx: bool) -> bool:
    missing = [t for t in ("wrk", *(["nginx"] if need_nginx else [])) if not shutil.which(t)]
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"installing {', '.join(missing)} from Debian's packages ...", flush=True)
        quiet = {"stdout": subprocess.DEVNULL, "check": True}
        subprocess.run(["apt-get", "update", "-qq"], **quiet)  # type: ignore[call-overload]
        packages = ["nginx-light" if t == "nginx" else t for t in missing]
        subprocess.run(["apt-get", "install", "-y", "-qq", *packages], **quiet)  # type: ignore[call-overload]
        missing = [t for t in missing if not shutil.which(t)]
    if missing:
        print(f"missing: {', '.join(missing)}; install with: sudo apt-get install wrk nginx-light")
    return "wrk" not in missing


def _measure_size(database: Path, *, main: bool, label: str) -> dict[str, Row]:
    env = _uncached_env(database)
    print(f"[{label}] in-process CPU and SQL ...", flush=True)
    inproc = _inprocess(database)
    rows: dict[str, Row] = {}
    with _gunicorn(env, None, f"gunicorn-{label}") as site:
        saved: dict[str, bytes] = {}
        for name, figures in inproc.items():
            status, body, headers = _get(site + figures["url"])
            raw = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
            saved[name] = raw
            sent, requests = _weight(site, raw, len(body))
            rows[name] = Row(
                page=name,
                url=figures["url"],
                status=status,
                cpu_ms=figures["cpu_ms"],
                sql=figures["sql"],
                kb_sent=sent / 1024,
                requests=requests,
                html_gzip=headers.get("Content-Encoding") == "gzip",
            )
        # Every worker imports and connects lazily: warm them all before measuring.
        for row in rows.values():
            _wrk.run(site + row.url, seconds=WARMUP)
        if not main:
            for name, row in rows.items():
                print(f"[{label}] wrk {name} ...", flush=True)
                row.page_run = _wrk.run(site + row.url, seconds=SECONDS)
            return rows
        with (
            _gunicorn({**env, "DJANGO_SETTINGS_MODULE": "bench.floor.settings"},
                      "bench.floor.wsgi:application", "gunicorn-floor") as floor,
            _gunicorn(_cached_env(database), None, f"gunicorn-cached-{label}") as cached,
            _nginx(saved) if shutil.which("nginx") else _no_nginx() as static,
            _micro_cache(cached) if static else _no_nginx() as micro,
        ):  # fmt: skip
            _wrk.run(floor + "/", seconds=WARMUP)
            for row in rows.values():
                _wrk.run(cached + row.url, seconds=WARMUP)
                row.cache_state = _get(cached + row.url)[2].get("X-Page-Cache", "")
                if micro:
                    _wrk.run(micro + row.url, seconds=WARMUP)
            for name, row in rows.items():
                print(f"[{label}] wrk floor / {name} / cached / nginx / micro-cache", flush=True)
                row.floor_run = _wrk.run(floor + "/", seconds=SECONDS)
                row.page_run = _wrk.run(site + row.url, seconds=SECONDS)
                row.cached_run = _wrk.run(cached + row.url, seconds=SECONDS)
                if static:
                    row.nginx_run = _wrk.run(static[name], seconds=SECONDS)
                if micro:
                    row.micro_run = _wrk.run(micro + row.url, seconds=SECONDS)
    return rows


@contextmanager
def _no_nginx():
    yield {}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench pages")
    parser.add_argument("--size", choices=["small", "both"], default="both")
    parser.add_argument("--rebuild", action="store_true", help="build the databases anew")
    args = parser.parse_args(argv or [])
    if not _tools(need_nginx=True):
        sys.exit(1)
    started = time.monotonic()
    sizes = ["small"] if args.size == "small" else ["small", "large"]
    databases = {size: _pages_data.database(size, rebuild=args.rebuild) for size in sizes}
    _pages_data.collect_static(databases[sizes[0]])
    measured = {
        size: _measure_size(db, main=size == sizes[-1], label=size)
        for size, db in databases.items()
    }
    main_rows = list(measured[sizes[-1]].values())
    if len(sizes) == 2:
        for row in main_rows:
            row.small = measured["small"].get(row.page)
    print()
    print(render(main_rows, data=sizes[-1], seconds=SECONDS))
    print(f"\nmeasured in {time.monotonic() - started:.0f} s; load average "
          "{:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
