"""Link conditions to their first-line drugs from our editors' table (drugs/first_line.toml),
each link citing its public source. Import drugs and conditions first: unknown drugs and
conditions are reported, never invented.

    manage.py import_first_line [PATH] [--dry-run]
"""

from drugs.importers.first_line import FIRST_LINE_TABLE, FirstLineImporter
from healthsite.importing import ImportCommand, existing_path


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument(
            "path", nargs="?", type=existing_path, default=FIRST_LINE_TABLE, help="the table"
        )

    def importer(self, options):
        return FirstLineImporter(options["path"])
