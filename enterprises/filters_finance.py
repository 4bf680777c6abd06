"""Filters of the finance, white-list, statistics-reporting and policy lists."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.uscc import normalize_uscc
from guangde_plan.selectors import org_units_visible

from .filters import YES_NO, YearFilter
from .models import (
    FinanceRecord,
    Policy,
    PolicyBenefit,
    StatisticsReport,
    WhiteList,
    WhiteListEntry,
)


def _search(placeholder):
    return django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": placeholder}),
    )


def _unit_filter():
    return django_filters.ModelChoiceFilter(
        field_name="enterprise__org_unit",
        queryset=None,
        label=_("Township or park"),
        empty_label=_("All units"),
    )


class EnterpriseRowsFilter(django_filters.FilterSet):
    """Rows of an enterprise: a search on its name or credit code (and `extra_search`
    fields) and its unit, among those the user may see."""

    extra_search: tuple[str, ...] = ()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["org_unit"].queryset = org_units_visible(user=user)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(enterprise__name__icontains=value) | Q(
            enterprise__uscc__icontains=normalize_uscc(value)
        )
        for field in self.extra_search:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


class FinanceRecordFilter(EnterpriseRowsFilter):
    extra_search = ("bank",)

    q = _search(_("Enterprise name, credit code or bank"))
    kind = django_filters.ChoiceFilter(
        choices=FinanceRecord.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    status = django_filters.ChoiceFilter(
        choices=FinanceRecord.Status.choices, label=_("Status"), empty_label=_("All statuses")
    )
    org_unit = _unit_filter()
    year = YearFilter(field_name="started_on", lookup_expr="year", label=_("Start year"))

    class Meta:
        model = FinanceRecord
        fields = []


class WhiteListEntryFilter(EnterpriseRowsFilter):
    q = _search(_("Name, credit code or number"))
    recognition = django_filters.ChoiceFilter(
        choices=WhiteListEntry.Recognition.choices,
        label=_("Recognition"),
        empty_label=_("All recognitions"),
    )
    org_unit = _unit_filter()

    extra_search = ("number",)

    class Meta:
        model = WhiteListEntry
        fields = []


class StatisticsReportFilter(EnterpriseRowsFilter):
    q = _search(_("Name or credit code"))
    org_unit = _unit_filter()
    reported = django_filters.ChoiceFilter(
        method="filter_reported",
        choices=YES_NO,
        label=_("Reported"),
        empty_label=_("All"),
    )

    class Meta:
        model = StatisticsReport
        fields = []

    def filter_reported(self, queryset, name, value):
        return queryset.filter(reported_on__isnull=value != "true")


class PolicyBenefitFilter(EnterpriseRowsFilter):
    q = _search(_("Name or credit code"))
    org_unit = _unit_filter()
    year = YearFilter(field_name="granted_on", lookup_expr="year", label=_("Year granted"))

    class Meta:
        model = PolicyBenefit
        fields = []


class WhiteListFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="title",
        lookup_expr="icontains",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Words in the title")}),
    )
    year = YearFilter(field_name="as_of", lookup_expr="year", label=_("Year"))

    class Meta:
        model = WhiteList
        fields = []


class PolicyFilter(django_filters.FilterSet):
    q = _search(_("Words in the title or issuer"))
    year = YearFilter(field_name="issued_on", lookup_expr="year", label=_("Year issued"))

    class Meta:
        model = Policy
        fields = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(issuer__icontains=value))
