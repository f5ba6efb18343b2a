"""Load the ICD-10-CM Tabular List XML into the conditions vocabulary.

    manage.py import_icd10cm icd10cm-tabular-2026.xml.gz [--dry-run]

Streams the file; code titles become condition names and inclusion terms become other
names (synonyms). Idempotent: rows are matched by code and only new or changed ones are
written, so a second run reports nothing changed. Rejected records are listed with the
reason and the run goes on.
"""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importers.icd10cm import Icd10cmReader
from articles.services import conditions_sync


class Command(BaseCommand):
    help = "Import ICD-10-CM codes (CMS tabular XML, .xml or .xml.gz) as conditions."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")

    def handle(self, *args, path: Path, dry_run: bool, **options):
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        reader = Icd10cmReader(path)
        tty = sys.stderr.isatty() and options.get("verbosity", 1) > 0
        started = time.monotonic()

        def progress(summary) -> None:
            if tty:
                done = reader.fraction_read()
                bar = "#" * int(done * 30)
                seen = summary.created + summary.updated + summary.unchanged
                sys.stderr.write(f"\r[{bar:<30}] {done:4.0%} {seen:,} codes")
                sys.stderr.flush()

        summary = conditions_sync(records=reader, dry_run=dry_run, on_batch=progress)
        if tty:
            sys.stderr.write("\n")
        for code, reason in summary.rejected:
            self.stderr.write(f"rejected {code}: {reason}")
        elapsed = time.monotonic() - started
        prefix = "Dry run, nothing written: would have " if dry_run else ""
        self.stdout.write(
            f"{prefix}{summary.created:,} created, {summary.updated:,} updated, "
            f"{summary.unchanged:,} unchanged, {len(summary.rejected):,} rejected "
            f"in {elapsed:.1f}s."
        )
        if not summary.changed:
            self.stdout.write(self.style.SUCCESS("Nothing changed."))
