"""Backups of the database and the uploaded media, and restoring them.

One archive (`.tar.gz`) holds everything needed to bring the site back:

- `manifest.json`: when, which database engine, which files;
- `database.sqlite3` (SQLite, copied with SQLite's online backup API: a consistent snapshot
  taken while the site keeps serving and writing) or `database.pgdump` (PostgreSQL,
  `pg_dump --format=custom`, a consistent snapshot in one transaction);
- `media/...`: the uploaded files (avatars), as they were.

Restoring replaces the database's contents with the archive's (SQLite: the backup API again,
page by page under a lock; PostgreSQL: `pg_restore --clean --if-exists`) and writes the
archive's media files back into MEDIA_ROOT (files uploaded since are left in place:
nothing refers to them once the database is restored).

    path = backup_create(directory=Path("backups"))
    backup_restore(archive=path)
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

MANIFEST = "manifest.json"
SQLITE_NAME = "database.sqlite3"
POSTGRES_NAME = "database.pgdump"
MEDIA_DIR = "media"
FORMAT = 1


class BackupError(Exception):
    """The archive cannot be made or restored; the message says why."""


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _pg_env() -> dict[str, str]:
    """libpq's environment for the configured database (keeps the password off argv)."""
    db = connection.settings_dict
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    return env


def _pg_tool(name: str) -> str:
    """`pg_dump`/`pg_restore` from HEALTHSITE_PG_BIN, else the newest installed, else PATH."""
    configured = os.environ.get("HEALTHSITE_PG_BIN")
    candidates = [Path(configured)] if configured else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in candidates:
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (set HEALTHSITE_PG_BIN to its folder)")
    return found


def _run(command: list[str]) -> None:
    result = subprocess.run(  # noqa: S603 - fixed tool, arguments we build
        command, env=_pg_env(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def _sqlite_copy(*, source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    # Whole database in one step: pages copied under one read lock, a consistent snapshot.
    source.backup(target)


def _dump_database(*, engine: str, folder: Path) -> str:
    if engine == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_NAME)
        try:
            _sqlite_copy(source=connection.connection, target=target)
        finally:
            target.close()
        return SQLITE_NAME
    _run(
        [
            _pg_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--file",
            str(folder / POSTGRES_NAME),
        ]
    )
    return POSTGRES_NAME


def backup_create(*, directory: Path, include_media: bool = True) -> Path:
    """Write a new archive into `directory` and return its path."""
    engine = _engine()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    archive = directory / f"healthsite-{stamp}.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=directory) as scratch:
        folder = Path(scratch)
        database = _dump_database(engine=engine, folder=folder)
        media = include_media and media_root.is_dir()
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "engine": engine,
            "database": database,
            "media": media,
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(folder / MANIFEST, arcname=MANIFEST)
            tar.add(folder / database, arcname=database)
            if media:
                tar.add(media_root, arcname=MEDIA_DIR)
        partial.rename(archive)  # never leave a half-written archive under the final name
    return archive


def backup_read_manifest(*, archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest = json.loads(member.read())
    except (OSError, KeyError, tarfile.TarError, ValueError) as error:
        raise BackupError(f"{archive} is not a Healthsite backup: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} has an unknown backup format {manifest.get('format')}")
    return manifest


def backup_restore(*, archive: Path, include_media: bool = True) -> dict:
    """Replace the database (and media files) with the archive's; return its manifest."""
    manifest = backup_read_manifest(archive=archive)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            f"the backup is of a {manifest['engine']} database; this site uses {engine}"
        )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        with tarfile.open(archive, "r:gz") as tar:
            # The "data" filter refuses absolute paths, "..", links out of the folder, devices.
            tar.extractall(folder, filter="data")
        database = folder / manifest["database"]
        if engine == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(database)
            try:
                _sqlite_copy(source=source, target=connection.connection)
            finally:
                source.close()
        else:
            connections.close_all()  # hold no locks while tables are dropped and re-created
            _run(
                [
                    _pg_tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--dbname",
                    connection.settings_dict["NAME"],
                    str(database),
                ]
            )
        connections.close_all()
        if include_media and manifest.get("media") and (folder / MEDIA_DIR).is_dir():
            shutil.copytree(folder / MEDIA_DIR, Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    return manifest
