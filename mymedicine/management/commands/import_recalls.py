"""Import openFDA drug enforcement reports (recalls) and match them to our drugs.

    manage.py import_recalls ../shared/data/openfda/enforcement/recalls.json [--dry-run]

Matches by NDC (printed in the description or lot codes, else openFDA's), then by the
exact set of active ingredients with an agreeing route, else not at all; bulk chemicals and
medical gases are kept but never linked (mymedicine/matching.py). The summary says how
many recalls each rule matched. Readers who opted in to alerts for a profile holding a
medicine a recall names by NDC get one email per open recall (queued as background tasks; a
dry run sends none). Streaming and idempotent: recalls are keyed by recall number.
"""

from healthsite.importing import ImportCommand, existing_path
from mymedicine.importers.recalls import RecallsImporter


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument("path", type=existing_path, help="openFDA enforcement JSON file")

    def importer(self, options):
        return RecallsImporter(options["path"])
