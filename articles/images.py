"""Pillow work for article pictures: validate, strip metadata, make WebP/JPEG renditions."""

from __future__ import annotations

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from articles.models import RENDITION_WIDTHS

MAX_PIXELS = 40_000_000


def open_validated(data: bytes) -> Image.Image:
    """Open upload bytes as an image, refusing anything Pillow cannot fully decode."""
    try:
        probe = Image.open(BytesIO(data))
        probe.verify()
        image: Image.Image = Image.open(BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("The picture is too large."))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("The file is not a picture we can read.")) from exc
    image = ImageOps.exif_transpose(image)
    return image.convert("RGB")


def clean_original(image: Image.Image) -> bytes:
    """Re-encode as JPEG so camera metadata (location, device) never reaches the site."""
    out = BytesIO()
    image.save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue()


def make_renditions(image: Image.Image, *, prefix: str) -> list[dict]:
    """Save WebP and JPEG copies at each standard width up to the picture's own width."""
    widths = [w for w in RENDITION_WIDTHS if w < image.width] or [image.width]
    if image.width not in widths and image.width < RENDITION_WIDTHS[-1]:
        widths.append(image.width)
    renditions = []
    for width in sorted(set(widths)):
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        for fmt, ext, options in (
            ("webp", "webp", {"quality": 80, "method": 4}),
            ("jpeg", "jpg", {"quality": 82, "optimize": True, "progressive": True}),
        ):
            out = BytesIO()
            resized.save(out, fmt.upper(), **options)
            name = default_storage.save(f"{prefix}-{width}.{ext}", ContentFile(out.getvalue()))
            renditions.append({"width": width, "height": height, "format": fmt, "name": name})
    return renditions


def delete_renditions(renditions: list[dict]) -> None:
    for rendition in renditions:
        default_storage.delete(rendition["name"])
