"""Give every drug without ingredient links its ingredients (a late import step).

    manage.py link_drug_ingredients [--dry-run]

Each such drug is merged into the drug with the same ingredient key that has ingredients
(reviews, names, products, pills, saved medicines and recall matches move; its old address
redirects with 301), or linked to the ingredients its key names. Idempotent: a second run
finds no drug without ingredients and changes nothing.
"""

from drugs.importers.ingredientless import IngredientlessDrugsImporter
from healthsite.importing import ImportCommand


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        """No input file: the step reads our own tables."""

    def importer(self, options):
        return IngredientlessDrugsImporter()
