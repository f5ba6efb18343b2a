"""Restore a backup archive made by `manage.py backup` (`make restore FILE=...`).

Replaces everything in the database with the archive's contents and writes its media files
back. Stop the site (or at least expect errors for a moment) while it runs.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from healthsite.backup import BackupError, backup_read_manifest, backup_restore


class Command(BaseCommand):
    help = "Replace the database (and media files) with those of a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="A .tar.gz made by manage.py backup.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )
        parser.add_argument("--no-media", action="store_true", help="Restore the database only.")

    def handle(self, *args, **options):
        archive = options["archive"]
        try:
            manifest = backup_read_manifest(archive=archive)
            if options["interactive"]:
                answer = input(
                    f"Replace ALL data with the backup of {manifest['created_at']}? "
                    "Type 'yes' to continue: "
                )
                if answer.strip().lower() != "yes":
                    raise CommandError("Restore cancelled.")
            backup_restore(archive=archive, include_media=not options["no_media"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Restored the backup of {manifest['created_at']} from {archive}")
        )
