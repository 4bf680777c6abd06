"""The week's digest for the bureau (and anyone who chooses it): every target's standing and
its change since last week's snapshot, the units behind their quotas, and what changed in
the seven days before the email. Computed once per run; each recipient sees the units they
may see. A fixed number of queries: the progress engine's, one for last week's snapshots and
one per kind of change (each grouped by unit in SQL).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from enterprises.models import AnnualFigures, Enterprise, HelpItem, HteCertificate, PipelineMove
from platforms.models import Notice

from ..models import ProgressSnapshot
from ..progress import TargetProgress, UnitProgress, default_as_of
from .items import RunContext, absolute_url
from .providers import progress_of, unit_is_behind

WEEK = datetime.timedelta(days=7)


@dataclass(frozen=True)
class TargetRow:
    progress: TargetProgress
    last_week: object  # Decimal | None: the actual in last week's snapshot
    change: object  # Decimal | None


@dataclass(frozen=True)
class LaggingUnit:
    progress: TargetProgress
    row: UnitProgress


@dataclass(frozen=True)
class Change:
    label: str | Promise
    by_unit: dict  # {org unit id: count}; key None: city-wide records
    url: str

    def count_for(self, unit_ids: set[int] | None) -> int:
        """The count over `unit_ids` (None: the whole city, city-wide records included)."""
        if unit_ids is None:
            return sum(self.by_unit.values())
        return sum(n for unit, n in self.by_unit.items() if unit in unit_ids)


@dataclass(frozen=True)
class Digest:
    as_of: datetime.date
    since: datetime.date  # the first of the seven days "what changed" covers
    targets: list[TargetRow]
    lagging: list[LaggingUnit]
    changes: list[Change]


def _grouped(queryset: QuerySet, unit_path: str) -> dict:
    rows = queryset.order_by().values(unit_path).annotate(n=Count("pk"))
    return {row[unit_path]: row["n"] for row in rows}


# (label, count by unit for the days from..to, page) — one query each.
CHANGE_SOURCES: list[tuple[str | Promise, Callable, Callable[[], str]]] = [
    (
        _("Enterprises added to the registry"),
        lambda days: _grouped(Enterprise.objects.filter(created_at__date__range=days), "org_unit"),
        lambda: absolute_url("enterprises:list"),
    ),
    (
        _("Annual figures entered or corrected"),
        lambda days: _grouped(
            AnnualFigures.objects.filter(updated_at__date__range=days), "enterprise__org_unit"
        ),
        lambda: absolute_url("enterprises:rd_growth"),
    ),
    (
        _("High-tech certificates issued"),
        lambda days: _grouped(
            HteCertificate.objects.filter(issued_on__range=days), "enterprise__org_unit"
        ),
        lambda: absolute_url("enterprises:hte_expiring"),
    ),
    (
        _("Cultivation entries moved to another stage"),
        lambda days: _grouped(
            PipelineMove.objects.filter(moved_on__range=days), "entry__enterprise__org_unit"
        ),
        lambda: absolute_url("enterprises:pipeline_ledger"),
    ),
    (
        _("Help items solved"),
        lambda days: _grouped(
            HelpItem.objects.filter(status=HelpItem.Status.DONE, done_on__range=days),
            "enterprise__org_unit",
        ),
        lambda: absolute_url("enterprises:help_item_list"),
    ),
    (
        _("Notices answered"),
        # City-wide records: counted under None, for bureau readers only.
        lambda days: {None: Notice.objects.filter(replied_on__range=days).count()},
        lambda: absolute_url("platforms:notice_list"),
    ),
]


def build_digest(context: RunContext) -> Digest | None:
    """The digest as of the context's day; None without a plan for its year."""
    if context.plan_year is None:
        return None
    targets = progress_of(context)
    last_week = dict(
        ProgressSnapshot.objects.filter(
            target__plan_year=context.plan_year,
            org_unit__isnull=True,
            week=context.week - WEEK,
        ).values_list("target_id", "actual")
    )
    rows = []
    for item in targets:
        before = last_week.get(item.target.pk)
        change = None if before is None or item.actual is None else item.actual - before
        rows.append(TargetRow(item, before, change))
    lagging = [
        LaggingUnit(item, row)
        for item in targets
        for row in item.by_unit
        if unit_is_behind(item, row)
    ]
    days = (context.today - WEEK, context.today - datetime.timedelta(days=1))
    changes = [Change(label, count(days), url()) for label, count, url in CHANGE_SOURCES]
    return Digest(
        as_of=default_as_of(context.plan_year, context.today),
        since=days[0],
        targets=rows,
        lagging=lagging,
        changes=changes,
    )


@dataclass(frozen=True)
class DigestView:
    """The digest as one recipient reads it: lagging units and changes of their units."""

    digest: Digest
    lagging: list[LaggingUnit]
    changes: list[tuple[Change, int]]

    @property
    def item_count(self) -> int:
        return len(self.digest.targets) + len(self.lagging)


def digest_for(digest: Digest, *, unit_ids: tuple[int, ...], sees_all: bool) -> DigestView:
    visible = None if sees_all else set(unit_ids)
    lagging = [lag for lag in digest.lagging if visible is None or lag.row.org_unit.pk in visible]
    changes = [(change, change.count_for(visible)) for change in digest.changes]
    return DigestView(digest, lagging, [(change, n) for change, n in changes if n])
