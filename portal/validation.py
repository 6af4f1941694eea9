"""Checks on what people type and upload: phone numbers, national IDs, photos and logos."""

import io
import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Arabic-Indic and Persian digits, which Arabic phone keyboards type.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_EGYPT_MOBILE = re.compile(r"^(?:\+?20|0020)?0?(1[0125]\d{8})$")
_SAUDI_MOBILE = re.compile(r"^(?:\+?966|00966)?0?(5\d{8})$")
# Governorate codes in the Egyptian national ID (88 = born abroad).
_NATIONAL_ID_GOVERNORATES = {"01", "02", "03", "04", "88"} | {
    str(code) for code in [*range(11, 20), *range(21, 30), *range(31, 36)]
}


def western_digits(text: str) -> str:
    return (text or "").translate(_DIGITS)


def normalize_phone(raw: str) -> str:
    """An Egyptian or Saudi mobile number in international form (+201…, +9665…)."""
    compact = re.sub(r"[\s\-().]", "", western_digits(raw))
    if match := _EGYPT_MOBILE.match(compact):
        return f"+20{match.group(1)}"
    if match := _SAUDI_MOBILE.match(compact):
        return f"+966{match.group(1)}"
    raise ValidationError(
        _("Enter a mobile number such as 01012345678 (Egypt) or 0501234567 (Saudi Arabia)."),
        code="phone",
    )


def validate_national_id(raw: str) -> str:
    """An Egyptian national ID: 14 digits holding a real birth date and a governorate code."""
    number = western_digits(raw).strip()
    if not re.fullmatch(r"\d{14}", number):
        raise ValidationError(_("The national ID is 14 digits."), code="national_id")
    century = {"2": 1900, "3": 2000}.get(number[0])
    try:
        born = date(century + int(number[1:3]), int(number[3:5]), int(number[5:7])) if century else None
    except ValueError:
        born = None
    if born is None or born > date.today():
        raise ValidationError(_("The national ID does not hold a valid birth date."), code="national_id")
    if number[7:9] not in _NATIONAL_ID_GOVERNORATES:
        raise ValidationError(
            _("The national ID does not hold a valid governorate code."), code="national_id"
        )
    return number


# MPO is the multi-picture JPEG many phone cameras write; it is stored as a plain JPEG.
ALLOWED_IMAGE_FORMATS = {"JPEG": "image/jpeg", "MPO": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; larger ones are refused before they are decoded


def clean_photo(upload, max_bytes: int | None = None) -> tuple[bytes, str]:
    """The photo re-encoded without metadata, and its content type; refuses anything not an image.

    The content is checked, not the name: a PDF renamed .jpg is refused.
    """
    max_bytes = max_bytes or settings.COMPLAINT_PHOTO_MAX_BYTES
    if upload.size > max_bytes:
        limit = max(1, max_bytes // (1024 * 1024))
        raise ValidationError(_("A photo may be at most %(limit)s MB.") % {"limit": limit}, code="photo_size")
    try:
        image = Image.open(upload)
        image.verify()  # verify() leaves the image unusable, so it is opened again below
        upload.seek(0)
        image = Image.open(upload)
        image_format = image.format
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("The photo is too large; send a smaller one."), code="photo_size")
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_("The file is not a photo (JPEG, PNG or WebP)."), code="photo_type") from error
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(_("The file is not a photo (JPEG, PNG or WebP)."), code="photo_type")
    return _without_metadata(image, image_format), ALLOWED_IMAGE_FORMATS[image_format]


def _without_metadata(image: Image.Image, image_format: str) -> bytes:
    upright = ImageOps.exif_transpose(image)  # keep the orientation the EXIF asked for, then drop EXIF
    image_format = "JPEG" if image_format == "MPO" else image_format
    if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    output = io.BytesIO()
    upright.save(output, format=image_format, **({"quality": 85} if image_format == "JPEG" else {}))
    return output.getvalue()
