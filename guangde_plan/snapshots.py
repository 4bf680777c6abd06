"""Weekly progress snapshots: each target's figures as they stood in one ISO week, stored
as ProgressSnapshot rows (the trend chart's points, and a record to audit a number later).

The figures come from `plan_progress`, the one engine, so a snapshot holds what the
dashboard showed for its day. Re-runs are safe by the database: the unique constraints on (target,
org unit, week) keep one row each, whoever runs the week — the Monday beat, a retry, a
second beat by mistake or an operator's back-fill with the `snapshot_progress` command.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import figures_cache
from .models import OrgUnit, PlanYear, ProgressSnapshot
from .progress import default_as_of, plan_progress


def week_monday(day: datetime.date) -> datetime.date:
    """The Monday of the ISO week `day` falls in: the key of that week's snapshots."""
    return day - datetime.timedelta(days=day.weekday())


@dataclass(frozen=True)
class SnapshotResult:
    week: datetime.date
    # The day the figures are as of; None when there is no plan for the week's year.
    taken_on: datetime.date | None
    created: int
    already_there: int
    # Every row the week calls for (unsaved instances, for printing), whether it was
    # created now or stored before.
    snapshots: tuple[ProgressSnapshot, ...] = ()


def _snapshot_rows(*, plan_year: PlanYear, week: datetime.date, as_of: datetime.date):
    rows = []
    for item in plan_progress(
        plan_year=plan_year, as_of=as_of, org_units=list(OrgUnit.objects.all())
    ):
        if not item.tracked:
            continue
        rows.append(
            ProgressSnapshot(
                target=item.target,
                org_unit=None,
                week=week,
                taken_on=as_of,
                actual=item.actual,
                expected=item.expected,
                status=item.status,
            )
        )
        # The engine judges city totals only (a unit has a quota, not an expected line),
        # so a unit's row records its actual with no expected value and no status.
        rows.extend(
            ProgressSnapshot(
                target=item.target,
                org_unit=unit_row.org_unit,
                week=week,
                taken_on=as_of,
                actual=unit_row.actual,
                expected=None,
                status="",
            )
            for unit_row in item.by_unit
            if unit_row.actual is not None
        )
    return rows


def _stored_keys(*, plan_year: PlanYear, week: datetime.date) -> set[tuple[int, int | None]]:
    return set(
        ProgressSnapshot.objects.filter(target__plan_year=plan_year, week=week).values_list(
            "target_id", "org_unit_id"
        )
    )


def take_snapshots(
    *, week: datetime.date | None = None, today: datetime.date, dry_run: bool = False
) -> SnapshotResult:
    """Store the snapshots of the ISO week of `week` (default: `today`'s week).

    The plan is the one of the year the week's Monday falls in, as of the week's Sunday
    or, for the week under way, `today`. (Taking the Monday's year rather than the ISO
    year keeps the figures from ever being dated after today, and the week that spans New
    Year records the old plan's year-end figures.) No plan for that year: nothing, no
    error. Rows already stored for the week are left as they were: a snapshot is a record
    of what was seen then. With `dry_run`, nothing is written and `created` counts the
    rows that would be.
    """
    week = week_monday(week or today)
    if week > week_monday(today):
        raise ValidationError(
            _("The week of %(week)s has not begun: only this week or a past one can be stored."),
            code="future_week",
            params={"week": week.isoformat()},
        )
    plan_year = PlanYear.objects.filter(year=week.year).first()
    if plan_year is None:
        return SnapshotResult(week=week, taken_on=None, created=0, already_there=0)

    sunday = week + datetime.timedelta(days=6)
    as_of = min(sunday, default_as_of(plan_year, today))
    rows = _snapshot_rows(plan_year=plan_year, week=week, as_of=as_of)

    def split(stored):
        new = [row for row in rows if (row.target_id, row.org_unit_id) not in stored]
        return new, len(rows) - len(new)

    if dry_run:
        new, already_there = split(_stored_keys(plan_year=plan_year, week=week))
    else:
        with transaction.atomic():
            # Runs of the same plan year queue here (a second beat, a redelivery racing
            # the first delivery) so that each reports exactly what it wrote. The unique
            # constraints alone already keep the rows single; NO KEY UPDATE leaves inserts
            # of rows pointing to the plan year (targets) unblocked.
            list(
                PlanYear.objects.select_for_update(no_key=True)
                .order_by()
                .filter(pk=plan_year.pk)
                .values_list("pk", flat=True)
            )
            new, already_there = split(_stored_keys(plan_year=plan_year, week=week))
            ProgressSnapshot.objects.bulk_create(new, ignore_conflicts=True)
            if new:  # the dashboard's chart shows the snapshots: its cached body is stale
                figures_cache.invalidate()
    return SnapshotResult(
        week=week,
        taken_on=as_of,
        created=len(new),
        already_there=already_there,
        snapshots=tuple(rows),
    )
