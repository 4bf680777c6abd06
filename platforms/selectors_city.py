"""Reads of the innovative-city indicators, the responsible units and the work-reminder
notices. City-wide records: every logged-in user reads them (no unit owns them)."""

import datetime

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from guangde_plan.models import PlanYear

from .models import Department, Indicator, IndicatorGroup, IndicatorValue, Notice


def _latest(field: str):
    return Subquery(
        IndicatorValue.objects.filter(indicator=OuterRef("pk"))
        .order_by("-as_of", "-pk")
        .values(field)[:1]
    )


def indicator_list(*, plan_year: PlanYear) -> QuerySet[Indicator]:
    """A plan year's indicators in group order, each with `latest_value`, `latest_as_of` and
    `open_notices` (notices sent about it and not answered): one query."""
    return (
        Indicator.objects.filter(plan_year=plan_year)
        .select_related("group", "department")
        .annotate(
            latest_value=_latest("value"),
            latest_as_of=_latest("as_of"),
            open_notices=Count("notices", filter=Q(notices__replied_on__isnull=True)),
        )
        # Said again: Django drops Meta.ordering from a GROUP BY query (the count).
        .order_by("group__sort_order", "sort_order", "name", "pk")
    )


def indicator_groups(*, plan_year: PlanYear) -> list[tuple[IndicatorGroup, list[Indicator]]]:
    """The lines of work, each with its indicators (groups without any included, so the
    page shows all five lines): two queries."""
    by_group: dict[int, list[Indicator]] = {}
    for indicator in indicator_list(plan_year=plan_year):
        by_group.setdefault(indicator.group_id, []).append(indicator)
    return [(group, by_group.get(group.pk, [])) for group in IndicatorGroup.objects.all()]


def indicator_get(*, pk: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("plan_year", "group", "department"), pk=pk
    )


def indicator_detail(*, indicator: Indicator) -> dict:
    return {
        "values": list(indicator.values.select_related("notice__plan_year", "recorded_by")),
        "notices": list(indicator.notices.select_related("plan_year", "department")),
    }


def department_list() -> QuerySet[Department]:
    """Every responsible unit with its number of indicators and of unanswered notices."""
    return Department.objects.annotate(
        indicator_count=Count("indicators", distinct=True),
        open_notice_count=Count(
            "notices", filter=Q(notices__replied_on__isnull=True), distinct=True
        ),
    ).order_by("name", "pk")  # Meta.ordering is dropped from a GROUP BY query


def department_get(*, pk: int) -> Department:
    return get_object_or_404(Department, pk=pk)


def notice_list() -> QuerySet[Notice]:
    """Notices, newest first, with their unit, year and the names of their indicators (a
    list page: two queries however many rows)."""
    return Notice.objects.select_related("plan_year", "department").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.only("pk", "name", "unit"))
    )


class NoticeStatus:
    """The statuses a notice list is filtered by, on a given day. `OPEN` is every notice
    still waiting for its reply, the overdue ones included."""

    OPEN = "open"
    OVERDUE = "overdue"
    REPLIED = "replied"


def notice_status_q(status: str, *, today: datetime.date) -> Q:
    if status == NoticeStatus.OVERDUE:
        return Q(replied_on__isnull=True, due_on__lt=today)
    if status == NoticeStatus.REPLIED:
        return Q(replied_on__isnull=False)
    return Q(replied_on__isnull=True)


def notices_overdue(*, today: datetime.date) -> QuerySet[Notice]:
    """Unanswered notices whose due date has passed (the due day itself is on time)."""
    return notice_list().filter(notice_status_q(NoticeStatus.OVERDUE, today=today))


def notice_get(*, pk: int) -> Notice:
    """One notice as printed: its indicators in full (target, unit, direction), not the
    names alone the list needs, so the page reads no field one row at a time."""
    return get_object_or_404(
        Notice.objects.select_related(
            "plan_year", "department", "issued_by", "reply_recorded_by"
        ).prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.select_related("group").order_by(
                    "group__sort_order", "sort_order", "name", "pk"
                ),
            )
        ),
        pk=pk,
    )


def notice_values(*, notice: Notice) -> list[IndicatorValue]:
    return list(notice.values.select_related("indicator"))


def days_overdue(notice: Notice, *, today: datetime.date) -> int | None:
    """How many days past its due date an unanswered notice is on `today` (1 the day after
    the due day), None when it is not overdue."""
    return (today - notice.due_on).days if notice.is_overdue_on(today) else None
