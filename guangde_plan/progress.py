"""Where every target of a plan year stands on a given day: its actual, the value expected
by that day, a status, a year-end forecast, and the same per org unit.

One function, `plan_progress`, serves the dashboard, the JSON API, the `plan_progress`
command and the weekly snapshots, so that they can never disagree. It runs a fixed number
of queries whatever the data size: each source of actuals groups by org unit in SQL.

Actuals come from the records wherever the app holds them (a *source* registered below for
the target's code); a target without a source takes the latest value staff typed in
(TargetValue) on or before the day, or shows "not tracked yet".
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q

from enterprises import rd
from enterprises.models import (
    Enterprise,
    HteCertificate,
    PipelineEntry,
    Stage,
    TechSmeRegistration,
    Track,
)
from enterprises.selectors_figures import rules_of

from . import figures_cache
from .models import OrgUnit, PlanYear, Target, TargetQuota, TargetValue

HUNDRED = Decimal(100)

# Statuses, in the order a reader cares about them.
MET, ON_TRACK, BEHIND, NO_TARGET, NO_DATA, NOT_TRACKED = (
    "met",
    "on_track",
    "behind",
    "no_target",
    "no_data",
    "not_tracked",
)

# How a figure moves through the year, which decides the expected line:
# STOCK    — a level carried over from last year (valid certificates): the line runs from
#            the value on 1 January to the target;
# ANNUAL   — counted afresh each year (registrations for the year): from 0 to the target;
# RATE     — a ratio or a yearly total known at year end: no line, the target itself;
# LEVEL    — a count on the latest annual figures (the 三个清零 lists): like RATE.
STOCK, ANNUAL, RATE, LEVEL = "stock", "annual", "rate", "level"


@dataclass(frozen=True)
class Measured:
    """A source's figures: the city total and each org unit's (by id)."""

    total: Decimal | None
    by_unit: dict[int, Decimal]
    # The value on 1 January, for STOCK figures (the start of the expected line).
    baseline: Decimal | None = None
    # Year-end forecast, where the source knows how to make one.
    forecast: Decimal | None = None
    forecast_basis: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    kind: str
    measure: Callable[[PlanYear, datetime.date, dict], Measured]
    # What the measure reads besides the watched models (figures_cache) and the day: part
    # of the cache key, so that a change of it is never served from the cache.
    inputs: Callable[[PlanYear], str] | None = None


SOURCES: dict[str, Source] = {}


def source(code: str, kind: str, *, inputs: Callable[[PlanYear], str] | None = None):
    def register(function):
        SOURCES[code] = Source(kind=kind, measure=function, inputs=inputs)
        return function

    return register


def _by_unit(rows, key: str, value: str) -> dict[int, Decimal]:
    return {row[key]: Decimal(row[value] or 0) for row in rows if row[key] is not None}


def _valid_on(day: datetime.date):
    return HteCertificate.objects.filter(issued_on__lte=day, expires_on__gt=day)


def _holders_by_unit(day: datetime.date) -> dict[int, Decimal]:
    rows = (
        Enterprise.objects.filter(Exists(_valid_on(day).filter(enterprise=OuterRef("pk"))))
        .values("org_unit")
        .annotate(n=Count("pk"))
    )
    return _by_unit(rows, "org_unit", "n")


def _pass_rate(track: str, before_year: int) -> Decimal | None:
    """Share of earlier years' finished entries of a track that were recognised: what the
    entries still in the pipeline can be expected to yield."""
    finished = PipelineEntry.objects.filter(
        track=track,
        plan_year__year__lt=before_year,
        stage__in=[Stage.RECOGNISED, Stage.REJECTED, Stage.WITHDRAWN],
    ).aggregate(all=Count("pk"), won=Count("pk", filter=Q(stage=Stage.RECOGNISED)))
    if not finished["all"]:
        return None
    return Decimal(finished["won"]) / Decimal(finished["all"])


def _pipeline_open(track: str, plan_year: PlanYear) -> int:
    return PipelineEntry.objects.filter(
        track=track, plan_year=plan_year, stage__in=[Stage.CULTIVATING, Stage.APPLIED]
    ).count()


@source("hte_total", STOCK)
def _hte_total(plan_year: PlanYear, as_of: datetime.date, shared: dict) -> Measured:
    """国科发火〔2016〕32号: enterprises holding a certificate valid on the day."""
    by_unit = _holders_by_unit(as_of)
    total = sum(by_unit.values(), Decimal(0))
    year_end = datetime.date(plan_year.year, 12, 31)
    start = datetime.date(plan_year.year, 1, 1)
    baseline = Enterprise.objects.filter(
        Exists(_valid_on(start).filter(enterprise=OuterRef("pk")))
    ).count()
    if as_of >= year_end:
        return Measured(total, by_unit, Decimal(baseline), forecast=total)
    # Holders whose every certificate runs out before the year's last day drop out...
    expiring = (
        Enterprise.objects.filter(Exists(_valid_on(as_of).filter(enterprise=OuterRef("pk"))))
        .exclude(Exists(_valid_on(year_end).filter(enterprise=OuterRef("pk"))))
        .count()
    )
    # ...while entries still in the pipeline come in at the historical pass rate.
    rate = _pass_rate(Track.HTE, plan_year.year)
    in_pipeline = _pipeline_open(Track.HTE, plan_year)
    gain = (Decimal(in_pipeline) * rate) if rate is not None else Decimal(0)
    forecast = (total - expiring + gain).quantize(Decimal(1), ROUND_HALF_UP)
    basis = {
        "holders": int(total),
        "expiring_before_year_end": expiring,
        "in_pipeline": in_pipeline,
        "pass_rate": None if rate is None else float(round(rate, 4)),
    }
    return Measured(total, by_unit, Decimal(baseline), forecast, basis)


@source("tech_sme_total", ANNUAL)
def _tech_sme_total(plan_year: PlanYear, as_of: datetime.date, shared: dict) -> Measured:
    """国科火字〔2022〕67号: registrations are for one year; those recorded for the plan year.
    (A registration carries no date of its own, only its year.)"""
    rows = (
        TechSmeRegistration.objects.filter(year=plan_year.year)
        .values("enterprise__org_unit")
        .annotate(n=Count("enterprise", distinct=True))
    )
    by_unit = _by_unit(rows, "enterprise__org_unit", "n")
    total = sum(by_unit.values(), Decimal(0))
    if as_of >= datetime.date(plan_year.year, 12, 31):
        return Measured(total, by_unit, Decimal(0), forecast=total)
    rate = _pass_rate(Track.TECH_SME, plan_year.year)
    in_pipeline = _pipeline_open(Track.TECH_SME, plan_year)
    gain = (Decimal(in_pipeline) * rate) if rate is not None else Decimal(0)
    basis = {
        "registered": int(total),
        "in_pipeline": in_pipeline,
        "pass_rate": None if rate is None else float(round(rate, 4)),
    }
    return Measured(
        total, by_unit, Decimal(0), (total + gain).quantize(Decimal(1), ROUND_HALF_UP), basis
    )


def _figures_year(plan_year: PlanYear, shared: dict) -> int:
    """The figures year every figures-based source reads for the plan year (enterprises/rd.py
    `figures_year_for`: the plan year's own figures once any are in, else the year
    before's), decided once per plan_progress call."""
    if "figures_year" not in shared:
        shared["figures_year"] = rd.figures_year_for(plan_year=plan_year.year)
    return shared["figures_year"]


@dataclass(frozen=True)
class _RdSums:
    year: int
    total: rd.Growth
    by_unit: dict


def _rd_sums(plan_year: PlanYear, shared: dict) -> _RdSums:
    """The R&D sums of the R&D page (enterprises/rd.py, same definitions), city-wide and
    by unit. They serve two targets: read once per plan_progress call (`shared` lives for
    one call), not once per target."""
    if "rd_sums" not in shared:
        year = _figures_year(plan_year, shared)
        total, by_unit = rd.rd_sums_city(year=year)
        shared["rd_sums"] = _RdSums(year, total, by_unit)
    return shared["rd_sums"]


@source("rd_spend_total", RATE)
def _rd_spend_total(plan_year: PlanYear, as_of: datetime.date, shared: dict) -> Measured:
    """Enterprise R&D expense (万元) of the figures year, over the figures reported so far."""
    report = _rd_sums(plan_year, shared)
    by_unit = {
        unit: growth.current
        for unit, growth in report.by_unit.items()
        if growth.current is not None
    }
    return Measured(report.total.current, by_unit, forecast_basis={"figures_year": report.year})


@source("rd_growth_pct", RATE)
def _rd_growth_pct(plan_year: PlanYear, as_of: datetime.date, shared: dict) -> Measured:
    """Growth of total enterprise R&D expense of the figures year over the year before, in
    percent, every enterprise with figures counted (the R&D page also shows it like for
    like)."""
    report = _rd_sums(plan_year, shared)
    by_unit = {
        unit: growth.pct for unit, growth in report.by_unit.items() if growth.pct is not None
    }
    return Measured(report.total.pct, by_unit, forecast_basis={"figures_year": report.year})


def _three_zero_thresholds(plan_year: PlanYear) -> str:
    # The thresholds are not in a watched model: they go into the cache key instead (text
    # without spaces, as cache keys must be).
    return "/".join(str(value) for value in rd.thresholds(rules_of(plan_year)))


def _three_zero(kind: str):
    def measure(plan_year: PlanYear, as_of: datetime.date, shared: dict) -> Measured:
        if "three_zero" not in shared:
            shared["three_zero"] = rd.three_zero_lists_city(
                year=_figures_year(plan_year, shared), rules=rules_of(plan_year)
            )
        result = shared["three_zero"][kind]
        by_unit = defaultdict(Decimal)
        for row in result.listed:
            by_unit[row.org_unit_id] += 1
        total = Decimal(len(result.listed)) if result.judged else None
        basis = {"figures_year": result.year, "data_missing": len(result.data_missing)}
        return Measured(total, dict(by_unit), forecast_basis=basis)

    measure.__doc__ = (
        f"三个清零 list {kind!r} (enterprises/rd.py): the 规上 enterprises listed on the "
        "figures year's figures (_figures_year), city-wide and by unit, at the plan year's "
        "thresholds. Those without figures are not counted but given as data_missing; no data "
        "while no 规上 enterprise has figures for that year."
    )
    return measure


for _kind in rd.THREE_ZERO_KINDS:
    source(rd.TARGET_CODES[_kind], LEVEL, inputs=_three_zero_thresholds)(_three_zero(_kind))


def year_fraction(target: Target, day: datetime.date) -> Decimal:
    """Share of the target expected by `day`: the admin's monthly curve, interpolated day
    by day within the month, or a straight line over the year."""
    year = target.plan_year.year
    if day < datetime.date(year, 1, 1):
        return Decimal(0)
    if day >= datetime.date(year, 12, 31):
        return Decimal(1)
    if not target.expected_curve:
        start = datetime.date(year, 1, 1)
        days = (datetime.date(year + 1, 1, 1) - start).days
        return Decimal((day - start).days + 1) / Decimal(days)
    curve = [Decimal(str(point)) for point in target.expected_curve]
    month_start = datetime.date(year, day.month, 1)
    next_month = datetime.date(year + day.month // 12, day.month % 12 + 1, 1)
    before = curve[day.month - 2] if day.month > 1 else Decimal(0)
    within = Decimal(day.day) / Decimal((next_month - month_start).days)
    return (before + (curve[day.month - 1] - before) * within) / HUNDRED


@dataclass
class UnitProgress:
    org_unit: OrgUnit
    actual: Decimal | None
    quota: Decimal | None
    percentage: Decimal | None


@dataclass
class TargetProgress:
    target: Target
    tracked: bool
    actual: Decimal | None
    expected: Decimal | None
    percentage: Decimal | None
    status: str
    forecast: Decimal | None
    forecast_basis: dict
    by_unit: list[UnitProgress]
    quotas_total: Decimal | None
    # Where the expected line starts on 1 January (None: no line for this target).
    line_start: Decimal | None = None

    def expected_on(self, day: datetime.date) -> Decimal | None:
        """The expected line's value on another day of the year (for the trend chart)."""
        if self.line_start is None or self.target.value is None:
            return None
        fraction = year_fraction(self.target, day)
        return (self.line_start + (self.target.value - self.line_start) * fraction).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )

    @property
    def quotas_add_up(self) -> bool | None:
        """None without quotas; else whether they add up to the city target."""
        if self.quotas_total is None or self.target.value is None:
            return None
        return self.quotas_total == self.target.value


def _unit_progress(unit: OrgUnit, per_unit: dict | None, quota) -> UnitProgress:
    """A unit's row; units without records count 0 (typed city-wide values have no units)."""
    actual = None if per_unit is None else per_unit.get(unit.pk, Decimal(0))
    return UnitProgress(
        org_unit=unit, actual=actual, quota=quota, percentage=_percentage(actual, quota)
    )


def _percentage(actual, target_value) -> Decimal | None:
    if actual is None or not target_value:
        return None
    return (actual / target_value * HUNDRED).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _status(target: Target, actual, expected) -> str:
    if target.value is None:
        return NO_TARGET
    if actual is None:
        return NO_DATA
    if target.direction in (Target.Direction.ZERO, Target.Direction.AT_MOST):
        # A ceiling: either under it or not; there is no "on track" above a ceiling.
        return MET if actual <= target.value else BEHIND
    if actual >= target.value:
        return MET
    return ON_TRACK if expected is not None and actual >= expected else BEHIND


def default_as_of(plan_year: PlanYear, today: datetime.date) -> datetime.date:
    """Today during the plan year; its last day for a past year; its first for a future one."""
    return min(
        max(today, datetime.date(plan_year.year, 1, 1)), datetime.date(plan_year.year, 12, 31)
    )


def _measure(plan_year: PlanYear, as_of: datetime.date, codes: list[str]) -> dict[str, Measured]:
    """What the sources of these codes measure on the day, city-wide and by unit: the
    expensive part (scans of the registry), cached until a record changes."""
    codes = sorted({code for code in codes if code in SOURCES})
    readers = {SOURCES[code].inputs for code in codes} - {None}
    inputs = [read(plan_year) for read in sorted(readers, key=lambda read: read.__qualname__)]

    def compute():
        shared: dict = {}  # what several sources read, read once for this call
        return {code: SOURCES[code].measure(plan_year, as_of, shared) for code in codes}

    key = (plan_year.year, as_of.isoformat(), ",".join(codes), *inputs)
    return figures_cache.cached("progress", key, compute)


def plan_progress(
    *, plan_year: PlanYear, as_of: datetime.date, org_units: list[OrgUnit]
) -> list[TargetProgress]:
    """Every target of the plan year on `as_of`, with a row per unit of `org_units` (the
    units the reader may see). City totals are always the whole city's."""
    targets = list(
        Target.objects.filter(plan_year=plan_year)
        .select_related("plan_year")
        .order_by("sort_order", "code")
    )
    quotas = defaultdict(dict)
    for quota in TargetQuota.objects.filter(target__plan_year=plan_year):
        quotas[quota.target_id][quota.org_unit_id] = quota.value
    typed = {}
    for value in TargetValue.objects.filter(
        target__plan_year=plan_year, recorded_on__lte=as_of
    ).order_by("target", "-recorded_on"):
        typed.setdefault(value.target_id, value.value)

    measured_by_code = _measure(plan_year, as_of, [target.code for target in targets])
    result = []
    for target in targets:
        source_ = SOURCES.get(target.code)
        if source_ is not None:
            measured = measured_by_code[target.code]
            kind = source_.kind
        elif target.pk in typed:
            measured, kind = Measured(typed[target.pk], {}), RATE
        else:
            measured, kind = None, None
        actual = measured.total if measured else None
        expected = line_start = None
        if target.value is not None and kind in (STOCK, ANNUAL):
            line_start = (measured.baseline or Decimal(0)) if kind == STOCK else Decimal(0)
            expected = (
                line_start + (target.value - line_start) * year_fraction(target, as_of)
            ).quantize(Decimal("0.1"), ROUND_HALF_UP)
        elif target.value is not None and kind in (RATE, LEVEL):
            expected = target.value
        unit_quotas = quotas.get(target.pk, {})
        per_unit = measured.by_unit if measured is not None and source_ is not None else None
        by_unit = [_unit_progress(unit, per_unit, unit_quotas.get(unit.pk)) for unit in org_units]
        result.append(
            TargetProgress(
                target=target,
                tracked=measured is not None,
                actual=actual,
                expected=expected,
                percentage=_percentage(actual, target.value),
                status=_status(target, actual, expected) if measured else NOT_TRACKED,
                forecast=measured.forecast if measured else None,
                forecast_basis=measured.forecast_basis if measured else {},
                by_unit=by_unit,
                quotas_total=sum(unit_quotas.values(), Decimal(0)) if unit_quotas else None,
                line_start=line_start,
            )
        )
    return result


def progress_document(
    *, plan_year: PlanYear, as_of: datetime.date, org_units: list[OrgUnit]
) -> dict:
    """The same figures as plain JSON-ready data (API, command, snapshots)."""

    def number(value):
        return None if value is None else float(value)

    return {
        "year": plan_year.year,
        "as_of": as_of.isoformat(),
        "targets": [
            {
                "code": item.target.code,
                "name": item.target.name,
                "unit": item.target.unit,
                "direction": item.target.direction,
                "target": number(item.target.value),
                "actual": number(item.actual),
                "percentage": number(item.percentage),
                "expected": number(item.expected),
                "status": item.status,
                "forecast": number(item.forecast),
                "forecast_basis": item.forecast_basis,
                "by_unit": [
                    {
                        "code": row.org_unit.code,
                        "name": row.org_unit.name,
                        "actual": number(row.actual),
                        "quota": number(row.quota),
                        "percentage": number(row.percentage),
                    }
                    for row in item.by_unit
                ],
            }
            for item in plan_progress(plan_year=plan_year, as_of=as_of, org_units=org_units)
        ],
    }
