"""Parsers of raw cell values: text from a CSV file, or what openpyxl reads from a workbook
(str, int, float, datetime, bool or None). Each returns the Python value a model field
takes, or raises ValidationError with a message saying what the cell should hold.

Blank cells (None, or only spaces) parse to None everywhere; whether that is allowed is
the caller's business (required columns, non-null fields).
"""

import datetime
import re
import unicodedata
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.forms import normalize_code

# Excel keeps 15 significant digits; anything beyond is binary noise (0.1 + 0.2 is stored as
# 0.30000000000000004), which must not read as a third decimal place.
EXCEL_DIGITS = 15

# 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日; a midnight time after it, as a CSV saved
# from Excel writes date cells ("2024/3/1 0:00").
_DATE = re.compile(
    r"(?P<year>\d{4})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*日?"
    r"(?:\s+0{1,2}:00(?::00)?)?"
)
YES = frozenset({"是", "Y", "YES", "1", "TRUE", "√"})
NO = frozenset({"否", "N", "NO", "0", "FALSE", "×"})


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _plain(value) -> str:
    """A number as the text a person would have typed: 12.0 → "12", no exponent."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 10**EXCEL_DIGITS:
            return str(int(value))
        number = Decimal(format(value, f".{EXCEL_DIGITS}g"))
        return format(number, "f")
    return str(value)


def _shown(value) -> str:
    """How a refused value is quoted in a message."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return _plain(value).strip()


def parse_text(value) -> str:
    """Free text: surrounding spaces dropped; a number typed into a text column (a phone
    number Excel took for a figure) as its digits."""
    if is_blank(value):
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return _plain(value).strip()


def parse_name(value) -> str:
    """A name: runs of spaces (a line break pasted from Word) become one space, as the
    enterprise form does."""
    return " ".join(parse_text(value).split())


def parse_phone(value) -> str:
    """A phone number: full-width digits half-width, spaces removed, as the form does."""
    return "".join(unicodedata.normalize("NFKC", parse_text(value)).split())


def parse_code(value) -> str:
    """A credit code, certificate or registration number, normalised as the forms do."""
    return normalize_code(parse_text(value))


def parse_date(value) -> datetime.date | None:
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        match = _DATE.fullmatch(unicodedata.normalize("NFKC", value).strip())
        if match:
            try:
                return datetime.date(*(int(match[part]) for part in ("year", "month", "day")))
            except ValueError:
                pass  # 2024-02-30: reported below like any other wrong date
    raise ValidationError(
        _("“%(value)s” is not a date: write it as 2024-03-01, 2024/3/1 or 2024年3月1日."),
        code="invalid_date",
        params={"value": _shown(value)},
    )


def parse_number(value, field: forms.Field):
    """A decimal or a whole number, judged by `field`, the browser form's own field (its
    limits: no negatives, the model's digits): the file gets the form's verdict. Thousands
    separators and full-width digits are accepted as the form accepts them."""
    if is_blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValidationError(
            _("“%(value)s” is not a number."), code="invalid", params={"value": _shown(value)}
        )
    return field.clean(_plain(value))


def parse_bool(value) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = unicodedata.normalize("NFKC", _plain(value)).strip().upper()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValidationError(
        _("“%(value)s” is neither yes nor no: write 是 or 否 (Y/N and 1/0 also do)."),
        code="invalid_boolean",
        params={"value": _shown(value)},
    )


def parse_choice(value, labels: dict[str, str], aliases: dict[str, str] | None = None):
    """One of a field's choices, written as its Chinese label (`labels`: stored value →
    label), another accepted name (`aliases`: name → stored value) or the stored value."""
    if is_blank(value):
        return None
    text = unicodedata.normalize("NFKC", _plain(value)).strip()
    by_name = {unicodedata.normalize("NFKC", label): stored for stored, label in labels.items()}
    by_name.update(aliases or {})
    if text in by_name:
        return by_name[text]
    if text.lower() in labels:
        return text.lower()
    raise ValidationError(
        _("“%(value)s” is not one of: %(choices)s."),
        code="invalid_choice",
        params={"value": text, "choices": "、".join(labels.values())},
    )
