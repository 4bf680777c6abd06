"""Filters of the outreach lists. Every choice a filter offers comes from the user's scope,
so a liaison cannot widen it with a parameter (another unit is an invalid choice)."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guangde_plan.models import PLAN_YEAR_MAX, PLAN_YEAR_MIN
from guangde_plan.selectors import org_units_visible

from .keydays import KeyDayKind
from .models import Base, Event, Honoree, Level, Paper, Society
from .models.societies import RENEWAL_NOTICE_DAYS, RenewalStatus
from .selectors import key_day_q, key_day_windows, on_theme_q

YES_NO = [("true", _("Yes")), ("false", _("No"))]


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("min_value", PLAN_YEAR_MIN)
        kwargs.setdefault("max_value", PLAN_YEAR_MAX)
        kwargs.setdefault("widget", forms.NumberInput(attrs={"placeholder": _("Year")}))
        super().__init__(*args, **kwargs)


def _search(queryset, value: str, fields: tuple[str, ...]):
    value = value.strip()
    if not value:
        return queryset
    found = Q()
    for field in fields:
        found |= Q(**{f"{field}__icontains": value})
    return queryset.filter(found)


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Title, place, organisers or report")}),
    )
    kind = django_filters.ChoiceFilter(
        choices=Event.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    org_unit = django_filters.ModelChoiceFilter(
        queryset=None, label=_("Township or park"), empty_label=_("All units")
    )
    year = YearFilter(field_name="held_on", lookup_expr="year")
    month = django_filters.NumberFilter(
        field_name="held_on",
        lookup_expr="month",
        label=_("Month"),
        min_value=1,
        max_value=12,
        widget=forms.NumberInput(attrs={"placeholder": _("Month")}),
    )
    on_theme = django_filters.ChoiceFilter(
        method="filter_on_theme",
        choices=YES_NO,
        label=_("On the month's theme"),
        empty_label=_("All"),
    )
    key_day = django_filters.ChoiceFilter(
        method="filter_key_day",
        choices=KeyDayKind.choices,
        label=_("Key day"),
        empty_label=_("Any day"),
    )

    class Meta:
        model = Event
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["org_unit"].queryset = org_units_visible(user=user)

    def filter_q(self, queryset, name, value):
        return _search(queryset, value, ("title", "place", "organisers", "partners", "report"))

    def filter_on_theme(self, queryset, name, value):
        return queryset.filter(on_theme_q()) if value == "true" else queryset.exclude(on_theme_q())

    def filter_key_day(self, queryset, name, value):
        return queryset.filter(key_day_q(key_day_windows(kind=value)))


class BaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Name, address or contact")}),
    )
    kind = django_filters.ChoiceFilter(
        choices=Base.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    level = django_filters.ChoiceFilter(
        choices=Level.choices, label=_("Level"), empty_label=_("All levels")
    )
    org_unit = django_filters.ModelChoiceFilter(
        queryset=None, label=_("Township or park"), empty_label=_("All units")
    )
    is_active = django_filters.ChoiceFilter(
        method="filter_active", choices=YES_NO, label=_("Active"), empty_label=_("All")
    )

    class Meta:
        model = Base
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["org_unit"].queryset = org_units_visible(user=user)

    def filter_q(self, queryset, name, value):
        return _search(queryset, value, ("name", "address", "contact_person"))

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "true")


class HonoreeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Name, work unit or field")}),
    )
    year = YearFilter(field_name="plan_year__year")

    class Meta:
        model = Honoree
        fields = []

    def filter_q(self, queryset, name, value):
        return _search(queryset, value, ("name", "employer", "field", "honour"))


class SocietyFilter(django_filters.FilterSet):
    """The renewal filter reads the due date against today: overdue, due within the notice
    period, or in term (Society.renewal_status in SQL)."""

    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Name, chair or supervising unit")}),
    )
    kind = django_filters.ChoiceFilter(
        choices=Society.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    renewal = django_filters.ChoiceFilter(
        method="filter_renewal",
        choices=RenewalStatus.choices,
        label=_("Renewal"),
        empty_label=_("All"),
    )
    is_active = django_filters.ChoiceFilter(
        method="filter_active", choices=YES_NO, label=_("Active"), empty_label=_("All")
    )

    class Meta:
        model = Society
        fields = []

    def filter_q(self, queryset, name, value):
        return _search(queryset, value, ("name", "chair", "secretary_general", "supervisor"))

    def filter_renewal(self, queryset, name, value):
        today = timezone.localdate()
        horizon = today + datetime.timedelta(days=RENEWAL_NOTICE_DAYS)
        if value == RenewalStatus.OVERDUE:
            return queryset.filter(renewal_due_on__lt=today)
        if value == RenewalStatus.DUE:
            return queryset.filter(renewal_due_on__gte=today, renewal_due_on__lte=horizon)
        return queryset.filter(renewal_due_on__gt=horizon)

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "true")


class PaperFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Title, authors or award")}),
    )
    society = django_filters.ModelChoiceFilter(
        queryset=Society.objects.order_by("name"),
        label=_("Society or association"),
        empty_label=_("All societies"),
    )
    year = YearFilter(field_name="collected_on", lookup_expr="year")
    evaluation = django_filters.ChoiceFilter(
        choices=Paper.Evaluation.choices, label=_("Evaluation"), empty_label=_("All")
    )

    class Meta:
        model = Paper
        fields = []

    def filter_q(self, queryset, name, value):
        return _search(queryset, value, ("title", "authors", "award"))
