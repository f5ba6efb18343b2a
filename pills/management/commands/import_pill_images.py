"""Import NLM pill photos named `<package NDC>_RXNAVIMAGE10_<hash>.jpg` from a folder (or
an archive of them).

    manage.py import_pill_images ../shared/data/pillbox/images

Each file is matched to its pill by the image file name (as the RxImage CSV lists it), else
by package NDC, else by product NDC; it must open as an image with Pillow. The original
(without metadata) and a rendition are stored. Files that are not images or match no pill
are reported and skipped. Idempotent.
"""

from healthsite.importing import ImportCommand, existing_path
from pills.importers.photos import PhotoImporter


class Command(ImportCommand):
    help = __doc__

    def add_inputs(self, parser):
        parser.add_argument("directory", type=existing_path, help="folder (or archive) of photos")

    def importer(self, options):
        return PhotoImporter(options["directory"])
