"""Forms and filters of the recognition and pipeline pages."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.forms import DATE_INPUT, StageMoveForm, normalize_code
from guangde_plan.lib.uscc import normalize_uscc
from guangde_plan.models import PLAN_YEAR_MIN, PlanYear
from guangde_plan.selectors import org_units_visible

from .models import HteCertificate, PipelineEntry, Stage, TechSmeRegistration, Track
from .selectors_figures import plan_year_list
from .selectors_pipelines import (
    certificate_find_by_number,
    registration_find_by_number,
    registration_year_taken,
)

NUMBER_ATTRS = {"autocomplete": "off", "spellcheck": "false", "style": "text-transform: uppercase"}


def _validate_model_field(model, name: str, value) -> None:
    """The model field's own validators (its format rule), run before the duplicate look-up
    so that a malformed number is reported as such."""
    model._meta.get_field(name).run_validators(value)


class HteCertificateForm(forms.ModelForm):
    # Longer than the 14 stored characters so that a number pasted with spaces reaches
    # clean_number, which says what is wrong with it.
    number = forms.CharField(
        label=HteCertificate._meta.get_field("number").verbose_name,
        max_length=40,
        help_text=_("GR followed by 12 digits; spaces and full-width characters are corrected."),
    )

    class Meta:
        model = HteCertificate
        fields = ["number", "issued_on"]
        widgets = {"issued_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].widget.attrs.update(NUMBER_ATTRS)

    def clean_number(self):
        number = normalize_code(self.cleaned_data["number"])
        _validate_model_field(HteCertificate, "number", number)
        existing = certificate_find_by_number(number=number)
        if existing is not None and existing.pk != self.instance.pk:
            raise ValidationError(
                _(
                    "Certificate %(number)s is already recorded for “%(name)s” (%(unit)s). "
                    "Ask the bureau if that record is wrong instead of adding it again."
                ),
                code="certificate_duplicate",
                params={
                    "number": number,
                    "name": existing.enterprise.name,
                    "unit": existing.enterprise.org_unit.name,
                },
            )
        return number


class TechSmeRegistrationForm(forms.ModelForm):
    number = forms.CharField(
        label=TechSmeRegistration._meta.get_field("number").verbose_name,
        max_length=60,
        help_text=_(
            "As printed on the registration; spaces and full-width characters are corrected."
        ),
    )

    class Meta:
        model = TechSmeRegistration
        fields = ["year", "number"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model accepts any plan year; a registration further ahead than next year is a
        # typo, so the form is stricter.
        self.fields["year"] = forms.IntegerField(
            label=TechSmeRegistration._meta.get_field("year").verbose_name,
            min_value=PLAN_YEAR_MIN,
            max_value=timezone.localdate().year + 1,
        )
        if self.initial.get("year") is None:  # a new registration: most are for this year
            self.initial["year"] = timezone.localdate().year
        self.fields["number"].widget.attrs.update(NUMBER_ATTRS)

    def clean_number(self):
        number = normalize_code(self.cleaned_data["number"])
        _validate_model_field(TechSmeRegistration, "number", number)
        existing = registration_find_by_number(number=number)
        if existing is not None and existing.pk != self.instance.pk:
            raise ValidationError(
                _(
                    "Registration %(number)s is already recorded for “%(name)s” (%(unit)s). "
                    "Ask the bureau if that record is wrong instead of adding it again."
                ),
                code="registration_duplicate",
                params={
                    "number": number,
                    "name": existing.enterprise.name,
                    "unit": existing.enterprise.org_unit.name,
                },
            )
        return number

    def clean_year(self):
        year = self.cleaned_data["year"]
        # The enterprise is not a form field, so the model's one-per-year constraint would
        # not be checked by the form: check it here, with a message on the field.
        if registration_year_taken(
            enterprise_id=self.instance.enterprise_id, year=year, exclude_pk=self.instance.pk
        ):
            raise ValidationError(
                _("This enterprise already has a tech-SME registration for %(year)d."),
                code="registration_year_taken",
                params={"year": year},
            )
        return year


class PipelineStartForm(forms.Form):
    track = forms.ChoiceField(
        label=PipelineEntry._meta.get_field("track").verbose_name, choices=Track.choices
    )
    # Choices from one list, not a ModelChoiceField: that one queries again each time its
    # choices are iterated (validation, and twice in the crispy template).
    plan_year = forms.TypedChoiceField(
        label=PipelineEntry._meta.get_field("plan_year").verbose_name, coerce=int
    )
    stage = forms.ChoiceField(
        label=PipelineEntry._meta.get_field("stage").verbose_name,
        choices=Stage.choices,
        initial=Stage.SURVEYED,
    )
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    # The services name their fields after their own arguments.
    service_fields = {"to_stage": "stage"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate
        self.plan_years = {plan_year.pk: plan_year for plan_year in plan_year_list()}
        self.fields["plan_year"].choices = [
            (pk, plan_year.year) for pk, plan_year in self.plan_years.items()
        ]
        if self.plan_years and not self.initial.get("plan_year"):
            self.initial["plan_year"] = next(iter(self.plan_years))  # the latest

    def clean_plan_year(self) -> PlanYear:
        return self.plan_years[self.cleaned_data["plan_year"]]


class PipelineMoveForm(StageMoveForm):
    to_stage = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)


class BoardFilterForm(forms.Form):
    """The board's GET filters. The year is read (and 404ed) by the view; here it only
    renders the choice."""

    year = forms.TypedChoiceField(label=_("Plan year"), coerce=int, required=False)
    org_unit = forms.ModelChoiceField(
        label=_("Township or park"), queryset=None, required=False, empty_label=_("All units")
    )

    def __init__(self, *args, user, years: list[PlanYear], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(plan_year.year, plan_year.year) for plan_year in years]
        self.fields["org_unit"].queryset = org_units_visible(user=user)
        for field in self.fields.values():
            field.widget.attrs["data-autosubmit"] = ""


class PipelineEntryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Name or credit code")}),
    )
    track = django_filters.ChoiceFilter(
        choices=Track.choices, label=_("Track"), empty_label=_("Both tracks")
    )
    year = django_filters.ChoiceFilter(
        field_name="plan_year__year", choices=[], label=_("Plan year"), empty_label=_("All years")
    )
    stage = django_filters.ChoiceFilter(
        choices=Stage.choices, label=_("Stage"), empty_label=_("All stages")
    )
    org_unit = django_filters.ModelChoiceFilter(
        field_name="enterprise__org_unit",
        queryset=None,
        label=_("Township or park"),
        empty_label=_("All units"),
    )

    class Meta:
        model = PipelineEntry
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["org_unit"].queryset = org_units_visible(user=user)
        self.filters["year"].extra["choices"] = [
            (str(plan_year.year), plan_year.year) for plan_year in plan_year_list()
        ]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(enterprise__name__icontains=value)
            | Q(enterprise__uscc__icontains=normalize_uscc(value))
        )


# Sortable ledger columns: the request's `sort` value → the ORDER BY fields. `pk` last keeps
# the order stable from one page to the next.
LEDGER_SORTS = {
    "enterprise": ("enterprise__name", "pk"),
    "org_unit": (
        "enterprise__org_unit__sort_order",
        "enterprise__org_unit__code",
        "enterprise__name",
        "pk",
    ),
    "track": ("track", "enterprise__name", "pk"),
    "year": ("plan_year__year", "enterprise__name", "pk"),
    "stage": ("stage_order", "enterprise__name", "pk"),
    "since": ("stage_changed_on", "pk"),
}
LEDGER_DEFAULT_SORT = "-year"


def ledger_ordering_for(sort: str | None) -> tuple[str, tuple[str, ...]]:
    """The normalised sort key and its ORDER BY; unknown keys fall back to the default
    (latest plan year first)."""
    sort = sort or LEDGER_DEFAULT_SORT
    key = sort.lstrip("-")
    if key not in LEDGER_SORTS:
        return ledger_ordering_for(LEDGER_DEFAULT_SORT)
    fields = LEDGER_SORTS[key]
    if sort.startswith("-"):
        # Only the first field turns round; the tie-breakers keep their order.
        fields = (f"-{fields[0]}", *fields[1:])
    return sort, fields
