"""The databases `make bench` measures: the demo content plus the real public data (when
../shared/data is there), topped up by generate_scale_data to small and to large.

Kept under bench/results/data/ and reused by later runs (`--rebuild` builds them anew);
every run applies new migrations first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "results" / "data"


def dev_env(database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.pop("HEALTHSITE_TESTING", None)
    env.update(DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{database}")
    return env


def prod_env(database: Path, **extra: str) -> dict[str, str]:
    """The site as production runs it (DEBUG off, HTTPS off on 127.0.0.1)."""
    env = dev_env(database)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-secret-key-not-for-any-real-site-0123456789",  # noqa: S106
        HEALTHSITE_SITE_URL="http://127.0.0.1",
        HEALTHSITE_HTTPS="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_STATIC_ROOT=str(DATA / "static"),
        **extra,
    )
    return env


def collect_static(database: Path) -> None:
    _manage(database, "collectstatic", "--noinput", "-v0", env=prod_env(database))


def _manage(
    database: Path, *args: str, quiet: bool = False, env: dict[str, str] | None = None
) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env or dev_env(database),
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def _base(rebuild: bool) -> Path:
    base = DATA / "base.sqlite3"
    if base.exists() and not rebuild:
        _manage(base, "migrate", "--noinput", "-v0")
        return base
    DATA.mkdir(parents=True, exist_ok=True)
    partial = DATA / "base.partial.sqlite3"
    partial.unlink(missing_ok=True)
    started = time.monotonic()
    print("building the base database: migrate, demo content, public data ...", flush=True)
    _manage(partial, "migrate", "--noinput", "-v0")
    _manage(partial, "load_demo", quiet=True)
    done = subprocess.run(
        [sys.executable, "-m", "healthsite.import_shared"],
        cwd=ROOT,
        env=dev_env(partial),
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    last = (done.stdout.strip().splitlines() or ["no output"])[-1]
    print(f"  public data: {last}", flush=True)
    partial.rename(base)
    print(f"  base built in {time.monotonic() - started:.0f} s", flush=True)
    return base


def database(size: str, *, rebuild: bool = False, seed: int = 1) -> Path:
    """The database of one size, built when missing."""
    base = _base(rebuild)
    path = DATA / f"{size}.sqlite3"
    if path.exists() and not rebuild:
        _manage(path, "migrate", "--noinput", "-v0")
        return path
    started = time.monotonic()
    partial = DATA / f"{size}.partial.sqlite3"
    shutil.copyfile(base, partial)
    print(f"generating {size} data ...", flush=True)
    _manage(partial, "generate_scale_data", "--size", size, "--seed", str(seed))
    partial.rename(path)
    print(f"  {size} data in {time.monotonic() - started:.0f} s", flush=True)
    return path
