"""The figures of science popularisation: events and audience by month and unit, coverage of
the monthly themes, bases by level, societies due for renewal.

The page functions take an already scoped queryset (a liaison's rows are their units');
the `*_city` functions count the whole city for the dashboard's progress sources
(outreach/progress_sources.py). Each is one grouped query, whatever the number of rows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth

from guangde_plan.models import OrgUnit

from .models import AwardRecommendation, Base, BaseRecommendation, Event, Paper, Society
from .models.bases import PROVINCIAL_OR_ABOVE, Level
from .models.societies import RENEWAL_NOTICE_DAYS
from .selectors import on_theme_q

MONTHS = range(1, 13)


@dataclass
class Cell:
    events: int = 0
    on_theme: int = 0
    audience: int = 0

    def add(self, other: "Cell") -> None:
        self.events += other.events
        self.on_theme += other.on_theme
        self.audience += other.audience


@dataclass
class UnitRow:
    """A unit's events month by month (`org_unit` None: the city-wide events)."""

    org_unit: OrgUnit | None
    cells: list[Cell]
    total: Cell = field(default_factory=Cell)

    @property
    def months_on_theme(self) -> int:
        return sum(1 for cell in self.cells if cell.on_theme)


@dataclass
class MonthTable:
    year: int
    rows: list[UnitRow]
    totals: list[Cell]
    total: Cell

    def units_on_theme(self, month: int) -> int:
        """Units (city-wide events not counted) that held an event on the month's theme."""
        return sum(
            1 for row in self.rows if row.org_unit is not None and row.cells[month - 1].on_theme
        )

    def month(self, month: int) -> list[tuple[UnitRow, Cell]]:
        return [(row, row.cells[month - 1]) for row in self.rows]


def month_table(*, events: QuerySet[Event], year: int, org_units: list[OrgUnit]) -> MonthTable:
    """Events, those on the month's theme and the audience, by unit and month of `year`:
    a row per unit of `org_units` (the units the reader may see, with or without events),
    and one for the city-wide events when there are any."""
    grouped = (
        events.filter(held_on__year=year)
        .annotate(month=ExtractMonth("held_on"))
        .values("month", "org_unit")
        .annotate(n=Count("pk"), on_theme=Count("pk", filter=on_theme_q()), people=Sum("audience"))
        .order_by()
    )
    cells = {
        (row["org_unit"], row["month"]): Cell(row["n"], row["on_theme"], row["people"] or 0)
        for row in grouped
    }
    rows = [UnitRow(unit, [cells.get((unit.pk, m), Cell()) for m in MONTHS]) for unit in org_units]
    if any(unit_id is None for unit_id, _month in cells):
        rows.append(UnitRow(None, [cells.get((None, m), Cell()) for m in MONTHS]))
    totals = [Cell() for _month in MONTHS]
    total = Cell()
    for row in rows:
        for index, cell in enumerate(row.cells):
            row.total.add(cell)
            totals[index].add(cell)
        total.add(row.total)
    return MonthTable(year, rows, totals, total)


def bases_by_level(*, bases: QuerySet[Base]) -> list[dict]:
    """Active bases by level (lowest first), each with its count per kind."""
    counts = defaultdict(dict)
    grouped = bases.filter(is_active=True).values("level", "kind").annotate(n=Count("pk"))
    for row in grouped.order_by():
        counts[row["level"]][row["kind"]] = row["n"]
    return [
        {
            "level": level,
            "label": label,
            "by_kind": [
                (kind_label, counts[level].get(kind, 0)) for kind, kind_label in Base.Kind.choices
            ],
            "total": sum(counts[level].values()),
        }
        for level, label in Level.choices
    ]


def society_renewals(*, today: datetime.date) -> list[Society]:
    """Active societies whose renewal is overdue or due within RENEWAL_NOTICE_DAYS, the
    most overdue first, each with `status`."""
    horizon = today + datetime.timedelta(days=RENEWAL_NOTICE_DAYS)
    societies = list(
        Society.objects.filter(is_active=True, renewal_due_on__lte=horizon).order_by(
            "renewal_due_on", "name"
        )
    )
    for society in societies:
        society.status = society.renewal_status(today)
    return societies


# City-wide counts for the progress sources: {unit id: n} and the city total (which also
# counts the city-wide records that belong to no unit).


def _by_unit(rows, key: str = "org_unit", value: str = "n") -> dict[int, int]:
    return {row[key]: row[value] or 0 for row in rows if row[key] is not None}


def _year_until(year: int, as_of: datetime.date, prefix: str = "held_on"):
    return {f"{prefix}__year": year, f"{prefix}__lte": as_of}


def events_city(*, year: int, as_of: datetime.date) -> tuple[int, dict[int, int], int, dict]:
    """Events and audience of the year up to the day: (events, by unit, audience, by unit)."""
    rows = list(
        Event.objects.filter(**_year_until(year, as_of))
        .values("org_unit")
        .annotate(n=Count("pk"), people=Sum("audience"))
        .order_by()
    )
    return (
        sum(row["n"] for row in rows),
        _by_unit(rows),
        sum(row["people"] or 0 for row in rows),
        _by_unit(rows, value="people"),
    )


def theme_months_city(*, year: int, as_of: datetime.date) -> tuple[int, dict[int, int]]:
    """Months of the year (up to the day) with at least one event on the month's theme:
    in the whole city, and per unit."""
    rows = (
        Event.objects.filter(on_theme_q(), **_year_until(year, as_of))
        .annotate(month=ExtractMonth("held_on"))
        .values("org_unit", "month")
        .distinct()
        .order_by()
    )
    months, by_unit = set(), defaultdict(int)
    for row in rows:
        months.add(row["month"])
        if row["org_unit"] is not None:
            by_unit[row["org_unit"]] += 1
    return len(months), dict(by_unit)


def bases_city(*, as_of: datetime.date, provincial_up: bool) -> dict[int, int]:
    """Active bases at their level by the day (provincial or national only, if asked)."""
    bases = Base.objects.filter(is_active=True).filter(
        Q(level_since__isnull=True) | Q(level_since__lte=as_of)
    )
    if provincial_up:
        bases = bases.filter(level__in=PROVINCIAL_OR_ABOVE)
    return _by_unit(bases.values("org_unit").annotate(n=Count("pk")).order_by())


def base_recommendations_city(*, year: int, as_of: datetime.date) -> dict[int, int]:
    rows = (
        BaseRecommendation.objects.filter(**_year_until(year, as_of, "recommended_on"))
        .values("base__org_unit")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _by_unit(rows, key="base__org_unit")


def award_recommendations_city(*, year: int, as_of: datetime.date) -> int:
    return AwardRecommendation.objects.filter(**_year_until(year, as_of, "recommended_on")).count()


def papers_city(*, year: int, as_of: datetime.date) -> int:
    return Paper.objects.filter(**_year_until(year, as_of, "collected_on")).count()


def societies_overdue_city(*, as_of: datetime.date) -> int:
    return Society.objects.filter(is_active=True, renewal_due_on__lt=as_of).count()
