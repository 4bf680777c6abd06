"""Form pieces shared by every app."""

import unicodedata

from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

# A browser date picker; the value format it needs whatever the interface language.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def normalize_code(value: str) -> str:
    """A code as people paste it from Word or PDFs, made canonical: full-width characters
    half-width (NFKC, which also turns the ideographic space into a plain one), every space
    removed, letters upper-case. Credit codes, certificate and registration numbers."""
    return "".join(unicodedata.normalize("NFKC", value or "").split()).upper()


def save_unless_taken(form, *, on_conflict):
    """`form.save()`, or None when a unique constraint refuses it: another save took the
    number or year after the form checked (a double submit, two people at once). Then
    `on_conflict(form)` adds the error to show, instead of a 500."""
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError:
        on_conflict(form)
        return None


def add_conflict_error(form):
    form.add_error(
        None,
        _(
            "Someone else saved the same number or year just now. Nothing was saved: "
            "check the record and try again."
        ),
    )


def normalize_number(value):
    """Figures are copied from spreadsheets and Word: full-width digits and punctuation become
    half-width (NFKC), and thousands separators and spaces go ("1,234.5" → "1234.5")."""
    if not isinstance(value, str):
        return value
    return "".join(unicodedata.normalize("NFKC", value).replace(",", "").split())


class GroupedDecimalField(forms.DecimalField):
    """A decimal that may be typed with thousands separators."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        return super().to_python(normalize_number(value))


class GroupedIntegerField(forms.IntegerField):
    """A count that may be typed with thousands separators."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        return super().to_python(normalize_number(value))
