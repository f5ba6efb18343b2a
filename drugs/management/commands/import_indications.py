"""Import drug ↔ condition links from LabeledIn and PharmacotherapyDB, creating conditions
that are missing. Import drugs first (import_drugsfda, import_spl): unknown drugs are
reported, never invented.

    manage.py import_indications ../shared/data/indications/ [--dry-run]
        [--spl-ingredients ../shared/data/pillbox/api/spl_ingredients.csv.gz]

With Pillbox's table of each label's active substances, LabeledIn labels we have not
imported still lead to the drug made of those substances.
"""

from drugs.importers.indications import IndicationsImporter
from healthsite.importing import ImportCommand, existing_path


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument(
            "path", type=existing_path, help="folder or archive with the data sets, or one file"
        )
        parser.add_argument(
            "--spl-ingredients",
            type=existing_path,
            help="Pillbox spl_ingredients.csv(.gz): each SPL label's active substances",
        )

    def importer(self, options):
        return IndicationsImporter(options["path"], spl_ingredients=options["spl_ingredients"])
