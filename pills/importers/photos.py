"""NLM RxImage photo files: `<package NDC 5-4-2>_RXNAVIMAGE10_<hash>.jpg`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pills.importers.rximage import package_ndc_from_filename
from pills.models import Pill

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}


@dataclass
class Photo:
    path: Path
    package_ndc: str
    reason: str = ""  # why it is refused before opening, "" when fine


def iter_photos(directory: Path) -> Iterator[Photo]:
    """Every file in the folder (sorted), with a reason when it cannot be a pill photo."""
    for path in sorted(p for p in directory.iterdir() if p.is_file()):
        if path.suffix.lower() == ".csv" or path.name.startswith("."):
            continue  # MAPPING.csv and hidden files are not photos: skip silently
        ndc = package_ndc_from_filename(path.name)
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            yield Photo(path, ndc, f"not an image file name ({path.suffix or 'no extension'})")
        elif not ndc:
            yield Photo(path, ndc, "no package NDC at the start of the file name")
        else:
            yield Photo(path, ndc)


def find_pill(photo: Photo) -> Pill | None:
    """The pill this photo shows: by its RxImage file name, else by product NDC."""
    stem = photo.path.name.rsplit(".", 1)[0].upper()
    pill = Pill.objects.filter(source_key=f"rximage:{stem}").first()
    if pill is None:
        pill = Pill.objects.filter(product_ndc=photo.package_ndc[:9]).order_by("pk").first()
    return pill
