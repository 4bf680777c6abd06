"""How close an enterprise's figures come to the two recognitions the bureau promotes.

Pure functions on reported figures: no database, no models. Every threshold comes from a
`Rules` object (stored per plan year as JSON so that admins can correct it); `DEFAULT_RULES`
holds the national values.

- `hte_readiness`: the 高新技术企业 (high-tech enterprise, HTE) conditions that figures can decide,
  国科发火〔2016〕32号.
- `sme_evaluation`: the 科技型中小企业 (technology-based SME) eligibility and score,
  国科火字〔2022〕67号.

Money is Decimal in 万元; percentages are Decimal percent values (10 means 10 %). Pass or fail
is decided on exact values by cross-multiplying, never on a rounded ratio, so 9.999 % fails a
10 % minimum; `pct_display` rounds to two places for display only.
"""

import datetime
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Context, Decimal, Inexact

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.dates import add_years

PASS, FAIL, NO_DATA = "pass", "fail", "no_data"
# Sanity bound for the one rule that is a number of years (the national rule says 1).
MAX_YEARS_REGISTERED = 10
DIRECT = "direct"

# Direct-confirmation (直接确认) paths that the figures can show.
VALID_HTE = "valid_hte"
PROVINCIAL_RD_INSTITUTION = "provincial_rd_institution"
RD_INSTITUTION_LEVELS = ("none", "in_house", "municipal", "provincial", "national")
_PROVINCIAL_OR_ABOVE = frozenset({"provincial", "national"})

# Wide enough that multiplying two reported figures is never rounded; Inexact would say so.
_EXACT = Context(prec=100, traps=[Inexact])

Number = Decimal | int


@dataclass(frozen=True)
class YearFigures:
    """One enterprise's figures for one fiscal year; None means not reported."""

    year: int
    sales_revenue: Decimal | None = None  # 营业收入
    total_costs: Decimal | None = None  # 成本费用总额
    total_assets: Decimal | None = None
    employees: int | None = None
    tech_staff: int | None = None  # 科技人员数
    rd_expense: Decimal | None = None
    rd_expense_domestic: Decimal | None = None  # 境内研发费用
    high_tech_revenue: Decimal | None = None
    rd_institution_level: str = "none"  # one of RD_INSTITUTION_LEVELS
    class1_ip_count: int | None = None
    class2_ip_count: int | None = None


@dataclass(frozen=True)
class Band:
    """`points` for a value at or above `threshold` (a percentage, or a count for IP)."""

    threshold: Decimal
    points: int


def _bands(*pairs: tuple[int, int]) -> tuple[Band, ...]:
    return tuple(Band(Decimal(threshold), points) for threshold, points in pairs)


@dataclass(frozen=True)
class Rules:
    """The thresholds of one plan year. Defaults are the national values.

    `hte_rd_ratio_bands` pairs the latest year's sales ceiling in 万元 (inclusive; None for the
    open-ended top band) with the minimum three-year R&D ratio in percent.
    """

    # 国科发火〔2016〕32号 art. 11
    hte_min_years_registered: int = 1
    hte_min_tech_staff_pct: Decimal = Decimal("10")
    hte_rd_ratio_bands: tuple[tuple[Decimal | None, Decimal], ...] = (
        (Decimal("5000"), Decimal("5")),
        (Decimal("20000"), Decimal("4")),
        (None, Decimal("3")),
    )
    hte_min_domestic_rd_pct: Decimal = Decimal("60")
    hte_min_high_tech_revenue_pct: Decimal = Decimal("60")
    # 国科火字〔2022〕67号
    sme_max_employees: int = 500
    sme_max_sales: Decimal = Decimal("20000")
    sme_max_assets: Decimal = Decimal("20000")
    sme_pass_score: int = 60
    sme_staff_bands: tuple[Band, ...] = _bands((30, 20), (25, 16), (20, 12), (15, 8), (10, 4))
    sme_rd_sales_bands: tuple[Band, ...] = _bands((6, 50), (5, 40), (4, 30), (3, 20), (2, 10))
    sme_rd_costs_bands: tuple[Band, ...] = _bands((30, 50), (25, 40), (20, 30), (15, 20), (10, 10))
    sme_class1_ip_points: int = 30
    sme_class2_ip_bands: tuple[Band, ...] = _bands((4, 24), (3, 18), (2, 12), (1, 6))
    # 三个清零 (the plan's "three zero" lists) among 规上工业企业: the minimum sales revenue
    # (营业收入, 万元, inclusive) from which an enterprise must show R&D activity, an R&D
    # institution, innovation results. Rules stored before these keys read these defaults.
    three_zero_rd_activity_min_sales: Decimal = Decimal("10000")
    three_zero_rd_institution_min_sales: Decimal = Decimal("50000")
    three_zero_innovation_min_sales: Decimal = Decimal("100000")

    def __post_init__(self):
        if not 0 <= self.hte_min_years_registered <= MAX_YEARS_REGISTERED:
            raise ValueError(
                f"hte_min_years_registered must be between 0 and {MAX_YEARS_REGISTERED}."
            )
        open_ended = [band for band in self.hte_rd_ratio_bands if band[0] is None]
        if len(open_ended) != 1:
            raise ValueError("hte_rd_ratio_bands needs exactly one band without a sales ceiling.")

    def to_dict(self) -> dict:
        """A JSON-ready dict: Decimals as strings, so that `from_dict` gives them back exactly."""
        data = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "hte_rd_ratio_bands":
                data[f.name] = [
                    {"max_sales": None if ceiling is None else str(ceiling), "min_pct": str(pct)}
                    for ceiling, pct in value
                ]
            elif isinstance(f.default, tuple):
                data[f.name] = [
                    {"threshold": str(band.threshold), "points": band.points} for band in value
                ]
            elif isinstance(f.default, Decimal):
                data[f.name] = str(value)
            else:
                data[f.name] = value
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Rules":
        """The inverse of `to_dict`. Keys left out keep the national default; unknown keys
        raise ValueError, so that a mistyped name cannot silently fall back to a default."""
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"Unknown rules: {', '.join(unknown)}")
        values = {}
        for name, value in data.items():
            default = known[name].default
            if name == "hte_rd_ratio_bands":
                values[name] = tuple(
                    (
                        None if band["max_sales"] is None else _decimal(band["max_sales"]),
                        _decimal(band["min_pct"]),
                    )
                    for band in value
                )
            elif isinstance(default, tuple):
                values[name] = tuple(
                    Band(_decimal(band["threshold"]), int(band["points"])) for band in value
                )
            elif isinstance(default, Decimal):
                values[name] = _decimal(value)
            else:
                values[name] = int(value)
        return cls(**values)


DEFAULT_RULES = Rules()


def _decimal(value) -> Decimal:
    # str() first so that a float typed into the JSON by hand becomes the number it shows.
    return Decimal(str(value))


@dataclass(frozen=True)
class Condition:
    """One condition's outcome.

    `margin` is the headroom: zero or more when the condition holds, negative by the shortfall
    otherwise. For a minimum it is actual − required (percentage points or a count); for a
    maximum required − actual; for the registration date the days between the latest date
    that qualifies (`required`) and the actual one. None without data.
    """

    code: str
    label: str | Promise
    status: str
    actual: Decimal | int | datetime.date | None = None
    required: Decimal | int | datetime.date | None = None
    margin: Decimal | int | None = None
    detail: str | Promise = ""
    years_used: tuple[int, ...] = ()


def pct_display(value: Decimal | None) -> Decimal | None:
    """A percentage (or margin) rounded to two places, for display only."""
    if value is None:
        return None
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _pct(part: Number, whole: Number) -> Decimal:
    return Decimal(part) * 100 / Decimal(whole)


def _pct_headroom(part: Number, whole: Number, required: Number) -> Decimal:
    """part ÷ whole × 100 − required, its sign exact (whole > 0): the numerator is computed
    without rounding, and dividing by a positive number keeps the sign."""
    numerator = _EXACT.subtract(_EXACT.multiply(part, 100), _EXACT.multiply(required, whole))
    return numerator / Decimal(whole)


def _band_points(part: Number, whole: Number, bands: tuple[Band, ...]) -> int:
    for band in sorted(bands, key=lambda band: band.threshold, reverse=True):
        if _pct_headroom(part, whole, band.threshold) >= 0:
            return band.points
    return 0


def _count_points(count: int, bands: tuple[Band, ...]) -> int:
    for band in sorted(bands, key=lambda band: band.threshold, reverse=True):
        if count >= band.threshold:
            return band.points
    return 0


def _get(figures: YearFigures | None, name: str):
    return None if figures is None else getattr(figures, name)


def _years_text(years) -> str:
    return ", ".join(str(year) for year in years)


def _min_pct(
    code: str,
    label: Promise,
    part: Number,
    whole: Number,
    required: Decimal,
    *,
    years_used: tuple[int, ...] = (),
    detail: str | Promise = "",
) -> Condition:
    margin = _pct_headroom(part, whole, required)
    return Condition(
        code=code,
        label=label,
        status=PASS if margin >= 0 else FAIL,
        actual=_pct(part, whole),
        required=required,
        margin=margin,
        detail=detail,
        years_used=years_used,
    )


# --- 高新技术企业 (HTE) ---

REGISTERED_LABEL = _("Registered for long enough")
TECH_STAFF_LABEL = _("Science and technology staff share")
RD_RATIO_LABEL = _("R&D expense to sales ratio")
DOMESTIC_RD_LABEL = _("Share of R&D expense spent in China")
HIGH_TECH_REVENUE_LABEL = _("High-tech products and services revenue share")
IP_LABEL = _("Owns intellectual property")


@dataclass(frozen=True)
class HteReadiness:
    """The HTE conditions that figures can decide, in a fixed order.

    Figures cannot decide the rest, so `all_passed` means "ready on the figures", not "will be
    recognised": the innovation-capability score (must exceed 70; exactly 70 fails), whether
    the core technology lies in one of the eight national key fields, whether the IP gives
    core support to the main products, and no major safety or quality accident or serious
    environmental violation in the year before the application.
    """

    figures_year: int
    conditions: tuple[Condition, ...]

    def _count(self, status: str) -> int:
        return sum(1 for condition in self.conditions if condition.status == status)

    @property
    def passed(self) -> int:
        return self._count(PASS)

    @property
    def failed(self) -> int:
        return self._count(FAIL)

    @property
    def no_data(self) -> int:
        return self._count(NO_DATA)

    @property
    def all_passed(self) -> bool:
        return self.passed == len(self.conditions)

    @property
    def score_for_ranking(self) -> int:
        """One point per condition met: candidates closest to applying rank first."""
        return self.passed

    @property
    def by_code(self) -> dict[str, Condition]:
        return {condition.code: condition for condition in self.conditions}


def hte_readiness(
    *,
    figures: dict[int, YearFigures],
    registered_on: datetime.date | None,
    figures_year: int,
    rules: Rules,
) -> HteReadiness:
    """Readiness to apply in `figures_year` + 1 on the figures of that year and the two before.

    `figures` maps fiscal year to that year's figures; years not reported may be left out.
    """
    latest = figures.get(figures_year)
    years = _required_years(figures_year, registered_on)
    return HteReadiness(
        figures_year=figures_year,
        conditions=(
            _registered(registered_on, figures_year, rules),
            _tech_staff(latest, figures_year, rules),
            _rd_ratio(figures, years, latest, rules),
            _domestic_rd(figures, years, rules),
            _high_tech_revenue(latest, figures_year, rules),
            _ip(latest, figures_year),
        ),
    )


def _required_years(figures_year: int, registered_on: datetime.date | None) -> tuple[int, ...]:
    # 国科发火〔2016〕32号 art. 11(5): the last three fiscal years, or the years since
    # registration for a younger enterprise.
    years = tuple(range(figures_year - 2, figures_year + 1))
    if registered_on is None:
        return years
    return tuple(year for year in years if year >= registered_on.year) or (figures_year,)


def _registered(registered_on, figures_year, rules) -> Condition:
    # The latest registration date that still gives the required years by the end of year F.
    required = datetime.date(figures_year - rules.hte_min_years_registered, 12, 31)
    if registered_on is None:
        return Condition(
            code="registered",
            label=REGISTERED_LABEL,
            status=NO_DATA,
            required=required,
            detail=_("The registration date is not recorded."),
        )
    end_of_year = datetime.date(figures_year, 12, 31)
    holds = add_years(registered_on, rules.hte_min_years_registered) <= end_of_year
    return Condition(
        code="registered",
        label=REGISTERED_LABEL,
        status=PASS if holds else FAIL,
        actual=registered_on,
        required=required,
        margin=(required - registered_on).days,
    )


def _tech_staff(latest, figures_year, rules) -> Condition:
    staff, employees = _get(latest, "tech_staff"), _get(latest, "employees")
    if staff is None or not employees:
        return Condition(
            code="tech_staff",
            label=TECH_STAFF_LABEL,
            status=NO_DATA,
            required=rules.hte_min_tech_staff_pct,
            detail=format_lazy(
                _("Needs the S&T staff and a non-zero number of employees for {year}."),
                year=figures_year,
            ),
        )
    return _min_pct("tech_staff", TECH_STAFF_LABEL, staff, employees, rules.hte_min_tech_staff_pct)


def _sums(figures, years, *names) -> tuple[list[Decimal] | None, list[int]]:
    """Each named figure summed over `years`, or None and the years missing any of them."""
    missing = [
        year for year in years if any(_get(figures.get(year), name) is None for name in names)
    ]
    if missing:
        return None, missing
    return [sum((getattr(figures[year], name) for year in years), Decimal(0)) for name in names], []


def _rd_band_minimum(latest_sales: Decimal, rules: Rules) -> Decimal:
    # 国科发火〔2016〕32号 art. 11(5): the band follows the latest year's sales, edges inclusive.
    bands = sorted(rules.hte_rd_ratio_bands, key=lambda band: (band[0] is None, band[0] or 0))
    return next(pct for ceiling, pct in bands if ceiling is None or latest_sales <= ceiling)


def _rd_ratio(figures, years, latest, rules) -> Condition:
    latest_sales = _get(latest, "sales_revenue")
    required = None if latest_sales is None else _rd_band_minimum(latest_sales, rules)
    sums, missing = _sums(figures, years, "rd_expense", "sales_revenue")
    if missing:
        detail = format_lazy(
            _("R&D expense or sales revenue is missing for {years}."), years=_years_text(missing)
        )
    elif sums[1] == 0:
        detail = format_lazy(_("Sales revenue over {years} is zero."), years=_years_text(years))
    else:
        rd, sales = sums
        return _min_pct(
            "rd_ratio",
            RD_RATIO_LABEL,
            rd,
            sales,
            required,
            years_used=years,
            detail=format_lazy(_("Judged on {years}."), years=_years_text(years)),
        )
    return Condition(
        code="rd_ratio",
        label=RD_RATIO_LABEL,
        status=NO_DATA,
        required=required,
        detail=detail,
        years_used=years,
    )


def _domestic_rd(figures, years, rules) -> Condition:
    required = rules.hte_min_domestic_rd_pct
    sums, missing = _sums(figures, years, "rd_expense_domestic", "rd_expense")
    if missing:
        detail = format_lazy(
            _("R&D expense in China or in total is missing for {years}."),
            years=_years_text(missing),
        )
    elif sums[1] == 0:
        detail = format_lazy(_("R&D expense over {years} is zero."), years=_years_text(years))
    else:
        domestic, rd = sums
        return _min_pct("domestic_rd", DOMESTIC_RD_LABEL, domestic, rd, required, years_used=years)
    return Condition(
        code="domestic_rd",
        label=DOMESTIC_RD_LABEL,
        status=NO_DATA,
        required=required,
        detail=detail,
        years_used=years,
    )


def _high_tech_revenue(latest, figures_year, rules) -> Condition:
    high_tech, sales = _get(latest, "high_tech_revenue"), _get(latest, "sales_revenue")
    required = rules.hte_min_high_tech_revenue_pct
    if high_tech is None or not sales:
        return Condition(
            code="high_tech_revenue",
            label=HIGH_TECH_REVENUE_LABEL,
            status=NO_DATA,
            required=required,
            detail=format_lazy(
                _("Needs the high-tech revenue and non-zero sales revenue for {year}."),
                year=figures_year,
            ),
        )
    return _min_pct("high_tech_revenue", HIGH_TECH_REVENUE_LABEL, high_tech, sales, required)


def _ip(latest, figures_year) -> Condition:
    class1, class2 = _get(latest, "class1_ip_count"), _get(latest, "class2_ip_count")
    if class1 is None and class2 is None:
        return Condition(
            code="ip",
            label=IP_LABEL,
            status=NO_DATA,
            required=1,
            detail=format_lazy(_("No IP counts are reported for {year}."), year=figures_year),
        )
    count = (class1 or 0) + (class2 or 0)
    return Condition(
        code="ip",
        label=IP_LABEL,
        status=PASS if count >= 1 else FAIL,
        actual=count,
        required=1,
        margin=count - 1,
    )


# --- 科技型中小企业 (technology-based SME) ---

EMPLOYEES_LABEL = _("Employees within the limit")
SALES_LABEL = _("Sales revenue within the limit")
ASSETS_LABEL = _("Total assets within the limit")


@dataclass(frozen=True)
class SmeEvaluation:
    """The tech-SME evaluation on one year's figures.

    `result` is DIRECT, PASS, FAIL or NO_DATA. Of the direct-confirmation (直接确认) paths only
    a valid HTE certificate and a provincial-or-higher R&D institution are recorded; a national
    S&T award or leading the drafting of a standard in the last five years is not in the data,
    so such an enterprise shows its score instead.
    """

    eligible: str
    eligibility_checks: tuple[Condition, ...]
    staff_ratio: Decimal | None
    staff_points: int | None
    rd_sales_ratio: Decimal | None
    rd_sales_points: int | None
    rd_costs_ratio: Decimal | None
    rd_costs_points: int | None
    rd_points: int | None
    ip_points: int | None
    total: int
    total_is_partial: bool
    direct_confirmation: tuple[str, ...]
    result: str


def sme_evaluation(
    *,
    figures: YearFigures | None,
    rules: Rules,
    has_valid_hte: bool,
    has_provincial_rd_institution: bool | None = None,
) -> SmeEvaluation:
    """Evaluate on the previous fiscal year's figures (国科火字〔2022〕67号).

    `has_provincial_rd_institution` None means: judge by `figures.rd_institution_level`.
    """
    checks = (
        _at_most("employees", EMPLOYEES_LABEL, _get(figures, "employees"), rules.sme_max_employees),
        _at_most("sales", SALES_LABEL, _get(figures, "sales_revenue"), rules.sme_max_sales),
        _at_most("assets", ASSETS_LABEL, _get(figures, "total_assets"), rules.sme_max_assets),
    )
    statuses = {check.status for check in checks}
    eligible = FAIL if FAIL in statuses else NO_DATA if NO_DATA in statuses else PASS

    staff_ratio, staff_points = _scored(
        _get(figures, "tech_staff"), _get(figures, "employees"), rules.sme_staff_bands
    )
    rd = _get(figures, "rd_expense")
    rd_sales_ratio, rd_sales_points = _scored(
        rd, _get(figures, "sales_revenue"), rules.sme_rd_sales_bands
    )
    rd_costs_ratio, rd_costs_points = _scored(
        rd, _get(figures, "total_costs"), rules.sme_rd_costs_bands
    )
    # 国科火字〔2022〕67号: R&D scores the better of its two ratios.
    known_rd = [points for points in (rd_sales_points, rd_costs_points) if points is not None]
    rd_points = max(known_rd) if known_rd else None
    ip_points = _sme_ip_points(figures, rules)
    parts = (staff_points, rd_points, ip_points)
    total = sum(points or 0 for points in parts)
    total_is_partial = None in parts

    if has_provincial_rd_institution is None:
        has_provincial_rd_institution = _get(figures, "rd_institution_level") in (
            _PROVINCIAL_OR_ABOVE
        )
    direct = tuple(
        code
        for code, holds in (
            (VALID_HTE, has_valid_hte),
            (PROVINCIAL_RD_INSTITUTION, has_provincial_rd_institution),
        )
        if holds
    )

    # A zero staff score fails whatever the total; unknown parts can only add points.
    scores_pass = total >= rules.sme_pass_score and bool(staff_points)
    cannot_pass = staff_points == 0 or (not total_is_partial and not scores_pass)
    if eligible == FAIL:
        result = FAIL
    elif eligible == PASS and direct:
        result = DIRECT
    elif eligible == PASS and scores_pass:
        result = PASS
    elif cannot_pass and not direct:
        result = FAIL
    else:
        result = NO_DATA

    return SmeEvaluation(
        eligible=eligible,
        eligibility_checks=checks,
        staff_ratio=staff_ratio,
        staff_points=staff_points,
        rd_sales_ratio=rd_sales_ratio,
        rd_sales_points=rd_sales_points,
        rd_costs_ratio=rd_costs_ratio,
        rd_costs_points=rd_costs_points,
        rd_points=rd_points,
        ip_points=ip_points,
        total=total,
        total_is_partial=total_is_partial,
        direct_confirmation=direct,
        result=result,
    )


def _at_most(code: str, label: Promise, actual: Number | None, maximum: Number) -> Condition:
    if actual is None:
        return Condition(
            code=code,
            label=label,
            status=NO_DATA,
            required=maximum,
            detail=_("Not reported."),
        )
    return Condition(
        code=code,
        label=label,
        status=PASS if actual <= maximum else FAIL,
        actual=actual,
        required=maximum,
        margin=maximum - actual,
    )


def _scored(
    part: Number | None, whole: Number | None, bands: tuple[Band, ...]
) -> tuple[Decimal | None, int | None]:
    if part is None or not whole:
        return None, None
    return _pct(part, whole), _band_points(part, whole, bands)


def _sme_ip_points(figures: YearFigures | None, rules: Rules) -> int | None:
    class1, class2 = _get(figures, "class1_ip_count"), _get(figures, "class2_ip_count")
    if class1 is None and class2 is None:
        return None
    # 国科火字〔2022〕67号: one Class I IP scores the maximum; otherwise count Class II.
    if (class1 or 0) >= 1:
        return rules.sme_class1_ip_points
    return _count_points(class2 or 0, rules.sme_class2_ip_bands)
