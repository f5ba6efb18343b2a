"""Import drug ↔ condition links from LabeledIn and PharmacotherapyDB, creating conditions
that are missing. Import drugs first (import_drugsfda, import_spl): unknown drugs are
reported, never invented.

    manage.py import_indications ../shared/data/indications/ [--dry-run]
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from drugs.importers.indications import IndicationsFormatError, import_indications
from drugs.management.commands._progress import Progress


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="folder with the data sets, or one file")
        parser.add_argument("--dry-run", action="store_true", help="report, save nothing")

    def handle(self, *args, path: Path, dry_run: bool, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        progress = Progress(self.stdout, label="Indications")
        try:
            report = import_indications(path, dry_run=dry_run, progress=progress)
        except IndicationsFormatError as error:
            raise CommandError(str(error)) from error
        progress.close()
        for line in report.lines():
            self.stdout.write(line)
