"""Load the supplement monographs our editors keep as files (drugs/supplements/*.toml):
pages for vitamins, minerals, herbs and other supplements with their other names,
ingredients and public sources. A file with problems is reported and skipped.

    manage.py import_supplements [PATH] [--dry-run]
"""

from drugs.importers.supplements import SUPPLEMENTS_DIR, SupplementsImporter
from healthsite.importing import ImportCommand, existing_path


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=existing_path,
            default=SUPPLEMENTS_DIR,
            help="folder of supplement files, or one file (default: drugs/supplements/)",
        )

    def importer(self, options):
        return SupplementsImporter(options["path"])
