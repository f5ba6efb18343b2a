"""Import drug-drug interactions from the public lists into Interaction rows.

    manage.py import_interactions ../shared/data/interactions [--dry-run]

PATH may be files, folders (searched recursively) or archives. Read formats: the ONC mapped
CSVs, the ONC non-interruptive class table (.xlsx) and the merged PDDI .tsv (see
interactions/importers/interactions.py). Names are mapped to our ingredients (salts folded,
e.g. "warfarin sodium" is warfarin); names we do not know are reported, not created.
Idempotent: a pair met several times is merged by a fixed rule (the most severe severity
wins), so a second run over the same files changes nothing.
"""

from healthsite.importing import ImportCommand, existing_path
from interactions.importers.interactions import InteractionsImporter


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument("paths", nargs="+", type=existing_path, help="files or folders")
        parser.add_argument(
            "--show-unmapped", type=int, default=20, help="how many unmapped names to list"
        )

    def importer(self, options):
        return InteractionsImporter(options["paths"], show_unmapped=options["show_unmapped"])
