"""Import drug names, ingredients, strengths, forms, routes, application numbers and
marketing status from the Drugs@FDA data files (the zip, or a folder of its .txt files).

    manage.py import_drugsfda ../shared/data/drugsfda/drugsatfda.zip [--dry-run]
"""

from drugs.importers.drugsfda import DrugsfdaImporter
from healthsite.importing import ImportCommand, existing_path


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument(
            "path", type=existing_path, help="drugsatfda.zip or a folder of its files"
        )

    def importer(self, options):
        return DrugsfdaImporter(options["path"])
