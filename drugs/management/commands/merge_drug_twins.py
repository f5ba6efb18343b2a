"""Merge published drugs that share an ingredient key into one page (a late import step).

    manage.py merge_drug_twins [--dry-run]

Drugs with the same active substances (`drugs.text.base_name`: salts, esters, hydrates and
spelling variants are one medicine) are merged into one: reviews, names, products, pills,
saved medicines and recall matches move, and the old address redirects with 301. Idempotent:
a second run finds no shared key and changes nothing.
"""

from drugs.importers.twins import DrugTwinsImporter
from healthsite.importing import ImportCommand


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        """No input file: the step reads our own tables."""

    def importer(self, options):
        return DrugTwinsImporter()
