"""Import DailyMed SPL label files (or folders of them): names, ingredients, products with
NDCs, label sections as monographs, and pill characteristics for the pills app.

    manage.py import_spl ../shared/data/dailymed-spl/ [more files or folders] [--dry-run]
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from drugs.importers.spl import import_spl, spl_files
from drugs.management.commands._progress import Progress


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="SPL .xml files or folders")
        parser.add_argument("--dry-run", action="store_true", help="report, save nothing")

    def handle(self, *args, paths: list[Path], dry_run: bool, **options):
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"not found: {', '.join(missing)}")
        progress = Progress(self.stdout, total=sum(1 for _ in spl_files(paths)), label="Labels")
        report = import_spl(paths, dry_run=dry_run, progress=progress)
        progress.close()
        for line in report.lines():
            self.stdout.write(line)
