"""Import the NIH Dietary Supplement Label Database product list (DSLD `lstProducts` CSV,
or the zip it is published in): brand, product name, form, claims, intended group, market
status. Each product is linked to the supplement page its name plainly names, or to none
(run after import_supplements). Bad rows are reported and skipped; running twice changes
nothing.

    manage.py import_supplement_products ../shared/data/supplements [--dry-run]
"""

from drugs.importers.dsld import SupplementProductsImporter
from healthsite.importing import ImportCommand, existing_path


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument(
            "paths", nargs="+", type=existing_path, help="CSV files, zips of them, or folders"
        )

    def importer(self, options):
        return SupplementProductsImporter(options["paths"])
