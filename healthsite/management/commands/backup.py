"""Back up the database and the uploaded media into one archive (`make backup`).

Safe while the site runs: SQLite is copied with its online backup API, PostgreSQL with
`pg_dump` (one consistent snapshot). See healthsite/backup.py and docs/operations.md.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from healthsite.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write a backup archive (database and media) into --directory (default backups/)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=Path(settings.BASE_DIR) / "backups",
            help="Folder for the archive (created if missing).",
        )
        parser.add_argument("--no-media", action="store_true", help="Leave the uploaded files out.")

    def handle(self, *args, **options):
        try:
            archive = backup_create(
                directory=options["directory"], include_media=not options["no_media"]
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = archive.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Backup written: {archive} ({size:,} bytes)"))
