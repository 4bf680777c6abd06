"""The built-in reminders of a unit's enterprises: figures missing, help items past due,
cultivation entries left alone, certificates running out without a new application, and the
unit's quotas against its actual figures. Each provider runs one query (or one window query)
for every unit at once.

The counting rules are those of the pages the items link to (enterprises/recognitions.py,
enterprises/selectors_help.py, guangde_plan/progress.py): an email never disagrees with them.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Subquery
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from enterprises import rd
from enterprises.models import (
    ACTIVE_STAGES,
    AnnualFigures,
    Enterprise,
    HelpItem,
    PipelineEntry,
    Stage,
    Track,
)
from enterprises.recognitions import hte_expiring_in
from enterprises.selectors_help import help_item_overdue_q

from ..models import OrgUnit, Target, User
from ..progress import TargetProgress, UnitProgress, default_as_of, plan_progress
from ..templatetags.plan_tags import figure
from .items import (
    Block,
    Item,
    RunContext,
    absolute_url,
    blocks_from,
    first_per_group,
    reminder_provider,
    text,
)

STALE_AFTER_DAYS = 30
ONE_DAY = datetime.timedelta(days=1)


def city_reader() -> User:
    """An unsaved reader who sees every unit, for selectors that scope to a user: the
    providers then keep each unit's rows apart themselves."""
    return User(role=User.Role.STAFF)


def figures_year(context: RunContext) -> int:
    """The figures year the plan reads (enterprises/rd.py), decided once per run."""
    if "figures_year" not in context.shared:
        context.shared["figures_year"] = rd.figures_year_for(plan_year=context.plan_year.year)
    return context.shared["figures_year"]


def progress_of(context: RunContext) -> list[TargetProgress]:
    """`plan_progress` for every active unit, as of today: the dashboard's figures, computed
    once per run for every recipient."""
    if "progress" not in context.shared:
        context.shared["progress"] = plan_progress(
            plan_year=context.plan_year,
            as_of=default_as_of(context.plan_year, context.today),
            org_units=list(OrgUnit.objects.filter(is_active=True)),
        )
    return context.shared["progress"]


@reminder_provider("figures_missing", heading=_("Annual figures missing"), order=10)
def figures_missing(context: RunContext, unit_ids: list[int]) -> dict[int, Block]:
    if context.plan_year is None:
        return {}
    year = figures_year(context)
    missing = Enterprise.objects.filter(org_unit_id__in=unit_ids).exclude(
        Exists(AnnualFigures.objects.filter(enterprise=OuterRef("pk"), year=year))
    )
    found = first_per_group(
        missing, group="org_unit_id", order_by=["name", "pk"], fields=["pk", "name"]
    )
    note = text(_("No figures for %(year)s yet"), {"year": str(year)})
    return blocks_from(
        found,
        lambda row: Item(row["name"], absolute_url("enterprises:figures_create", row["pk"]), note),
        # The township's template of the year: every enterprise, to fill in at once.
        lambda unit: absolute_url("enterprises:ledger"),
    )


@reminder_provider("help_overdue", heading=_("Help items past their due date"), order=20)
def help_overdue(context: RunContext, unit_ids: list[int]) -> dict[int, Block]:
    items = HelpItem.objects.filter(
        help_item_overdue_q(today=context.today), enterprise__org_unit_id__in=unit_ids
    )
    found = first_per_group(
        items,
        group="enterprise__org_unit_id",
        order_by=["due_on", "pk"],
        fields=["pk", "problem", "due_on", "enterprise__name"],
    )

    def item(row) -> Item:
        note = text(
            _("“%(problem)s”, due %(due)s (%(days)s days ago)"),
            {
                "problem": Truncator(row["problem"]).chars(60),
                "due": row["due_on"],
                "days": (context.today - row["due_on"]).days,
            },
        )
        return Item(
            row["enterprise__name"], absolute_url("enterprises:help_item_update", row["pk"]), note
        )

    return blocks_from(
        found,
        item,
        lambda unit: absolute_url(
            "enterprises:help_item_list", query=f"overdue=true&org_unit={unit}"
        ),
    )


@reminder_provider(
    "pipelines_stale", heading=_("Cultivation entries unchanged for 30 days"), order=30
)
def pipelines_stale(context: RunContext, unit_ids: list[int]) -> dict[int, Block]:
    if context.plan_year is None:
        return {}
    entries = PipelineEntry.objects.filter(
        plan_year=context.plan_year,
        stage__in=ACTIVE_STAGES,
        stage_changed_on__lte=context.today - datetime.timedelta(days=STALE_AFTER_DAYS),
        enterprise__org_unit_id__in=unit_ids,
    )
    found = first_per_group(
        entries,
        group="enterprise__org_unit_id",
        order_by=["stage_changed_on", "pk"],
        fields=["pk", "track", "stage", "stage_changed_on", "enterprise__name"],
    )

    def item(row) -> Item:
        note = text(
            _("%(track)s: %(stage)s since %(day)s, %(days)s days without a change"),
            {
                "track": Track(row["track"]).label,
                "stage": Stage(row["stage"]).label,
                "day": row["stage_changed_on"],
                "days": (context.today - row["stage_changed_on"]).days,
            },
        )
        return Item(
            row["enterprise__name"], absolute_url("enterprises:pipeline_detail", row["pk"]), note
        )

    return blocks_from(found, item, lambda unit: absolute_url("enterprises:pipeline_ledger"))


@reminder_provider(
    "hte_expiring",
    heading=_("High-tech certificates running out this year without a new application"),
    order=40,
)
def hte_expiring(context: RunContext, unit_ids: list[int]) -> dict[int, Block]:
    if context.plan_year is None:
        return {}
    entry = PipelineEntry.objects.filter(
        enterprise=OuterRef("enterprise"), track=Track.HTE, plan_year=context.plan_year
    )
    # Re-applying = an HTE entry of the plan year in an active stage (the expiry watch's
    # "in the pipeline"); an entry withdrawn or not approved is no longer applying.
    certificates = (
        hte_expiring_in(year=context.plan_year.year, user=city_reader())
        .filter(enterprise__org_unit_id__in=unit_ids)
        .exclude(Exists(entry.filter(stage__in=ACTIVE_STAGES)))
        .annotate(entry_id=Subquery(entry.values("pk")[:1]))
    )
    found = first_per_group(
        certificates,
        group="enterprise__org_unit_id",
        order_by=["expires_on", "pk"],
        fields=["number", "expires_on", "enterprise_id", "entry_id", "enterprise__name"],
    )
    plan_year_pk = context.plan_year.pk

    def item(row) -> Item:
        note = text(
            _("Certificate %(number)s holds until %(day)s; no application under way"),
            {"number": row["number"], "day": row["expires_on"] - ONE_DAY},
        )
        if row["entry_id"]:
            url = absolute_url("enterprises:pipeline_detail", row["entry_id"])
        else:
            url = absolute_url(
                "enterprises:pipeline_create",
                row["enterprise_id"],
                query=f"track=hte&plan_year={plan_year_pk}",
            )
        return Item(row["enterprise__name"], url, note)

    return blocks_from(found, item, lambda unit: absolute_url("enterprises:hte_expiring"))


def unit_expected(item: TargetProgress, quota: Decimal) -> Decimal | None:
    """What a unit's quota calls for by the day: its share of the way along the city's
    expected line. None where the engine draws no line (rates and levels are judged on the
    year's figures, at its end)."""
    if item.line_start is None or item.expected is None or not item.target.value:
        return None
    return (quota * item.expected / item.target.value).quantize(Decimal("0.1"), ROUND_HALF_UP)


def unit_is_behind(item: TargetProgress, row: UnitProgress) -> bool | None:
    """Whether a unit is behind its quota on the day; None when it cannot be judged."""
    if row.quota is None or row.actual is None:
        return None
    if item.target.direction in (Target.Direction.ZERO, Target.Direction.AT_MOST):
        return row.actual > row.quota
    expected = unit_expected(item, row.quota)
    return None if expected is None else row.actual < expected


@reminder_provider("quotas", heading=_("Your quotas against the actual figures"), order=50)
def quotas(context: RunContext, unit_ids: list[int]) -> dict[int, Block]:
    if context.plan_year is None:
        return {}
    wanted = set(unit_ids)
    items: dict[int, list[Item]] = {}
    behind: dict[int, int] = {}
    dashboard = absolute_url("home", query=f"year={context.plan_year.year}")
    for target_progress in progress_of(context):
        for row in target_progress.by_unit:
            if row.org_unit.pk not in wanted or row.quota is None:
                continue
            is_behind = unit_is_behind(target_progress, row)
            expected = unit_expected(target_progress, row.quota)
            params = {
                "actual": figure(row.actual),
                "quota": figure(row.quota),
                "unit": target_progress.target.unit,
                "expected": figure(expected),
            }
            if is_behind:
                note = text(_("%(actual)s of %(quota)s %(unit)s: behind"), params)
                if expected is not None:
                    note = text(
                        _("%(actual)s of %(quota)s %(unit)s, %(expected)s expected by now: behind"),
                        params,
                    )
                behind[row.org_unit.pk] = behind.get(row.org_unit.pk, 0) + 1
            else:
                note = text(_("%(actual)s of %(quota)s %(unit)s"), params)
            items.setdefault(row.org_unit.pk, []).append(
                Item(target_progress.target.name, dashboard, note)
            )
    # Quotas on track are information: they are listed, but an email does not go for them.
    return {
        unit: Block(tuple(rows), len(rows), behind.get(unit, 0), dashboard)
        for unit, rows in items.items()
    }
