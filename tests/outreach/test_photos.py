"""Photo checks (outreach/photos.py): real images of four formats, bounded in bytes, pixels
and number; judged by content, never by name or declared type."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from outreach import photos
from outreach.photos import PhotosField, check_photo

from .factories import image_bytes, image_upload


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_real_images_of_the_four_formats_pass(image_format):
    checked = check_photo(image_upload("照片.bin", image_format, size=(64, 48)))
    assert (checked.format, checked.width, checked.height) == (image_format, 64, 48)
    assert checked.file.tell() == 0  # ready to be stored from the start


def _code(upload):
    with pytest.raises(ValidationError) as error:
        check_photo(upload)
    return error.value.code


def test_a_text_file_named_like_a_photo_is_refused():
    upload = SimpleUploadedFile("photo.jpg", b"not an image at all", "image/jpeg")
    assert _code(upload) == "not_an_image"


def test_a_truncated_image_is_refused():
    data = image_bytes("PNG", size=(200, 200))
    assert _code(SimpleUploadedFile("half.png", data[: len(data) // 2], "image/png")) == (
        "not_an_image"
    )


def test_an_image_format_not_allowed_is_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="BMP")
    assert _code(SimpleUploadedFile("photo.jpg", buffer.getvalue(), "image/jpeg")) == (
        "not_an_image"
    )


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(photos, "MAX_PHOTO_BYTES", 100)
    upload = image_upload("big.png", "PNG", size=(300, 300))
    assert upload.size > 100
    with pytest.raises(ValidationError) as error:
        check_photo(upload)
    assert error.value.code == "too_large"
    assert "big.png" in error.value.messages[0]


def _png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge picture (a decompression bomb's shape)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))


@pytest.mark.parametrize(("width", "height"), [(8000, 8000), (20000, 20000)])
def test_a_picture_of_too_many_pixels_is_refused(width, height):
    upload = SimpleUploadedFile("bomb.png", _png_header_claiming(width, height), "image/png")
    assert upload.size < 200
    assert _code(upload) == "too_many_pixels"


def test_the_field_takes_several_files_and_reports_each_bad_one():
    field = PhotosField()
    good = [image_upload("a.jpg"), image_upload("b.png", "PNG")]
    assert [photo.format for photo in field.clean(good)] == ["JPEG", "PNG"]
    bad = SimpleUploadedFile("c.jpg", b"text", "image/jpeg")
    worse = SimpleUploadedFile("d.gif", b"more text", "image/gif")
    with pytest.raises(ValidationError) as error:
        field.clean([image_upload("a.jpg"), bad, worse])
    assert [e.code for e in error.value.error_list] == ["not_an_image", "not_an_image"]
    assert "c.jpg" in error.value.messages[0] and "d.gif" in error.value.messages[1]


def test_the_field_limits_the_number_of_files_at_once():
    field = PhotosField()
    with pytest.raises(ValidationError) as error:
        field.clean([image_upload(f"{n}.jpg") for n in range(photos.MAX_PHOTOS_PER_UPLOAD + 1)])
    assert error.value.code == "too_many_files"


def test_no_file_is_an_empty_list_unless_required():
    assert PhotosField().clean([]) == []
    assert PhotosField().clean(None) == []
    with pytest.raises(ValidationError):
        PhotosField(required=True).clean([])
