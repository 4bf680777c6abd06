"""How far an incubation carrier is from the next level: its latest yearly figures against
that level's criteria (LevelCriteria, data), measure by measure. No queries."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import IncubationFigures, Level, LevelCriteria, Platform
from .models.platforms import next_level

THOUSAND = Decimal(1000)


@dataclass(frozen=True)
class GapRow:
    label: str | Promise
    required: Decimal | int
    actual: Decimal | int | None  # None: not reported
    unit: str | Promise = ""
    field: str = ""  # the LevelCriteria field, e.g. "min_area"

    @property
    def is_met(self) -> bool | None:
        return None if self.actual is None else self.actual >= self.required

    @property
    def shortfall(self) -> Decimal | int | None:
        """How much is missing (0 when met), None when not reported."""
        if self.actual is None:
            return None
        return max(self.required - self.actual, 0)


@dataclass(frozen=True)
class Gap:
    platform: Platform
    level: str | None  # the next level; None at the top
    criteria: LevelCriteria | None  # None: no criteria recorded for that level
    figures: IncubationFigures | None  # the latest year's
    rows: tuple[GapRow, ...]

    @property
    def level_label(self) -> str | None:
        return Level(self.level).label if self.level else None

    @property
    def lacking(self) -> tuple[GapRow, ...]:
        return tuple(row for row in self.rows if row.is_met is False)

    @property
    def unknown(self) -> tuple[GapRow, ...]:
        return tuple(row for row in self.rows if row.is_met is None)

    @property
    def is_ready(self) -> bool:
        """Every criterion recorded for the next level is met on the latest figures."""
        return bool(self.criteria) and not self.lacking and not self.unknown


def operating_years(opened_on: datetime.date | None, today: datetime.date) -> int | None:
    """Full years of operation on `today` (29 February counts from 1 March)."""
    if opened_on is None:
        return None
    years = today.year - opened_on.year
    if (today.month, today.day) < (opened_on.month, opened_on.day):
        years -= 1
    return max(years, 0)


def density(figures: IncubationFigures | None) -> Decimal | None:
    """Enterprises in incubation per 1,000 m², to two places, rounded down: 2.998 must
    not show as 3.00 and pass a minimum of 3."""
    if figures is None or figures.incubatees is None or not figures.area:
        return None
    value = Decimal(figures.incubatees) * THOUSAND / figures.area
    return value.quantize(Decimal("0.01"), ROUND_DOWN)


def _value(figures, name):
    return None if figures is None else getattr(figures, name)


def gap_to_next_level(
    *,
    platform: Platform,
    figures: IncubationFigures | None,
    criteria: dict[str, LevelCriteria],
    today: datetime.date,
) -> Gap:
    """`criteria`: the platform kind's criteria by level; `figures`: its latest year's."""
    level = next_level(platform.level)
    found = criteria.get(level) if level else None
    rows = []
    if found is not None:
        measures = (
            (
                "min_operating_years",
                _("Years in operation"),
                operating_years(platform.opened_on, today),
                _("years"),
            ),
            ("min_area", _("Incubation area"), _value(figures, "area"), "m²"),
            ("min_incubatees", _("Enterprises in incubation"), _value(figures, "incubatees"), ""),
            ("min_density", _("Enterprises in incubation per 1,000 m²"), density(figures), ""),
            ("min_graduates", _("Graduated enterprises"), _value(figures, "graduates"), ""),
            ("min_fund", _("Incubation fund"), _value(figures, "fund"), _("10k yuan")),
            ("min_staff", _("Professional incubation staff"), _value(figures, "staff"), ""),
            ("min_mentors", _("Start-up mentors"), _value(figures, "mentors"), ""),
        )
        for field, label, actual, unit in measures:
            required = getattr(found, field)
            if required is not None:
                rows.append(
                    GapRow(label=label, required=required, actual=actual, unit=unit, field=field)
                )
    return Gap(platform=platform, level=level, criteria=found, figures=figures, rows=tuple(rows))
