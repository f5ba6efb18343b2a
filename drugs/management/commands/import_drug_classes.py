"""Import FDA pharmacologic classes per substance and give each ingredient its classes.

    manage.py import_drug_classes ../shared/data/drug-classes/drug-class-mapping.tsv.gz

Reads the Pittsburgh PDDI `drug-class-mapping.tsv` (plain, .gz or in an archive). An
ingredient gets the classes of its own substance, else of its base substance without salt or
ester ("sertraline hydrochloride" gets SERTRALINE's). Substances matching none of our
ingredients are counted, not rejected. Idempotent: a second run changes nothing.
"""

from drugs.importers.drug_classes import DrugClassImporter
from healthsite.importing import ImportCommand, existing_path


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument("path", type=existing_path, help="the class mapping TSV file")

    def importer(self, options):
        return DrugClassImporter(options["path"])
