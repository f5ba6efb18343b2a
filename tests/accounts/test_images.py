"""Avatars: only safe raster images, re-encoded small and without metadata."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts import services
from accounts.images import avatar_renditions
from tests.factories import make_user


def image_bytes(fmt="JPEG", size=(400, 300), color=(200, 30, 30), **save) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" else "RGB"
    Image.new(mode, size, color).save(out, format=fmt, **save)
    return out.getvalue()


def upload(data: bytes, name="picture.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _rgb(image: Image.Image, xy: tuple[int, int]) -> tuple[int, ...]:
    pixel = image.getpixel(xy)
    assert isinstance(pixel, tuple), pixel
    return pixel


def jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0131] = "Tracking Software 1.0"  # Software
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    return image_bytes(size=(400, 200), exif=exif.tobytes())


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims enormous dimensions (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_common_formats_become_square_jpegs(fmt):
    renditions = avatar_renditions(upload(image_bytes(fmt)))
    for side, data in renditions.items():
        image = Image.open(io.BytesIO(data))
        assert image.format == "JPEG"
        assert image.size == (side, side)
    assert set(renditions) == {256, 64}


def test_metadata_is_stripped():
    original = Image.open(io.BytesIO(jpeg_with_exif()))
    assert original.getexif()[0x010F] == "SecretCam"
    data = avatar_renditions(upload(jpeg_with_exif()))[256]
    image = Image.open(io.BytesIO(data))
    assert len(image.getexif()) == 0
    assert "exif" not in image.info
    assert "icc_profile" not in image.info
    assert b"SecretCam" not in data
    assert b"Tracking Software" not in data


def test_exif_orientation_is_applied_before_stripping():
    # Left half red, right half blue; orientation 6 means "turn 90° clockwise to view",
    # so the viewer sees red on top and blue at the bottom.
    picture = Image.new("RGB", (400, 200), (0, 0, 255))
    picture.paste((255, 0, 0), (0, 0, 200, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    picture.save(out, format="JPEG", exif=exif.tobytes())
    image = Image.open(io.BytesIO(avatar_renditions(upload(out.getvalue()))[256]))
    top, bottom = _rgb(image, (200, 20)), _rgb(image, (50, 236))
    assert top[0] > 200 and top[2] < 60
    assert bottom[2] > 200 and bottom[0] < 60


def test_transparent_png_is_flattened_on_white():
    data = image_bytes("PNG", color=(0, 0, 0, 0))
    image = Image.open(io.BytesIO(avatar_renditions(upload(data, "a.png", "image/png"))[64]))
    red, green, blue = _rgb(image, (32, 32))
    assert min(red, green, blue) > 240


SVG = b"""<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<script>alert(1)</script><rect width="10" height="10"/></svg>"""


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (SVG, "avatar.svg"),
        (b"%PDF-1.4 not a picture", "avatar.jpg"),
        (b"MZ\x90\x00 an executable", "avatar.png"),
        (b"", "empty.jpg"),
        (image_bytes()[:200], "truncated.jpg"),
        (b"<html><script>alert(1)</script></html>", "page.gif"),
    ],
)
def test_non_images_are_refused(data, name):
    with pytest.raises(ValidationError) as error:
        avatar_renditions(upload(data, name))
    assert "JPEG, PNG, GIF or WebP" in error.value.messages[0]


def test_other_raster_formats_are_refused():
    out = io.BytesIO()
    Image.new("RGB", (50, 50)).save(out, format="BMP")
    with pytest.raises(ValidationError):
        avatar_renditions(upload(out.getvalue(), "a.bmp"))


@pytest.mark.parametrize("size", [(100_000, 100_000), (30_000, 30_000), (6001, 10)])
def test_decompression_bombs_and_huge_dimensions_are_refused(size):
    with pytest.raises(ValidationError) as error:
        avatar_renditions(upload(png_header_claiming(*size), "bomb.png", "image/png"))
    assert error.value.code in {"dimensions", "invalid"}


def test_files_over_five_megabytes_are_refused():
    big = upload(b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 10))
    with pytest.raises(ValidationError) as error:
        avatar_renditions(big)
    assert error.value.code == "file_too_large"


@pytest.mark.django_db
def test_avatar_set_stores_renditions_and_replacing_deletes_old_files(
    django_capture_on_commit_callbacks,
):
    user = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        services.avatar_set(user=user, upload=upload(image_bytes()))
    avatar, small = user.avatar.name, user.avatar_small.name
    assert avatar and small
    first = [avatar, small]
    storage = user.avatar.storage
    assert all(storage.exists(name) for name in first)
    assert avatar.endswith("-256.jpg")
    assert small.endswith("-64.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        services.avatar_set(user=user, upload=upload(image_bytes(color=(0, 0, 255))))
    assert not any(storage.exists(name) for name in first)
    avatar, small = user.avatar.name, user.avatar_small.name
    assert avatar and small
    second = [avatar, small]
    with django_capture_on_commit_callbacks(execute=True):
        services.avatar_remove(user=user)
    assert not any(storage.exists(name) for name in second)
    user.refresh_from_db()
    assert not user.avatar


@pytest.mark.django_db
def test_refused_upload_leaves_the_current_avatar():
    user = make_user()
    services.avatar_set(user=user, upload=upload(image_bytes()))
    name = user.avatar.name
    with pytest.raises(ValidationError):
        services.avatar_set(user=user, upload=upload(SVG, "x.svg"))
    user.refresh_from_db()
    assert user.avatar.name == name
