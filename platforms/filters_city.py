"""Filters of the work-reminder notice list."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guangde_plan.models import PlanYear

from .models import Department, Notice
from .selectors_city import NoticeStatus, notice_status_q

STATUS_CHOICES = [
    (NoticeStatus.OPEN, _("Awaiting a reply")),
    (NoticeStatus.OVERDUE, _("Overdue")),
    (NoticeStatus.REPLIED, _("Replied")),
]


class NoticeFilter(django_filters.FilterSet):
    """Status is asked of `today` (overdue: unanswered and due before today)."""

    q = django_filters.CharFilter(
        field_name="subject",
        lookup_expr="icontains",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": pgettext_lazy("notice", "Subject")}),
    )
    status = django_filters.ChoiceFilter(
        method="filter_status", choices=STATUS_CHOICES, label=_("Status"), empty_label=_("All")
    )
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.order_by("name"),
        label=_("Responsible unit"),
        empty_label=_("All responsible units"),
    )
    plan_year = django_filters.ModelChoiceFilter(
        queryset=PlanYear.objects.order_by("-year"),
        to_field_name="year",
        label=_("Plan year"),
        empty_label=_("All years"),
    )

    class Meta:
        model = Notice
        fields = []

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def filter_status(self, queryset, name, value):
        return queryset.filter(notice_status_q(value, today=self.today))
