"""Photo uploads: only real images of a few formats, of a bounded size, a few at a time.

A file is judged by its content, never by its name or the browser's content type: Pillow
must recognise it as one of ALLOWED_FORMATS and `verify()` must find it intact. Its size is
checked before Pillow reads anything, and its pixel count before it could be decoded (a
small file can claim a huge picture: a decompression bomb).
"""

import warnings
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_PIXELS = 50_000_000  # a 50-megapixel camera; Pillow's own bomb limit is ~89 M
MAX_PHOTOS_PER_UPLOAD = 10
MAX_PHOTOS_PER_EVENT = 30
ACCEPT = "image/jpeg,image/png,image/webp,image/gif"


@dataclass(frozen=True)
class CheckedPhoto:
    file: UploadedFile
    format: str
    width: int
    height: int


def check_photo(upload: UploadedFile) -> CheckedPhoto:
    """The upload as a checked photo, or ValidationError naming the file and what is wrong."""
    name = {"name": upload.name}
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s; a photo may be at most %(limit)s.")
            % {
                **name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_PHOTO_BYTES),
            },
            code="too_large",
        )
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it: a refusal here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                image_format, (width, height) = image.format, image.size
                if width * height > MAX_PHOTO_PIXELS:
                    raise _too_many_pixels(upload, width, height)
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("“%(name)s” is far too large a picture to be a photo.") % name,
            code="too_many_pixels",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        # verify() reports a damaged file with any of these, depending on the format.
        raise _not_an_image(upload) from error
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise _not_an_image(upload)
    return CheckedPhoto(file=upload, format=image_format, width=width, height=height)


def _not_an_image(upload) -> ValidationError:
    return ValidationError(
        _("“%(name)s” is not a photo: upload JPEG, PNG, WebP or GIF images.")
        % {"name": upload.name},
        code="not_an_image",
    )


def _too_many_pixels(upload, width, height) -> ValidationError:
    return ValidationError(
        _(
            "“%(name)s” is %(width)s × %(height)s pixels; a photo may have at most "
            "%(limit)s million."
        )
        % {
            "name": upload.name,
            "width": width,
            "height": height,
            "limit": MAX_PHOTO_PIXELS // 1_000_000,
        },
        code="too_many_pixels",
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one field (Django's documented multiple-file pattern); cleans to a
    list of CheckedPhoto, each file checked, every problem reported."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > MAX_PHOTOS_PER_UPLOAD:
            raise ValidationError(
                _("Upload at most %(limit)s photos at a time.") % {"limit": MAX_PHOTOS_PER_UPLOAD},
                code="too_many_files",
            )
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(check_photo(super().clean(upload, initial)))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return checked
