"""Check an uploaded avatar and turn it into clean square renditions.

Only real raster images in a few common formats are accepted. The header is read first
and huge or "decompression bomb" images are refused before any pixel is decoded. The
picture is then decoded, turned upright (EXIF orientation), cropped square, resized and
re-encoded as JPEG without any metadata (no EXIF, GPS, XMP or ICC data is carried over).
"""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000
MAX_PIXELS = 24_000_000
RENDITION_SIZES = (256, 64)
JPEG_QUALITY = 85

NOT_AN_IMAGE = _("The file must be a photo or picture in JPEG, PNG, GIF or WebP format.")
TOO_LARGE_FILE = _("The picture must be smaller than 5 MB.")
TOO_LARGE_IMAGE = _("The picture must be at most 6000 pixels wide and high.")


def _open(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        # Pillow warns about, then refuses, very large images: treat both as a refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(io.BytesIO(data))


def avatar_renditions(upload: File) -> dict[int, bytes]:
    """Validate `upload` (a file-like object) and return {size: JPEG bytes}.

    Raises ValidationError with a message a reader can act on.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(TOO_LARGE_FILE, code="file_too_large")
    upload.seek(0)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(TOO_LARGE_FILE, code="file_too_large")
    try:
        image = _open(data)
        if image.format not in ALLOWED_FORMATS:
            raise ValidationError(NOT_AN_IMAGE, code="format")
        width, height = image.size
        if width < 1 or height < 1:
            raise ValidationError(NOT_AN_IMAGE, code="format")
        if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
            raise ValidationError(TOO_LARGE_IMAGE, code="dimensions")
        image.verify()  # structural check; the object is unusable afterwards
        image = _open(data)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.seek(0)  # first frame of an animation
            image.load()
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
    ) as error:
        raise ValidationError(NOT_AN_IMAGE, code="invalid") from error
    return _render(image)


def _flatten(image: Image.Image) -> Image.Image:
    """RGB pixels only: transparency goes onto white, palettes and CMYK are converted."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _render(image: Image.Image) -> dict[int, bytes]:
    image = ImageOps.exif_transpose(image) or image
    image = _flatten(image)
    renditions = {}
    for side in RENDITION_SIZES:
        square = ImageOps.fit(image, (side, side), method=Image.Resampling.LANCZOS)
        # A fresh image holds pixels only: nothing of the original's metadata survives.
        clean = Image.new("RGB", square.size)
        clean.paste(square)
        out = io.BytesIO()
        clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        renditions[side] = out.getvalue()
    return renditions
