"""Load our consumer conditions (the condition pages readers see) from TOML files.

    manage.py import_conditions [FOLDER] [--dry-run] [--rejected-report PATH]

FOLDER holds `*.toml` files (default: the repository's articles/conditions, whose README
describes the format). A bad entry is reported with its file, slug and reason and skipped;
related slugs and ICD-10-CM codes that do not exist are reported as notes. Then every
ICD-10-CM entry is linked to the consumer condition covering its code, and the lookup terms
and the site index follow. Idempotent: a second run changes nothing. Run after
import_icd10cm.
"""

from articles.importers.conditions import ConsumerConditionsImporter
from healthsite.importing import ImportCommand, existing_path


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument(
            "folder", nargs="?", type=existing_path, help="folder of condition files (*.toml)"
        )

    def importer(self, options):
        return ConsumerConditionsImporter(options["folder"])
