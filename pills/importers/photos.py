"""NLM RxImage photo files: `<package NDC 5-4-2>_RXNAVIMAGE10_<hash>.jpg`, in a folder or
an archive."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from healthsite.importing import Importer, ImportRun, Rejected, count_inputs, open_inputs
from pills.importers.rximage import package_ndc_from_filename
from pills.models import Pill
from pills.services import PillImageError, pill_image_attach, pill_image_status

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}


@dataclass
class Photo:
    name: str  # the file name, e.g. "00071-0155-23_RXNAVIMAGE10_AAAA0001.jpg"
    package_ndc: str
    content: bytes


def read_photos(path: Path) -> Iterator[Photo | Rejected]:
    """Every file in the folder or archive (in name order); Rejected when it cannot be a
    pill photo by its name. MAPPING.csv and hidden files are not photos: skipped silently."""
    for member in open_inputs(path):
        name = member.basename
        suffix = Path(name).suffix.lower()
        if suffix == ".csv" or name.startswith("."):
            continue
        ndc = package_ndc_from_filename(name)
        if suffix not in IMAGE_SUFFIXES:
            yield Rejected(name, f"not an image file name ({suffix or 'no extension'})")
        elif not ndc:
            yield Rejected(name, "no package NDC at the start of the file name")
        else:
            yield Photo(name=name, package_ndc=ndc, content=member.stream.read())


def find_pill(photo: Photo) -> Pill | None:
    """The pill this photo shows: by its RxImage file name, else by product NDC."""
    stem = photo.name.rsplit(".", 1)[0].upper()
    pill = Pill.objects.filter(source_key=f"rximage:{stem}").first()
    if pill is None:
        pill = Pill.objects.filter(product_ndc=photo.package_ndc[:9]).order_by("pk").first()
    return pill


class PhotoImporter(Importer[Photo]):
    """Each photo is attached to its pill (verified, metadata stripped, rendition made).

    A dry run only checks each photo and says what attaching it would do: stored files are
    not rolled back with the database, so nothing is written."""

    label = "Pill photos"
    unit = "pictures"

    def __init__(self, path: Path) -> None:
        self.path = path

    def total(self) -> int | None:
        return count_inputs(self.path, suffixes=IMAGE_SUFFIXES)

    def read(self) -> Iterator[Photo | Rejected]:
        return read_photos(self.path)

    def save(self, records: list[Photo], run: ImportRun) -> None:
        for photo in records:
            pill = find_pill(photo)
            if pill is None:
                run.reject(photo.name, "no pill with this image name or NDC")
                continue
            try:
                if run.dry_run:
                    status = pill_image_status(
                        pill=pill, source_name=photo.name, content=photo.content
                    )
                else:
                    _image, status = pill_image_attach(
                        pill=pill, source_name=photo.name, content=photo.content
                    )
            except PillImageError as error:
                run.reject(photo.name, str(error))
                continue
            run.add("picture", status)
