"""Import DailyMed SPL labels: names, ingredients, products with NDCs, label sections as
monographs, and pill characteristics for the pills app. Reads .xml files, folders, and
archives as DailyMed distributes them (zips of zips, .tar.gz), streamed.

    manage.py import_spl ../shared/data/dailymed-spl/ [more files or folders] [--dry-run]
"""

from drugs.importers.spl import SplImporter
from healthsite.importing import ImportCommand, existing_path


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument(
            "paths", nargs="+", type=existing_path, help="SPL .xml files, folders or archives"
        )

    def importer(self, options):
        return SplImporter(options["paths"])
