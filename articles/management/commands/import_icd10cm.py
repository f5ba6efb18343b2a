"""Import ICD-10-CM codes (CMS tabular XML: .xml, .xml.gz or an archive) as conditions.

    manage.py import_icd10cm icd10cm-tabular-2026.xml.gz [--dry-run] [--rejected-report PATH]

Streams the file; code titles become condition names and inclusion terms become other
names (synonyms). Idempotent: rows are matched by code and only new or changed ones are
written, so a second run reports nothing changed. Rejected records are listed with the
reason and the run goes on.
"""

from articles.importers.icd10cm import Icd10cmImporter
from healthsite.importing import ImportCommand, existing_path


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument("path", type=existing_path, help="the tabular XML file")

    def importer(self, options):
        return Icd10cmImporter(options["path"])
