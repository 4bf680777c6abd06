"""Form pieces shared by every app."""

import unicodedata

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import validate_past_date

# A browser date picker; the value format it needs whatever the interface language.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def field_names(layout) -> list[str]:
    return [name for name, _css in layout]


class LaidOutForm(forms.ModelForm):
    """A form with a `layout` for the shared template; fields it no longer has are skipped."""

    layout: tuple[tuple[str, str], ...] = ()
    squeezed: tuple[str, ...] = ()  # names, titles: runs of spaces become one
    past_dates: tuple[str, ...] = ()  # dates of what has happened: not in the future

    def rows(self):
        return [(self[name], css) for name, css in self.layout if name in self.fields]

    def clean(self):
        cleaned = super().clean()
        for name in self.squeezed:
            if cleaned.get(name):
                cleaned[name] = " ".join(cleaned[name].split())
        for name in self.past_dates:
            if cleaned.get(name):
                try:
                    validate_past_date(cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: beside the field it names, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = form.service_fields.get(name, name)
        form.add_error(field if field in form.fields else NON_FIELD_ERRORS, errors)


class StageMoveForm(forms.Form):
    """A move of a pipeline-like record (an enterprise's cultivation entry, a platform's
    application): subclasses give `to_stage` its stages; the service checks the move."""

    to_stage = forms.ChoiceField(label=_("New stage"))
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    service_fields = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate


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


def normalize_phone(value: str) -> str:
    """A phone number as typed: full-width digits half-width (NFKC), the spaces people put
    between groups of digits removed; the field's validator then judges it."""
    return "".join(unicodedata.normalize("NFKC", value or "").split())


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
