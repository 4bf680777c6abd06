"""The platform list's filters. The "granted" pair is the click-through target of the
dashboard's section 三 figures: the same acts as the counting (selectors.recognitions_new),
so that the list's count is the dashboard's number."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guangde_plan.models import PLAN_YEAR_MAX, PLAN_YEAR_MIN
from guangde_plan.selectors import org_units_visible

from .models import Category, Level, Platform
from .models.platforms import RECOGNISED_LEVELS
from .selectors import platform_kinds, platforms_granted

OPEN, CLOSED = "open", "closed"


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class PlatformFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Name or host")}),
    )
    kind = django_filters.ModelChoiceFilter(
        queryset=None, label=_("Kind"), empty_label=_("All kinds")
    )
    category = django_filters.ChoiceFilter(
        field_name="kind__category",
        choices=Category.choices,
        label=_("Category"),
        empty_label=_("All categories"),
    )
    level = django_filters.ChoiceFilter(
        choices=Level.choices, label=_("Current level"), empty_label=_("All levels")
    )
    org_unit = django_filters.ModelChoiceFilter(
        queryset=None, label=_("Township or park"), empty_label=_("All units")
    )
    status = django_filters.ChoiceFilter(
        method="filter_status",
        choices=[(OPEN, _("Operating")), (CLOSED, _("Closed"))],
        label=_("Status"),
        empty_label=_("Operating or closed"),
    )
    granted_level = django_filters.ChoiceFilter(
        method="filter_granted",
        choices=RECOGNISED_LEVELS,
        label=_("Level granted"),
        empty_label=_("Any level"),
    )
    granted_year = YearFilter(
        method="filter_granted",
        label=_("Granted in"),
        min_value=PLAN_YEAR_MIN,
        max_value=PLAN_YEAR_MAX,
        widget=forms.NumberInput(attrs={"placeholder": _("Year")}),
    )

    class Meta:
        model = Platform
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["kind"].queryset = platform_kinds()
        self.filters["org_unit"].queryset = org_units_visible(user=user)

    def filter_q(self, queryset, name, value):
        value = " ".join(value.split())
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(host_organisation__icontains=value)
            | Q(host_enterprise__name__icontains=value)
        )

    def filter_status(self, queryset, name, value):
        return queryset.filter(closed_on__isnull=value == OPEN)

    def filter_granted(self, queryset, name, value):
        # Both fields name this method; the pair is applied once, by the year when given.
        data = self.form.cleaned_data
        level, year = data.get("granted_level") or "", data.get("granted_year")
        if name == "granted_level" and year is not None:
            return queryset
        # A subquery, not a list of ids: one query whatever the number of platforms.
        return queryset.filter(pk__in=platforms_granted(level=level, year=year).values("platform"))
