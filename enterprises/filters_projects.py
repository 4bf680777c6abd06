"""Filters of the technology-project lists and the intermediary list."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.forms import DATE_INPUT
from guangde_plan.lib.uscc import normalize_uscc
from guangde_plan.lib.validators import EARLIEST_DATE
from guangde_plan.models import PLAN_YEAR_MAX
from guangde_plan.selectors import org_units_visible

from .filters import YES_NO, YearFilter
from .models import Cooperation, Intermediary, KeyProject, TechDemand


class EnterpriseRecordFilter(django_filters.FilterSet):
    """Search, unit and year for records of an enterprise. Subclasses name the text fields
    searched besides the enterprise's name and code (`search_fields`) and the date whose
    year the year filter looks at (`year_field`)."""

    search_fields: tuple[str, ...] = ()
    year_field = ""
    placeholder = ""

    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    org_unit = django_filters.ModelChoiceFilter(
        field_name="enterprise__org_unit",
        queryset=None,
        label=_("Township or park"),
        empty_label=_("All units"),
    )
    year = YearFilter(
        method="filter_year",
        label=_("Year"),
        min_value=EARLIEST_DATE.year,
        max_value=PLAN_YEAR_MAX,
        widget=forms.NumberInput(attrs={"placeholder": _("Year")}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["org_unit"].queryset = org_units_visible(user=user)
        self.form.fields["q"].widget.attrs["placeholder"] = self.placeholder

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        found = Q(enterprise__name__icontains=value) | Q(
            enterprise__uscc__icontains=normalize_uscc(value)
        )
        for field in self.search_fields:
            found |= Q(**{f"{field}__icontains": value})
        return queryset.filter(found)

    def filter_year(self, queryset, name, value):
        return queryset.filter(**{f"{self.year_field}__year": value})


class TechDemandFilter(EnterpriseRecordFilter):
    search_fields = ("title", "description", "matched_with")
    placeholder = _("Enterprise, credit code or words of the title")
    year_field = "collected_on"

    kind = django_filters.ChoiceFilter(
        choices=TechDemand.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    status = django_filters.ChoiceFilter(
        choices=TechDemand.Status.choices, label=_("Status"), empty_label=_("All statuses")
    )

    class Meta:
        model = TechDemand
        fields = []


class CooperationFilter(EnterpriseRecordFilter):
    search_fields = ("partner", "subject")
    placeholder = _("Enterprise, university or institute, subject")
    year_field = "started_on"

    class Meta:
        model = Cooperation
        fields = []


class KeyProjectFilter(EnterpriseRecordFilter):
    search_fields = ("title",)
    placeholder = _("Enterprise, credit code or project")
    year_field = "applied_on"

    kind = django_filters.ChoiceFilter(
        choices=KeyProject.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    level = django_filters.ChoiceFilter(
        choices=KeyProject.Level.choices, label=_("Level"), empty_label=_("All levels")
    )
    status = django_filters.ChoiceFilter(
        choices=KeyProject.Status.choices, label=_("Status"), empty_label=_("All statuses")
    )

    class Meta:
        model = KeyProject
        fields = []


class IntermediaryFilter(django_filters.FilterSet):
    """Whether an intermediary is on the white list is asked of a day (`on`, default today):
    on the list since that day or before, and not past its end."""

    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Name or services")}),
    )
    origin = django_filters.ChoiceFilter(
        choices=Intermediary.Origin.choices, label=_("Origin"), empty_label=_("All origins")
    )
    whitelisted = django_filters.ChoiceFilter(
        method="filter_whitelisted",
        choices=YES_NO,
        label=_("On the white list"),
        empty_label=_("All"),
    )
    on = django_filters.DateFilter(method="filter_nothing", label=_("On"), widget=DATE_INPUT)

    class Meta:
        model = Intermediary
        fields = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(services__icontains=value))

    def filter_whitelisted(self, queryset, name, value):
        day = self.form.cleaned_data.get("on") or timezone.localdate()
        listed = whitelisted_q(day)
        return queryset.filter(listed) if value == "true" else queryset.exclude(listed)

    def filter_nothing(self, queryset, name, value):
        # The day only qualifies the white-list filter.
        return queryset


def whitelisted_q(day) -> Q:
    """On the white list on `day`: the query form of Intermediary.is_whitelisted_on.
    `isnull=False` keeps it TRUE/FALSE for those never listed, so that excluding works."""
    return Q(whitelisted_on__isnull=False, whitelisted_on__lte=day) & (
        Q(whitelist_until__isnull=True) | Q(whitelist_until__gte=day)
    )
