"""Import drug ↔ condition links from LabeledIn and PharmacotherapyDB, creating conditions
that are missing. Import drugs first (import_drugsfda, import_spl): unknown drugs are
reported, never invented.

    manage.py import_indications ../shared/data/indications/ [--dry-run]
"""

from drugs.importers.indications import IndicationsImporter
from healthsite.importing import ImportCommand, existing_path


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument(
            "path", type=existing_path, help="folder or archive with the data sets, or one file"
        )

    def importer(self, options):
        return IndicationsImporter(options["path"])
