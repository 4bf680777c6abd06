"""Forms of technology finance, the bank white lists, statistics reporting and policies."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.forms import DATE_INPUT, GroupedDecimalField
from guangde_plan.lib.uscc import normalize_uscc
from guangde_plan.lib.validators import validate_past_date

from .models import (
    Enterprise,
    FinanceRecord,
    Policy,
    PolicyBenefit,
    StatisticsReport,
    WhiteList,
    WhiteListEntry,
)
from .selectors_finance import white_list_number_for


class PastDatesMixin:
    """Refuses a future date (or one before 1949) in each of `past_dates`: these record
    what already happened."""

    past_dates: tuple[str, ...] = ()

    def _post_clean(self):
        for name in self.past_dates:
            value = self.cleaned_data.get(name)
            if value is not None:
                try:
                    validate_past_date(value)
                except ValidationError as error:
                    self.add_error(name, error)
        super()._post_clean()


class FinanceRecordForm(PastDatesMixin, forms.ModelForm):
    """A finance record of `instance.enterprise` (set by the view before validation, so
    that the model's clean() — no end before the start — shows beside the end date)."""

    past_dates = ("started_on",)

    class Meta:
        model = FinanceRecord
        fields = ["kind", "bank", "amount", "status", "started_on", "ended_on", "note"]
        field_classes = {"amount": GroupedDecimalField}
        widgets = {
            "started_on": DATE_INPUT,
            "ended_on": DATE_INPUT,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_bank(self):
        return " ".join(self.cleaned_data["bank"].split())


class WhiteListForm(PastDatesMixin, forms.ModelForm):
    """Generating a white list: its title and the day its recognitions must be valid on."""

    past_dates = ("as_of",)

    class Meta:
        model = WhiteList
        fields = ["title", "as_of", "note"]
        widgets = {"as_of": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 3})}


class WhiteListEntryForm(forms.ModelForm):
    """Adding one enterprise to `instance.white_list` by hand: refused unless it holds the
    chosen recognition valid on the list's day; the number is that recognition's."""

    enterprise = forms.CharField(
        label=_("Credit code of the enterprise"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = WhiteListEntry
        fields = ["enterprise", "recognition"]

    def clean_enterprise(self):
        uscc = normalize_uscc(self.cleaned_data["enterprise"])
        enterprise = Enterprise.objects.filter(uscc=uscc).first()
        if enterprise is None:
            raise ValidationError(
                _("No enterprise with the credit code %(code)s is in the registry."),
                code="unknown_enterprise",
                params={"code": uscc},
            )
        return enterprise

    def clean(self):
        cleaned = super().clean()
        enterprise, recognition = cleaned.get("enterprise"), cleaned.get("recognition")
        if enterprise is None or not recognition:
            return cleaned
        white_list = self.instance.white_list
        if white_list.entries.filter(enterprise=enterprise, recognition=recognition).exists():
            self.add_error(
                "enterprise",
                ValidationError(
                    _("%(name)s is already on this list for this recognition."),
                    code="already_listed",
                    params={"name": enterprise.name},
                ),
            )
            return cleaned
        number = white_list_number_for(
            enterprise=enterprise, recognition=recognition, day=white_list.as_of
        )
        if number is None:
            self.add_error(
                "enterprise",
                ValidationError(
                    _(
                        "%(name)s holds no %(recognition)s valid on %(day)s, the day of "
                        "this list: it cannot go on it."
                    ),
                    code="no_valid_recognition",
                    params={
                        "name": enterprise.name,
                        "recognition": WhiteListEntry.Recognition(recognition).label,
                        "day": white_list.as_of.isoformat(),
                    },
                ),
            )
        self.instance.number = number or ""
        return cleaned


def _codes(text: str) -> list[str]:
    """Credit codes pasted from Excel: one per line, or separated by commas or spaces."""
    return [normalize_uscc(code) for code in re.split(r"[\s,，;；、]+", text or "") if code]


class StatisticsAddForm(forms.Form):
    """Enterprises to put on a year's key list: pasted credit codes, every 规上 enterprise,
    or both."""

    codes = forms.CharField(
        label=_("Credit codes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line, as copied from an Excel column."),
    )
    all_above_designated_size = forms.BooleanField(
        label=_("Add every enterprise above designated size (规上)"), required=False
    )

    def clean_codes(self):
        codes = _codes(self.cleaned_data["codes"])
        found = dict(Enterprise.objects.filter(uscc__in=codes).values_list("uscc", "pk"))
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise ValidationError(
                _("Not in the registry: %(codes)s. Nothing was added."),
                code="unknown_enterprise",
                params={"codes": "、".join(unknown[:20])},
            )
        return list(found.values())

    def clean(self):
        cleaned = super().clean()
        if (
            "codes" in cleaned
            and not cleaned["codes"]
            and not cleaned.get("all_above_designated_size")
        ):
            self.add_error(
                "codes",
                ValidationError(
                    _(
                        "Paste at least one credit code, or tick “every enterprise above "
                        "designated size”."
                    ),
                    code="required",
                ),
            )
        return cleaned

    def enterprises(self):
        """The enterprises chosen (a queryset, not yet run)."""
        chosen = Enterprise.objects.filter(pk__in=self.cleaned_data["codes"])
        if self.cleaned_data["all_above_designated_size"]:
            chosen = chosen | Enterprise.objects.filter(is_above_designated_size=True)
        return chosen


class StatisticsReportedForm(PastDatesMixin, forms.ModelForm):
    """Marking an enterprise of the key list as reported, on a day."""

    past_dates = ("reported_on",)

    class Meta:
        model = StatisticsReport
        fields = ["reported_on"]
        widgets = {"reported_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_on"].required = True


class PolicyForm(PastDatesMixin, forms.ModelForm):
    past_dates = ("issued_on",)

    class Meta:
        model = Policy
        fields = ["title", "issuer", "issued_on", "summary"]
        widgets = {"issued_on": DATE_INPUT, "summary": forms.Textarea(attrs={"rows": 4})}

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())


class PolicyBenefitForm(PastDatesMixin, forms.ModelForm):
    """A benefit of `instance.enterprise` (set by the view)."""

    past_dates = ("granted_on",)

    class Meta:
        model = PolicyBenefit
        fields = ["policy", "amount", "granted_on", "note"]
        field_classes = {"amount": GroupedDecimalField}
        widgets = {"granted_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy"].queryset = Policy.objects.order_by("-issued_on", "title")
