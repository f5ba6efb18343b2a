"""Import pill appearance from the NLM RxImage CSV (.csv or .csv.gz).

    manage.py import_pills ../shared/data/pillbox/extract/pill_color_imprint_dataset.csv.gz

Each distinct image file is one pill (repeated rows are one pill). Pills are linked to a drug
and product by NDC or ingredient name; a drug is created when none matches. Idempotent:
a second run changes nothing. Rejected rows are listed with their reason; the run goes on.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pills.importers.rximage import PillRecord, read_pills
from pills.management.commands._progress import Progress, report_rejected
from pills.services import pill_drug_resolve, pill_upsert


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="parse and report, save nothing")
        parser.add_argument(
            "--no-create-drugs",
            action="store_true",
            help="link to existing drugs only; do not create drugs for unmatched pills",
        )

    def handle(self, *args, path: Path, dry_run: bool, no_create_drugs: bool, **options):
        if not path.is_file():
            raise CommandError(f"{path} is not a file")
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        linked = 0
        rejected: list[tuple[str, str]] = []
        progress = Progress(self.stdout, label="pills")
        try:
            with transaction.atomic():
                for record in read_pills(path):
                    progress.step()
                    if not isinstance(record, PillRecord):
                        rejected.append((f"line {record.line} {record.key}", record.reason))
                        continue
                    try:
                        drug, product = pill_drug_resolve(
                            product_ndc=record.product_ndc,
                            ingredient_names=record.ingredients,
                            brand=record.brand,
                            create=not no_create_drugs,
                            source_key=record.source_key,
                        )
                        result = pill_upsert(
                            source="rximage",
                            source_key=record.source_key,
                            product_ndc=record.product_ndc,
                            package_ndcs=[record.package_ndc],
                            name=record.name,
                            strength=record.strength,
                            dosage_form=record.dosage_form,
                            labeler=product.labeler if product else "",
                            imprint=record.imprint,
                            shape=record.shape,
                            colors=record.colors,
                            drug=drug,
                            product=product,
                        )
                    except ValueError as error:
                        rejected.append((f"line {record.line} {record.image_filename}", str(error)))
                        continue
                    counts[result.status] += 1
                    linked += result.pill.drug_id is not None
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        progress.close()
        report_rejected(self.stderr, rejected)
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{sum(counts.values())} pills: {counts['created']} created, "
            f"{counts['updated']} updated, {counts['unchanged']} unchanged; "
            f"{linked} linked to a drug; {len(rejected)} rejected."
        )
