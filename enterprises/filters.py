import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.uscc import normalize_uscc
from guangde_plan.models import PLAN_YEAR_MAX, PLAN_YEAR_MIN
from guangde_plan.selectors import org_units_visible

from .models import Enterprise, TechField, tracking_cutoff
from .recognitions import hte_holders_on, tech_sme_registered

YES_NO = [("true", _("Yes")), ("false", _("No"))]


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class EnterpriseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Name or credit code")}),
    )
    org_unit = django_filters.ModelChoiceFilter(
        queryset=None, label=_("Township or park"), empty_label=_("All units")
    )
    tech_field = django_filters.ChoiceFilter(
        choices=TechField.choices, label=_("High-tech field"), empty_label=_("All fields")
    )
    above_size = django_filters.ChoiceFilter(
        method="filter_above_size",
        choices=YES_NO,
        label=_("Above designated size"),
        empty_label=_("All"),
    )
    recent_production = django_filters.ChoiceFilter(
        method="filter_recent_production",
        choices=YES_NO,
        label=_("Started production in the last two years"),
        empty_label=_("All"),
    )
    # The click-through targets of the dashboard's figures: the same counting rules, so that
    # the list's count is the dashboard's number.
    hte_valid_on = django_filters.DateFilter(
        method="filter_hte_valid_on",
        label=_("High-tech certificate valid on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sme_year = YearFilter(
        method="filter_sme_year",
        label=_("Tech-SME registered for"),
        min_value=PLAN_YEAR_MIN,
        max_value=PLAN_YEAR_MAX,
        widget=forms.NumberInput(attrs={"placeholder": _("Year")}),
    )

    class Meta:
        model = Enterprise
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["org_unit"].queryset = org_units_visible(user=user)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(uscc__icontains=normalize_uscc(value)))

    def filter_above_size(self, queryset, name, value):
        return queryset.filter(is_above_designated_size=value == "true")

    def filter_recent_production(self, queryset, name, value):
        cutoff = tracking_cutoff(timezone.localdate())
        recent = Q(production_started_on__gte=cutoff)
        return queryset.filter(recent) if value == "true" else queryset.exclude(recent)

    def filter_hte_valid_on(self, queryset, name, value):
        # A subquery, not a list of ids: one query whatever the number of holders.
        return queryset.filter(pk__in=hte_holders_on(day=value).values("pk"))

    def filter_sme_year(self, queryset, name, value):
        return queryset.filter(pk__in=tech_sme_registered(year=value).values("pk"))


# Sortable columns: the request's `sort` value → the ORDER BY fields. `pk` last keeps the
# order stable from one page to the next.
SORTS = {
    "name": ("name", "pk"),
    "uscc": ("uscc", "pk"),
    "org_unit": ("org_unit__sort_order", "org_unit__code", "name", "pk"),
    "registered_on": ("registered_on", "pk"),
    "production_started_on": ("production_started_on", "pk"),
    "updated_at": ("updated_at", "pk"),
}


def ordering_for(sort: str | None) -> tuple[str, tuple[str, ...]]:
    """The normalised sort key and its ORDER BY; unknown keys fall back to the name."""
    sort = sort or "name"
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORTS:
        return "name", SORTS["name"]
    fields = SORTS[key]
    if descending:
        fields = tuple(f"-{field}" for field in fields)
    return sort, fields
