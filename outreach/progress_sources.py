"""The section 五 figures as dashboard sources (guangde_plan/progress.py registry).

An administrator who adds a Target with one of these codes to a plan year (Django admin →
Targets, section "Science popularisation") sees its actual on the dashboard, the API and the
weekly snapshots; without such a target nothing shows. Counts are city-wide, by unit where
the records have one (city-wide events count in the total only):

- `outreach_events` (annual): events held in the plan year up to the day.
- `outreach_audience` (annual): people those events reached (events with a count).
- `outreach_theme_months` (annual): months of the year with at least one event on the
  month's theme (一月一主题; a target of 12 means every month); per unit, its months.
- `outreach_bases` (level): active bases and demonstration units, any level.
- `outreach_bases_provincial_up` (level): active ones at provincial or national level.
- `outreach_base_recommendations` (annual): bases recommended to a higher level this year.
- `outreach_award_recommendations` (annual): outstanding sci-tech workers recommended to
  the Xuancheng, provincial or national selections this year (city total only).
- `outreach_papers` (annual): papers collected from societies this year (city total only).
- `societies_overdue_renewal` (level, target 0 "down to zero"): active societies whose
  renewal date has passed on the day (city total only).
"""

import datetime
from decimal import Decimal

from guangde_plan.models import PlanYear
from guangde_plan.progress import ANNUAL, LEVEL, Measured, source

from . import selectors_figures as figures


def _measured(total, by_unit: dict | None = None) -> Measured:
    return Measured(
        Decimal(total), {unit: Decimal(n) for unit, n in (by_unit or {}).items()}, Decimal(0)
    )


def _events(plan_year: PlanYear, as_of: datetime.date, shared: dict):
    # Events and audience come from one query, read once per plan_progress call.
    if "outreach_events" not in shared:
        shared["outreach_events"] = figures.events_city(year=plan_year.year, as_of=as_of)
    return shared["outreach_events"]


def outreach_events(plan_year, as_of, shared):
    total, by_unit, _people, _people_by_unit = _events(plan_year, as_of, shared)
    return _measured(total, by_unit)


def outreach_audience(plan_year, as_of, shared):
    _total, _by_unit, people, people_by_unit = _events(plan_year, as_of, shared)
    return _measured(people, people_by_unit)


def outreach_theme_months(plan_year, as_of, shared):
    return _measured(*figures.theme_months_city(year=plan_year.year, as_of=as_of))


def _bases(provincial_up: bool):
    def measure(plan_year, as_of, shared):
        by_unit = figures.bases_city(as_of=as_of, provincial_up=provincial_up)
        return _measured(sum(by_unit.values()), by_unit)

    return measure


def outreach_base_recommendations(plan_year, as_of, shared):
    by_unit = figures.base_recommendations_city(year=plan_year.year, as_of=as_of)
    return _measured(sum(by_unit.values()), by_unit)


def outreach_award_recommendations(plan_year, as_of, shared):
    return _measured(figures.award_recommendations_city(year=plan_year.year, as_of=as_of))


def outreach_papers(plan_year, as_of, shared):
    return _measured(figures.papers_city(year=plan_year.year, as_of=as_of))


def societies_overdue_renewal(plan_year, as_of, shared):
    return _measured(figures.societies_overdue_city(as_of=as_of))


SOURCES = {
    "outreach_events": (ANNUAL, outreach_events),
    "outreach_audience": (ANNUAL, outreach_audience),
    "outreach_theme_months": (ANNUAL, outreach_theme_months),
    "outreach_bases": (LEVEL, _bases(provincial_up=False)),
    "outreach_bases_provincial_up": (LEVEL, _bases(provincial_up=True)),
    "outreach_base_recommendations": (ANNUAL, outreach_base_recommendations),
    "outreach_award_recommendations": (ANNUAL, outreach_award_recommendations),
    "outreach_papers": (ANNUAL, outreach_papers),
    "societies_overdue_renewal": (LEVEL, societies_overdue_renewal),
}


def register() -> None:
    for code, (kind, measure) in SOURCES.items():
        source(code, kind)(measure)
