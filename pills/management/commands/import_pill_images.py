"""Import NLM pill photos named `<package NDC>_RXNAVIMAGE10_<hash>.jpg` from a folder.

    manage.py import_pill_images ../shared/data/pillbox/images

Each file is matched to its pill by the image file name (as the RxImage CSV lists it), else
by package NDC, else by product NDC; it must open as an image with Pillow. The original
(without metadata) and a rendition are stored. Files that are not images or match no pill
are reported and skipped. Idempotent.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pills.importers.photos import find_pill, iter_photos
from pills.management.commands._progress import Progress, report_rejected
from pills.services import PillImageError, pill_image_attach, verify_image


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check files, save nothing")

    def handle(self, *args, directory: Path, dry_run: bool, **options):
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder")
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        rejected: list[tuple[str, str]] = []
        photos = list(iter_photos(directory))
        progress = Progress(self.stdout, label="pictures", total=len(photos))
        for photo in photos:
            progress.step()
            if photo.reason:
                rejected.append((photo.path.name, photo.reason))
                continue
            pill = find_pill(photo)
            if pill is None:
                rejected.append((photo.path.name, "no pill with this image name or NDC"))
                continue
            content = photo.path.read_bytes()
            try:
                if dry_run:
                    verify_image(content)
                    continue
                _image, status = pill_image_attach(
                    pill=pill, source_name=photo.path.name, content=content
                )
            except PillImageError as error:
                rejected.append((photo.path.name, str(error)))
                continue
            counts[status] += 1
        progress.close()
        report_rejected(self.stderr, rejected)
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{sum(counts.values())} pictures: {counts['created']} created, "
            f"{counts['updated']} updated, {counts['unchanged']} unchanged; "
            f"{len(rejected)} rejected."
        )
