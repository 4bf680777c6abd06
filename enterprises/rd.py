"""R&D growth and the 三个清零 ("three zero") lists, defined once: the R&D page, the
three-zero pages, their exports and the dashboard's sources (guangde_plan/progress.py) all
read these selectors, so that none of them can disagree.

**Which figures year.** Annual figures of year Y are reported in the course of Y + 1, so
during plan year Y there are usually none yet. `figures_year_for` decides, for every reader
alike: the plan year's own figures once any enterprise has figures for it, else the year
before's. It looks at the whole city (not the reader's units), so that a liaison's page and
the dashboard speak of the same year.

**R&D growth** (`rd_spend_total`, `rd_growth_pct`) of figures year F: the R&D expense
(研发费用) of F summed over every enterprise with an R&D figure for F, against the sum of
F − 1 over every enterprise with one for F − 1; *like for like*, the same sums over only the
enterprises with an R&D figure in both years. An empty R&D figure is "not reported", never 0.

**三个清零** of figures year F, among 规上工业企业 (Enterprise.is_above_designated_size),
judged on the sales revenue (营业收入, AnnualFigures.sales_revenue) against the plan year's
`Rules` thresholds, inclusive (≥):
- `rd_activity`: no R&D expense (zero or not reported);
- `rd_institution`: no R&D institution (level "none" or empty in the figures) and no open
  R&D-institution platform recognised at some level (platforms app);
- `innovation`: no invention patent application and no Class I or Class II IP (each zero or
  not reported).
An enterprise 规上 without figures for F, or without a sales revenue in them, cannot be
judged: it is listed apart as "data missing", on every list, never passed silently.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Count, F, FilteredRelation, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from guangde_plan.models import User
from guangde_plan.selectors import scope_to_units
from platforms.selectors import hosts_recognised_rd_institution

from .models import AnnualFigures, Enterprise, HelpItem, TechField
from .readiness import Rules

HUNDRED = Decimal(100)
MOVERS_SHOWN = 20


def figures_year_for(*, plan_year: int) -> int:
    """The figures year read for `plan_year`: its own once any enterprise has figures for
    it, else the year before (one query)."""
    if AnnualFigures.objects.filter(year=plan_year).exists():
        return plan_year
    return plan_year - 1


def growth_pct(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """current against previous in percent, two places; None without both or with a zero
    previous year (growth from nothing has no percentage)."""
    if current is None or not previous:
        return None
    return ((current - previous) * HUNDRED / previous).quantize(Decimal("0.01"), ROUND_HALF_UP)


# R&D growth ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnterpriseRd:
    """One enterprise's R&D expense in the figures year and the year before (None: not
    reported)."""

    enterprise_id: int
    name: str
    uscc: str
    org_unit_id: int
    org_unit_name: str
    tech_field: str
    previous: Decimal | None
    current: Decimal | None

    @property
    def change(self) -> Decimal | None:
        """How much it moves the all-enterprise total; None while the year is missing."""
        if self.current is None:
            return None
        return self.current - (self.previous or 0)

    @property
    def pct(self) -> Decimal | None:
        return growth_pct(self.current, self.previous)

    @property
    def is_new(self) -> bool:
        return self.previous is None


@dataclass
class Growth:
    """R&D sums of a group of enterprises (the city, a unit, a field)."""

    current: Decimal | None = None  # None: nobody in the group reported the year
    previous: Decimal | None = None
    like_current: Decimal = Decimal(0)
    like_previous: Decimal = Decimal(0)
    reported: int = 0
    reported_before: int = 0
    in_both: int = 0

    def add(self, row: EnterpriseRd) -> None:
        if row.current is not None:
            self.current = (self.current or 0) + row.current
            self.reported += 1
        if row.previous is not None:
            self.previous = (self.previous or 0) + row.previous
            self.reported_before += 1
        if row.current is not None and row.previous is not None:
            self.like_current += row.current
            self.like_previous += row.previous
            self.in_both += 1

    @property
    def pct(self) -> Decimal | None:
        return growth_pct(self.current, self.previous)

    @property
    def like_pct(self) -> Decimal | None:
        return growth_pct(self.like_current, self.like_previous) if self.in_both else None


@dataclass
class RdReport:
    year: int  # the figures year
    total: Growth
    by_unit: dict[int, Growth]
    by_field: dict[str, Growth]  # "" for enterprises without a field
    rows: list[EnterpriseRd]

    @cached_property
    def movers_up(self) -> list[EnterpriseRd]:
        """The enterprises that add most to the total, largest increase first."""
        up = [row for row in self.rows if row.change is not None and row.change > 0]
        return sorted(up, key=lambda row: (-row.change, row.name))

    @cached_property
    def movers_down(self) -> list[EnterpriseRd]:
        down = [row for row in self.rows if row.change is not None and row.change < 0]
        return sorted(down, key=lambda row: (row.change, row.name))

    @cached_property
    def missing(self) -> list[EnterpriseRd]:
        """Reported an R&D expense for the year before, none yet for the year: largest
        first, as they weigh most on the comparison."""
        rows = [row for row in self.rows if row.current is None]
        return sorted(rows, key=lambda row: (-row.previous, row.name))

    @cached_property
    def ranked(self) -> list[EnterpriseRd]:
        """Every enterprise, for the export: increases, then decreases, then missing."""
        unchanged = [row for row in self.rows if row.change == 0]
        return (
            self.movers_up
            + sorted(unchanged, key=lambda row: row.name)
            + (list(reversed(self.movers_down)) + self.missing)
        )


def _rd_report(figures: QuerySet[AnnualFigures], *, year: int) -> RdReport:
    # One row per enterprise with both years summed apart: unique (enterprise, year) makes
    # each sum that year's figure, or NULL when the enterprise has none.
    values = (
        figures.filter(year__in=[year - 1, year], rd_expense__isnull=False)
        .values(
            "enterprise_id",
            name=F("enterprise__name"),
            uscc=F("enterprise__uscc"),
            org_unit_id=F("enterprise__org_unit_id"),
            org_unit_name=F("enterprise__org_unit__name"),
            tech_field=F("enterprise__tech_field"),
        )
        .annotate(
            current=Sum("rd_expense", filter=Q(year=year)),
            previous=Sum("rd_expense", filter=Q(year=year - 1)),
        )
        .order_by()
    )
    rows = [EnterpriseRd(**row) for row in values]
    total, by_unit, by_field = Growth(), defaultdict(Growth), defaultdict(Growth)
    for row in rows:
        total.add(row)
        by_unit[row.org_unit_id].add(row)
        by_field[row.tech_field].add(row)
    return RdReport(
        year=year, total=total, by_unit=dict(by_unit), by_field=dict(by_field), rows=rows
    )


def rd_report_visible(*, user: User, year: int) -> RdReport:
    """R&D growth of figures year `year` over the enterprises the user may see (one query)."""
    figures = scope_to_units(AnnualFigures.objects.all(), user=user, path="enterprise__org_unit")
    return _rd_report(figures, year=year)


def rd_report_city(*, year: int) -> RdReport:
    """The same over the whole city: the dashboard's figures (one query)."""
    return _rd_report(AnnualFigures.objects.all(), year=year)


def rd_sums_city(*, year: int) -> tuple[Growth, dict[int, Growth]]:
    """The city's and each unit's R&D sums of figures year `year` and the year before —
    `current`, `previous` and the numbers reported, as in `rd_report_city` (like-for-like
    left out) — summed in SQL: the dashboard's figures without a row per enterprise (one
    query; with 20,000 enterprises ~10 times faster than building the report)."""
    rows = (
        AnnualFigures.objects.filter(year__in=[year - 1, year], rd_expense__isnull=False)
        .values(org_unit_id=F("enterprise__org_unit_id"))
        .annotate(
            current=Sum("rd_expense", filter=Q(year=year)),
            previous=Sum("rd_expense", filter=Q(year=year - 1)),
            reported=Count("pk", filter=Q(year=year)),
            reported_before=Count("pk", filter=Q(year=year - 1)),
        )
        .order_by()
    )
    total, by_unit = Growth(), {}
    for row in rows:
        unit = Growth(
            current=row["current"],
            previous=row["previous"],
            reported=row["reported"],
            reported_before=row["reported_before"],
        )
        by_unit[row["org_unit_id"]] = unit
        for name in ("current", "previous"):
            if getattr(unit, name) is not None:
                setattr(total, name, (getattr(total, name) or 0) + getattr(unit, name))
        total.reported += unit.reported
        total.reported_before += unit.reported_before
    return total, by_unit


def field_label(value: str) -> str:
    return str(TechField(value).label if value in TechField.values else _("No field recorded"))


# 三个清零 --------------------------------------------------------------------------------------

RD_ACTIVITY, RD_INSTITUTION, INNOVATION = "rd_activity", "rd_institution", "innovation"
THREE_ZERO_KINDS = (RD_ACTIVITY, RD_INSTITUTION, INNOVATION)
# The target code of each list (shared/plan/README.md).
TARGET_CODES = {kind: f"three_zero_{kind}" for kind in THREE_ZERO_KINDS}
THREE_ZERO_LABELS = {
    RD_ACTIVITY: _("No R&D activity"),
    RD_INSTITUTION: _("No R&D institution"),
    INNOVATION: _("No innovation results"),
}


def threshold(rules: Rules, kind: str) -> Decimal:
    """The minimum sales revenue (万元, inclusive) from which `kind` applies."""
    return getattr(rules, f"three_zero_{kind}_min_sales")


def thresholds(rules: Rules) -> tuple[Decimal, ...]:
    return tuple(threshold(rules, kind) for kind in THREE_ZERO_KINDS)


@dataclass
class ThreeZeroRow:
    """A 规上 enterprise with its figures of the year (all None without any)."""

    enterprise_id: int
    name: str
    uscc: str
    org_unit_id: int
    org_unit_name: str
    figures_id: int | None
    sales_revenue: Decimal | None
    rd_expense: Decimal | None
    rd_institution_level: str | None
    invention_applications: int | None
    class1_ip_count: int | None
    class2_ip_count: int | None
    # An open R&D-institution platform recognised at some level (platforms app).
    hosts_rd_platform: bool = False
    # What it lacks on the list it is shown on, in words (set by _split).
    lack: str = ""
    # Open help items (owner, due date), loaded for the page.
    help_items: list[HelpItem] = field(default_factory=list)

    @property
    def is_data_missing(self) -> bool:
        return self.figures_id is None or self.sales_revenue is None

    def is_listed(self, kind: str, rules: Rules) -> bool:
        """On list `kind`: sales at or above its threshold and the thing missing."""
        if self.is_data_missing or self.sales_revenue < threshold(rules, kind):
            return False
        if kind == RD_ACTIVITY:
            return not self.rd_expense
        if kind == RD_INSTITUTION:
            return not self.hosts_rd_platform and self.rd_institution_level in (None, "", "none")
        return not any((self.invention_applications, self.class1_ip_count, self.class2_ip_count))


LACK_TEXTS = {
    "rd_not_reported": _("R&D expense not reported"),
    RD_ACTIVITY: _("R&D expense is zero"),
    RD_INSTITUTION: _("No R&D institution recorded"),
    INNOVATION: _("No invention patent application and no Class I or II IP recorded"),
    "no_figures": _("No figures for the year"),
    "no_sales": _("Sales revenue not reported"),
}


def lack_text(row: ThreeZeroRow, kind: str) -> str:
    """What a row of list `kind` lacks, in words (or why it cannot be judged)."""
    if row.figures_id is None:
        return str(LACK_TEXTS["no_figures"])
    if row.sales_revenue is None:
        return str(LACK_TEXTS["no_sales"])
    if kind == RD_ACTIVITY and row.rd_expense is None:
        return str(LACK_TEXTS["rd_not_reported"])
    return str(LACK_TEXTS[kind])


@dataclass
class ThreeZeroList:
    kind: str
    year: int  # the figures year
    threshold: Decimal
    listed: list[ThreeZeroRow]
    data_missing: list[ThreeZeroRow]
    judged: int  # 规上 enterprises with the figures to judge (listed or not)

    @property
    def target_code(self) -> str:
        return TARGET_CODES[self.kind]


def _three_zero_rows(enterprises: QuerySet[Enterprise], *, year: int) -> list[ThreeZeroRow]:
    """Every 规上 enterprise of `enterprises` with its figures of `year` (one query: a left
    join on that year's figures only)."""
    values = (
        enterprises.filter(is_above_designated_size=True)
        .annotate(year_figures=FilteredRelation("figures", condition=Q(figures__year=year)))
        .annotate(hosts_rd_platform=hosts_recognised_rd_institution(OuterRef("pk")))
        .values(
            "pk",
            "name",
            "uscc",
            "org_unit_id",
            "hosts_rd_platform",
            org_unit_name=F("org_unit__name"),
            figures_id=F("year_figures__id"),
            sales_revenue=F("year_figures__sales_revenue"),
            rd_expense=F("year_figures__rd_expense"),
            rd_institution_level=F("year_figures__rd_institution_level"),
            invention_applications=F("year_figures__invention_applications"),
            class1_ip_count=F("year_figures__class1_ip_count"),
            class2_ip_count=F("year_figures__class2_ip_count"),
        )
        .order_by("name", "pk")
    )
    return [ThreeZeroRow(enterprise_id=row.pop("pk"), **row) for row in values]


def _split(rows: list[ThreeZeroRow], *, kind: str, year: int, rules: Rules) -> ThreeZeroList:
    listed = [replace(row, lack=lack_text(row, kind)) for row in rows if row.is_listed(kind, rules)]
    # Largest first: the plan names them by sales band.
    listed.sort(key=lambda row: -row.sales_revenue)
    return ThreeZeroList(
        kind=kind,
        year=year,
        threshold=threshold(rules, kind),
        listed=listed,
        data_missing=[
            replace(row, lack=lack_text(row, kind)) for row in rows if row.is_data_missing
        ],
        judged=sum(1 for row in rows if not row.is_data_missing),
    )


def three_zero_list_visible(*, user: User, kind: str, year: int, rules: Rules) -> ThreeZeroList:
    """List `kind` of figures year `year` over the enterprises the user may see, each with
    its open help items. Two queries: the enterprises with their figures, the help items."""
    enterprises = scope_to_units(Enterprise.objects.all(), user=user)
    result = _split(_three_zero_rows(enterprises, year=year), kind=kind, year=year, rules=rules)
    shown = {row.enterprise_id: row for row in result.listed + result.data_missing}
    if shown:
        items = HelpItem.objects.filter(
            enterprise_id__in=list(shown),
            status__in=[HelpItem.Status.OPEN, HelpItem.Status.IN_PROGRESS],
        ).order_by(F("due_on").asc(nulls_last=True), "pk")
        for item in items:
            shown[item.enterprise_id].help_items.append(item)
    return result


def three_zero_lists_city(*, year: int, rules: Rules) -> dict[str, ThreeZeroList]:
    """The three lists over the whole city, for the dashboard (one query for all three)."""
    rows = _three_zero_rows(Enterprise.objects.all(), year=year)
    return {kind: _split(rows, kind=kind, year=year, rules=rules) for kind in THREE_ZERO_KINDS}
