"""Reads of the platforms, always scoped to what the user may see, and the counts behind the
section 三 targets.

Which platforms a user may see is decided by `scope_to_units` through the platform's org
unit (liaisons: their units; bureau users and leaders: all). Kinds, criteria, the
innovative-city indicators, departments and notices are city-wide records every logged-in
user reads (see selectors_city.py); only bureau writers change them.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Exists, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from guangde_plan.models import PlanYear, User
from guangde_plan.selectors import org_units_writable, scope_to_units

from .gaps import Gap, gap_to_next_level
from .models import (
    ACTIVE_STAGES,
    Application,
    ApplicationMove,
    ApplicationStage,
    Category,
    IncubationFigures,
    Level,
    LevelCriteria,
    Platform,
    PlatformKind,
    Recognition,
)

PROVINCIAL_OR_ABOVE = (Level.PROVINCIAL, Level.NATIONAL)


def platform_list_visible(*, user: User) -> QuerySet[Platform]:
    return scope_to_units(
        Platform.objects.select_related("kind", "org_unit", "host_enterprise"), user=user
    )


def with_open_applications(platforms: QuerySet[Platform]) -> QuerySet[Platform]:
    """`platforms`, each with `open_applications` (preparing or applied, latest plan year
    first): one more query for the whole list."""
    return platforms.prefetch_related(
        Prefetch(
            "applications",
            queryset=Application.objects.filter(stage__in=ACTIVE_STAGES)
            .select_related("plan_year")
            .order_by("-plan_year__year", "target_level", "pk"),
            to_attr="open_applications",
        )
    )


def platforms_granted(*, level: str = "", year: int | None = None) -> QuerySet[Recognition]:
    """Levels granted (at `level`, in calendar `year`, where given): what the list's
    "granted" filters select, the same acts as the counting for the targets."""
    granted = Recognition.objects.filter(act=Recognition.Act.GRANTED)
    if level:
        granted = granted.filter(level=level)
    if year is not None:
        granted = granted.filter(
            recognised_on__gte=datetime.date(year, 1, 1),
            recognised_on__lte=datetime.date(year, 12, 31),
        )
    return granted


def platform_get_visible(*, user: User, pk: int) -> Platform:
    """The platform, or 404 when it does not exist or lies outside the user's units."""
    return get_object_or_404(platform_list_visible(user=user), pk=pk)


def platform_detail(*, platform: Platform, today: datetime.date) -> dict:
    """Everything the platform page shows, in a fixed number of queries: recognitions,
    applications with their moves, yearly incubation figures and the gap to the next
    level."""
    recognitions = list(platform.recognitions.select_related("recorded_by"))
    applications = list(
        platform.applications.select_related("plan_year").prefetch_related(
            Prefetch("moves", queryset=_moves())
        )
    )
    figures, gap = [], None
    if platform.kind.category == Category.INCUBATION:
        figures = list(platform.incubation_figures.order_by("-year"))
        criteria = {c.level: c for c in LevelCriteria.objects.filter(kind=platform.kind_id)}
        gap = gap_to_next_level(
            platform=platform,
            figures=figures[0] if figures else None,
            criteria=criteria,
            today=today,
        )
    return {
        "recognitions": recognitions,
        "applications": applications,
        "figures": figures,
        "gap": gap,
    }


def _moves():
    return ApplicationMove.objects.select_related("moved_by")


def application_get_visible(*, user: User, pk: int) -> Application:
    applications = scope_to_units(
        Application.objects.select_related("platform__org_unit", "platform__kind", "plan_year"),
        user=user,
        path="platform__org_unit",
    )
    return get_object_or_404(applications, pk=pk)


def application_list_visible(*, user: User, plan_year: PlanYear) -> QuerySet[Application]:
    """A plan year's applications the user may see, for the applications board."""
    return scope_to_units(
        Application.objects.filter(plan_year=plan_year).select_related(
            "platform__org_unit", "platform__kind", "platform__host_enterprise"
        ),
        user=user,
        path="platform__org_unit",
    ).order_by("platform__name", "target_level", "pk")


def application_board(
    *, user: User, plan_year: PlanYear, org_unit=None, category: str = ""
) -> list[dict]:
    """The plan year's applications the user may see, one column per stage in pipeline
    order (one query)."""
    applications = application_list_visible(user=user, plan_year=plan_year)
    if org_unit is not None:
        applications = applications.filter(platform__org_unit=org_unit)
    if category:
        applications = applications.filter(platform__kind__category=category)
    by_stage = defaultdict(list)
    for application in applications:
        by_stage[application.stage].append(application)
    return [
        {"stage": stage, "label": label, "applications": by_stage[stage]}
        for stage, label in ApplicationStage.choices
    ]


def recognition_get_visible(*, user: User, pk: int) -> Recognition:
    recognitions = scope_to_units(
        Recognition.objects.select_related("platform__org_unit", "platform__kind"),
        user=user,
        path="platform__org_unit",
    )
    return get_object_or_404(recognitions, pk=pk)


def incubation_figures_get_visible(*, user: User, pk: int) -> IncubationFigures:
    rows = scope_to_units(
        IncubationFigures.objects.select_related("platform__org_unit", "platform__kind"),
        user=user,
        path="platform__org_unit",
    )
    return get_object_or_404(rows, pk=pk)


def plan_year_list() -> list[PlanYear]:
    """Every plan year, latest first (one query)."""
    return list(PlanYear.objects.order_by("-year"))


def platform_kinds() -> QuerySet[PlatformKind]:
    return PlatformKind.objects.all()


def host_enterprises_writable(*, user: User):
    """The enterprises a user may name as a host: those of the units they write in."""
    from enterprises.models import Enterprise

    return (
        Enterprise.objects.select_related("org_unit")
        .filter(org_unit__in=org_units_writable(user=user))
        .order_by("org_unit__sort_order", "org_unit__code", "name", "pk")
    )


def incubation_gaps(*, platforms: list[Platform], today: datetime.date) -> dict[int, Gap]:
    """The gap to the next level of each incubation carrier among `platforms`, by id: two
    queries (the latest figures of each, the criteria), whatever their number."""
    carriers = [p for p in platforms if p.kind.category == Category.INCUBATION]
    if not carriers:
        return {}
    latest = {}
    rows = IncubationFigures.objects.filter(platform__in=[p.pk for p in carriers]).order_by(
        "platform", "-year"
    )
    for row in rows:
        latest.setdefault(row.platform_id, row)
    criteria = defaultdict(dict)
    for found in LevelCriteria.objects.filter(kind__in={p.kind_id for p in carriers}):
        criteria[found.kind_id][found.level] = found
    return {
        p.pk: gap_to_next_level(
            platform=p, figures=latest.get(p.pk), criteria=criteria[p.kind_id], today=today
        )
        for p in carriers
    }


# Counting for the targets ---------------------------------------------------------------------


def recognitions_new(
    *, category: str, level: str, year: int, as_of: datetime.date | None = None
) -> QuerySet[Recognition]:
    """Levels granted at exactly `level` to platforms of `category`, dated in calendar year
    `year` (up to `as_of` when given): what the "new … this year" targets count."""
    end = datetime.date(year, 12, 31)
    if as_of is not None:
        end = min(end, as_of)
    return Recognition.objects.filter(
        act=Recognition.Act.GRANTED,
        level=level,
        platform__kind__category=category,
        recognised_on__gte=datetime.date(year, 1, 1),
        recognised_on__lte=end,
    )


def platforms_new_by_unit(
    *, category: str, level: str, year: int, as_of: datetime.date | None = None
) -> dict[int, Decimal]:
    """Distinct platforms newly at `level` in `year`, by org unit id (one query)."""
    rows = (
        recognitions_new(category=category, level=level, year=year, as_of=as_of)
        .values("platform__org_unit")
        .annotate(n=Count("platform", distinct=True))
    )
    return {row["platform__org_unit"]: Decimal(row["n"]) for row in rows}


def applications_pending(*, category: str, level: str, plan_year: PlanYear) -> int:
    """Applications for `level` in the plan year submitted and not yet decided."""
    return Application.objects.filter(
        plan_year=plan_year,
        target_level=level,
        stage=ApplicationStage.APPLIED,
        platform__kind__category=category,
    ).count()


def application_pass_rate(*, category: str, level: str, before_year: int) -> Decimal | None:
    """Share of earlier years' decided applications for `level` that were recognised."""
    decided = Application.objects.filter(
        target_level=level,
        platform__kind__category=category,
        plan_year__year__lt=before_year,
    ).exclude(stage__in=ACTIVE_STAGES)
    counts = decided.aggregate(
        all=Count("pk"), won=Count("pk", filter=Q(stage=ApplicationStage.RECOGNISED))
    )
    if not counts["all"]:
        return None
    return Decimal(counts["won"]) / Decimal(counts["all"])


def rd_institutions_provincial_or_above():
    """Open R&D-institution platforms at provincial or national level: their host
    enterprises are confirmed as tech SMEs without scoring (国科火字〔2022〕67号)."""
    return Platform.objects.filter(
        kind__category=Category.RD_INSTITUTION,
        level__in=PROVINCIAL_OR_ABOVE,
        closed_on__isnull=True,
        host_enterprise__isnull=False,
    )


def confirms_host_as_tech_sme(platform: Platform) -> bool:
    """The rule of rd_institutions_provincial_or_above for one loaded platform (no query)."""
    return (
        platform.kind.category == Category.RD_INSTITUTION
        and platform.level in PROVINCIAL_OR_ABOVE
        and not platform.is_closed
        and platform.host_enterprise_id is not None
    )


def hosts_provincial_rd_institution(enterprise_ref) -> Exists:
    """An Exists() for annotating enterprises (`enterprise_ref`: OuterRef("pk"))."""
    return Exists(rd_institutions_provincial_or_above().filter(host_enterprise=enterprise_ref))


def hosts_recognised_rd_institution(enterprise_ref) -> Exists:
    """An open R&D-institution platform recognised at any level: the enterprise has an R&D
    institution (off the 三个清零 "no R&D institution" list)."""
    return Exists(
        Platform.objects.filter(
            kind__category=Category.RD_INSTITUTION,
            closed_on__isnull=True,
            host_enterprise=enterprise_ref,
        ).exclude(level=Level.NONE)
    )
