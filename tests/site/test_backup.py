"""`manage.py backup` then `manage.py restore` brings back exactly what was backed up: the
database (SQLite always; PostgreSQL when the run uses it) and the uploaded media."""

import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "avatars").mkdir(parents=True)
    return settings.MEDIA_ROOT


def _only_archive(folder):
    archives = list(folder.glob("*.tar.gz"))
    assert len(archives) == 1, archives
    return archives[0]


def test_backup_change_restore_finds_the_original(media, tmp_path):
    kept = make_user(display_name="Original name")
    picture = media / "avatars" / "kept-256.jpg"
    picture.write_bytes(b"original picture")
    call_command("backup", directory=tmp_path / "backups")
    archive = _only_archive(tmp_path / "backups")

    User.objects.filter(pk=kept.pk).update(display_name="Changed name")
    added = make_user(display_name="Added after the backup")
    picture.write_bytes(b"changed picture")

    call_command("restore", archive, interactive=False)

    assert User.objects.get(pk=kept.pk).display_name == "Original name"
    assert not User.objects.filter(pk=added.pk).exists()
    assert picture.read_bytes() == b"original picture"
    # The site keeps working on the restored data: it can write again.
    assert make_user(display_name="After the restore").pk


def test_the_archive_says_what_it_holds(media, tmp_path):
    call_command("backup", directory=tmp_path, no_media=True)
    with tarfile.open(_only_archive(tmp_path)) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        names = tar.getnames()
    assert manifest["engine"] == connection.vendor
    assert manifest["database"] in names
    assert manifest["media"] is False
    assert not any(name.startswith("media") for name in names)


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a Healthsite backup"):
        call_command("restore", bogus, interactive=False)


def test_a_backup_of_another_engine_is_refused(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"format": 1, "engine": other, "database": "x"}))
    archive = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(manifest, arcname="manifest.json")
    with pytest.raises(CommandError, match=f"backup is of a {other} database"):
        call_command("restore", archive, interactive=False)
