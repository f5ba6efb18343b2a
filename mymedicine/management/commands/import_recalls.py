"""Import openFDA drug enforcement reports (recalls) and match them to our drugs.

    manage.py import_recalls ../shared/data/openfda/enforcement/recalls.json [--dry-run]

Matches by NDC (package or product code), RxCUI, brand and generic names, and when openFDA
gives none of these, by the drug named at the start of the product description. Readers who
opted in to alerts for a profile holding a matched medicine get one email per open recall
(queued as background tasks). Streaming and idempotent: recalls are keyed by recall number.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from mymedicine import services
from mymedicine.importers.openfda_enforcement import parse_enforcement
from mymedicine.importers.records import Rejected
from mymedicine.management.progress import Progress
from mymedicine.matching import DrugIndex


class DryRun(Exception):
    pass


class Command(BaseCommand):
    help = __doc__.strip().splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("path", help="openFDA enforcement JSON file")
        parser.add_argument("--dry-run", action="store_true", help="read and match, save nothing")

    def handle(self, *args, path, dry_run, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{source} is not a file")
        counts = {services.CREATED: 0, services.UPDATED: 0, services.UNCHANGED: 0}
        matched = 0
        rejected: list[Rejected] = []
        progress = Progress(source.name)
        try:
            with transaction.atomic():
                index = DrugIndex.build()
                for item in parse_enforcement(source):
                    progress.step()
                    if isinstance(item, Rejected):
                        rejected.append(item)
                        continue
                    recall, status = services.recall_upsert(record=item, index=index)
                    counts[status] += 1
                    matched += recall.matches.exists()
                progress.done()
                if dry_run:
                    raise DryRun
        except DryRun:
            self.stdout.write("Dry run: nothing was saved and no alert was sent.")
        for item in rejected:
            self.stderr.write(f"rejected {item.where}: {item.reason}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Recalls: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged; {matched} matched to our drugs; "
                f"{len(rejected)} rejected."
            )
        )
