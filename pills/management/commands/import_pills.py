"""Import pill appearance from the NLM RxImage CSV (.csv, .csv.gz or in an archive).

    manage.py import_pills ../shared/data/pillbox/extract/pill_color_imprint_dataset.csv.gz

Each distinct image file is one pill (repeated rows are one pill). Pills are linked to a drug
and product by NDC or ingredient name; a drug is created when none matches. Idempotent:
a second run changes nothing. Rejected rows are listed with their reason; the run goes on.
"""

from healthsite.importing import ImportCommand, existing_path
from pills.importers.rximage import RxImageImporter


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument("path", type=existing_path, help="the RxImage CSV file")
        parser.add_argument(
            "--no-create-drugs",
            action="store_true",
            help="link to existing drugs only; do not create drugs for unmatched pills",
        )

    def importer(self, options):
        return RxImageImporter(options["path"], create_drugs=not options["no_create_drugs"])
