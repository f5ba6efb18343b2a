"""Import drug names, ingredients, strengths, forms, routes, application numbers and
marketing status from the Drugs@FDA data files (the zip, or a folder of its .txt files).

    manage.py import_drugsfda ../shared/data/drugsfda/drugsatfda.zip [--dry-run]
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from drugs.importers.drugsfda import DrugsfdaFormatError, count_products, import_drugsfda
from drugs.management.commands._progress import Progress


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="drugsatfda.zip or a folder of its files")
        parser.add_argument("--dry-run", action="store_true", help="report, save nothing")

    def handle(self, *args, path: Path, dry_run: bool, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        progress = Progress(self.stdout, total=count_products(path), label="Products")
        try:
            report = import_drugsfda(path, dry_run=dry_run, progress=progress)
        except DrugsfdaFormatError as error:
            raise CommandError(str(error)) from error
        progress.close()
        for line in report.lines():
            self.stdout.write(line)
