"""Filters and sorting of the help-ledger lists."""

import django_filters
from django import forms
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.forms import DATE_INPUT
from guangde_plan.lib.uscc import normalize_uscc
from guangde_plan.selectors import org_units_visible

from .filters import YES_NO
from .models import HelpActivity, HelpItem
from .selectors_help import help_item_overdue_q

# The partner offices the plan names for trainings and symposia (税务、统计、园区).
PARTNER_FIELDS = {
    "tax": "with_tax_office",
    "statistics": "with_statistics_office",
    "park": "with_park_office",
}
PARTNER_CHOICES = [
    ("tax", _("Tax office")),
    ("statistics", _("Statistics office")),
    ("park", _("Park office")),
]


class HelpActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Words in the title")}),
    )
    kind = django_filters.ChoiceFilter(
        choices=HelpActivity.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    org_unit = django_filters.ModelChoiceFilter(
        queryset=None,
        label=_("Township or park"),
        empty_label=_("All units"),
        null_label=_("City-wide"),
        null_value="city",
    )
    held_from = django_filters.DateFilter(
        field_name="held_on", lookup_expr="gte", label=_("From"), widget=DATE_INPUT
    )
    held_to = django_filters.DateFilter(
        field_name="held_on", lookup_expr="lte", label=_("To"), widget=DATE_INPUT
    )
    partner = django_filters.ChoiceFilter(
        method="filter_partner",
        choices=PARTNER_CHOICES,
        label=_("Held with"),
        empty_label=_("Any partner"),
    )

    class Meta:
        model = HelpActivity
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["org_unit"].queryset = org_units_visible(user=user)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(title__icontains=value) if value else queryset

    def filter_partner(self, queryset, name, value):
        return queryset.filter(**{PARTNER_FIELDS[value]: True})


class HelpItemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        widget=forms.TextInput(
            attrs={"placeholder": _("Enterprise name or credit code, or words of the problem")}
        ),
    )
    kind = django_filters.ChoiceFilter(
        choices=HelpItem.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    status = django_filters.ChoiceFilter(
        choices=HelpItem.Status.choices, label=_("Status"), empty_label=_("All statuses")
    )
    org_unit = django_filters.ModelChoiceFilter(
        field_name="enterprise__org_unit",
        queryset=None,
        label=_("Township or park"),
        empty_label=_("All units"),
    )
    overdue = django_filters.ChoiceFilter(
        method="filter_overdue", choices=YES_NO, label=_("Overdue"), empty_label=_("All")
    )

    class Meta:
        model = HelpItem
        fields = []

    def __init__(self, *args, user, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.filters["org_unit"].queryset = org_units_visible(user=user)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(enterprise__name__icontains=value)
            | Q(enterprise__uscc__icontains=normalize_uscc(value))
            | Q(problem__icontains=value)
        )

    def filter_overdue(self, queryset, name, value):
        overdue = help_item_overdue_q(today=self.today)
        return queryset.filter(overdue) if value == "true" else queryset.exclude(overdue)


# Sortable columns of the item list: the request's `sort` value → ORDER BY. Items without a
# due date go last both ways; `pk` last keeps the order stable from one page to the next.
ITEM_SORTS = {
    "due_on": (F("due_on").asc(nulls_last=True), "pk"),
    "-due_on": (F("due_on").desc(nulls_last=True), "-pk"),
    "raised_on": ("raised_on", "pk"),
    "-raised_on": ("-raised_on", "-pk"),
    "enterprise": ("enterprise__name", "pk"),
    "-enterprise": ("-enterprise__name", "-pk"),
}
# Without a sort: what still needs doing first, the most urgent on top.
ITEM_DEFAULT_ORDER = (
    Case(When(status=HelpItem.Status.DONE, then=Value(1)), default=Value(0)),
    F("due_on").asc(nulls_last=True),
    "-raised_on",
    "pk",
)


def item_ordering_for(sort: str | None) -> tuple[str, tuple]:
    """The normalised sort key ("" for the default order) and its ORDER BY."""
    if sort in ITEM_SORTS:
        return sort, ITEM_SORTS[sort]
    return "", ITEM_DEFAULT_ORDER
