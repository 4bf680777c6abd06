"""The section 三 targets' actuals, from the platforms' recognitions (guangde_plan/progress.py
registry): a level granted at exactly that level, dated in the plan year up to the day shown,
counted once per platform."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from guangde_plan.models import PlanYear
from guangde_plan.progress import ANNUAL, Measured, source

from .models import Category, Level
from .selectors import application_pass_rate, applications_pending, platforms_new_by_unit

# target code → (category of platform kind, level)
COUNTED = {
    "provincial_rd_centres_new": (Category.RD_INSTITUTION, Level.PROVINCIAL),
    "municipal_incubators_new": (Category.INCUBATION, Level.MUNICIPAL),
}


def _new_platforms(category: str, level: str):
    def measure(plan_year: PlanYear, as_of: datetime.date, shared: dict) -> Measured:
        by_unit = platforms_new_by_unit(
            category=category, level=level, year=plan_year.year, as_of=as_of
        )
        total = sum(by_unit.values(), Decimal(0))
        if as_of >= datetime.date(plan_year.year, 12, 31):
            return Measured(total, by_unit, forecast=total)
        # Applications submitted and not yet decided come in at the earlier years' rate.
        pending = applications_pending(category=category, level=level, plan_year=plan_year)
        rate = application_pass_rate(category=category, level=level, before_year=plan_year.year)
        gain = Decimal(pending) * rate if rate is not None else Decimal(0)
        forecast = (total + gain).quantize(Decimal(1), ROUND_HALF_UP)
        basis = {
            "recognised": int(total),
            "applied": pending,
            "pass_rate": None if rate is None else float(round(rate, 4)),
        }
        return Measured(total, by_unit, forecast=forecast, forecast_basis=basis)

    measure.__doc__ = (
        f"Platforms of category {category!r} granted the {level!r} level in the plan year "
        "(up to the day), by the platform's unit; forecast adds applications submitted at the "
        "earlier years' pass rate."
    )
    return measure


def register() -> None:
    for code, (category, level) in COUNTED.items():
        source(code, ANNUAL)(_new_platforms(category, level))
