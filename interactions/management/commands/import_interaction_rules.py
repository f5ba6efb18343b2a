"""Load our editorial interaction rules into Interaction rows (source: editorial).

    manage.py import_interaction_rules [FOLDER] [--dry-run]

FOLDER holds the rule files (`*.toml`; default: the repository's interactions/rules, whose
README describes the format). Every problem in a file is reported with its file, rule id and
reason, and that rule is skipped while the others load. Each rule is expanded to every pair
of our ingredients it names (salt forms, FDA class members, exclusions); a pair named by
several rules takes the most severe, then the alphabetically first rule id. Editorial rows
a rule no longer produces are deleted; other sources' rows are never touched. Idempotent:
a second run changes nothing. Run after the drugs, their classes and import_interactions.
"""

from healthsite.importing import ImportCommand, existing_path
from interactions.importers.editorial import EditorialRulesImporter


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument(
            "folder", nargs="?", type=existing_path, help="folder of rule files (*.toml)"
        )

    def importer(self, options):
        return EditorialRulesImporter(options["folder"])
