"""The HTE readiness and tech-SME evaluation rules engine: plain functions, no database."""

import datetime
import json
from dataclasses import replace
from decimal import Decimal

import pytest

from enterprises.readiness import (
    DEFAULT_RULES,
    DIRECT,
    FAIL,
    NO_DATA,
    PASS,
    PROVINCIAL_RD_INSTITUTION,
    VALID_HTE,
    Band,
    Rules,
    YearFigures,
    hte_readiness,
    pct_display,
    sme_evaluation,
)
from guangde_plan.lib.dates import add_years

D = Decimal
F = 2024  # the latest complete fiscal year in the HTE tests


# --- helpers ---


def sme_figures(**values) -> YearFigures:
    """Eligible, and 20 + 50 + 30 = 100 points unless overridden."""
    base = {
        "employees": 100,
        "tech_staff": 30,
        "sales_revenue": D("3000"),
        "total_assets": D("5000"),
        "total_costs": D("2800"),
        "rd_expense": D("180"),
        "class1_ip_count": 1,
        "class2_ip_count": 0,
    }
    return YearFigures(year=F, **(base | values))


def sme(rules=DEFAULT_RULES, has_valid_hte=False, has_provincial_rd_institution=None, **values):
    return sme_evaluation(
        figures=sme_figures(**values),
        rules=rules,
        has_valid_hte=has_valid_hte,
        has_provincial_rd_institution=has_provincial_rd_institution,
    )


def scored(tech_staff, rd_sales_pct, class1=0, class2=0, rules=DEFAULT_RULES):
    """100 employees; R&D as a share of sales (its share of costs scores nothing); IP counts."""
    return sme(
        rules=rules,
        employees=100,
        tech_staff=tech_staff,
        sales_revenue=D("1000"),
        total_costs=D("100000"),
        rd_expense=D(rd_sales_pct) * 10,
        class1_ip_count=class1,
        class2_ip_count=class2,
    )


def hte_year(year, **values) -> YearFigures:
    """A year that meets every HTE condition unless overridden."""
    base = {
        "sales_revenue": D("4000"),
        "rd_expense": D("240"),
        "rd_expense_domestic": D("240"),
        "employees": 100,
        "tech_staff": 20,
        "high_tech_revenue": D("3000"),
        "class1_ip_count": 1,
        "class2_ip_count": 0,
    }
    return YearFigures(year=year, **(base | values))


def hte(
    years=None,
    registered_on=datetime.date(2015, 3, 1),
    rules=DEFAULT_RULES,
    figures_year=F,
):
    if years is None:
        years = {year: {} for year in (F - 2, F - 1, F)}
    return hte_readiness(
        figures={year: hte_year(year, **values) for year, values in years.items()},
        registered_on=registered_on,
        figures_year=figures_year,
        rules=rules,
    )


def condition(readiness, code):
    return readiness.by_code[code]


# --- tech SME: point bands ---


@pytest.mark.parametrize(
    ("tech_staff", "employees", "points"),
    [
        (999, 10000, 0),
        (10, 100, 4),
        (1499, 10000, 4),
        (15, 100, 8),
        (1999, 10000, 8),
        (20, 100, 12),
        (2499, 10000, 12),
        (25, 100, 16),
        (2999, 10000, 16),
        (30, 100, 20),
        (100, 100, 20),
    ],
)
def test_it_scores_the_staff_share_by_band(tech_staff, employees, points):
    assert sme(tech_staff=tech_staff, employees=employees).staff_points == points


@pytest.mark.parametrize(
    ("pct", "points"),
    [
        ("1.99", 0),
        ("2", 10),
        ("2.99", 10),
        ("3", 20),
        ("3.99", 20),
        ("4", 30),
        ("4.99", 30),
        ("5", 40),
        ("5.99", 40),
        ("6", 50),
        ("40", 50),
    ],
)
def test_it_scores_rd_to_sales_by_band(pct, points):
    evaluation = sme(rd_expense=D(pct), sales_revenue=D("100"))
    assert evaluation.rd_sales_points == points
    assert evaluation.rd_sales_ratio == D(pct)


@pytest.mark.parametrize(
    ("pct", "points"),
    [
        ("9.99", 0),
        ("10", 10),
        ("14.99", 10),
        ("15", 20),
        ("19.99", 20),
        ("20", 30),
        ("24.99", 30),
        ("25", 40),
        ("29.99", 40),
        ("30", 50),
    ],
)
def test_it_scores_rd_to_total_costs_by_band(pct, points):
    evaluation = sme(rd_expense=D(pct), total_costs=D("100"))
    assert evaluation.rd_costs_points == points
    assert evaluation.rd_costs_ratio == D(pct)


def test_it_takes_the_better_rd_score_when_costs_win():
    # 30 / 1000 = 3 % of sales (20 points); 30 / 100 = 30 % of costs (50 points).
    evaluation = sme(rd_expense=D("30"), sales_revenue=D("1000"), total_costs=D("100"))
    assert (evaluation.rd_sales_points, evaluation.rd_costs_points) == (20, 50)
    assert evaluation.rd_points == 50


def test_it_takes_the_better_rd_score_when_sales_win():
    evaluation = sme(rd_expense=D("60"), sales_revenue=D("1000"), total_costs=D("10000"))
    assert (evaluation.rd_sales_points, evaluation.rd_costs_points) == (50, 0)
    assert evaluation.rd_points == 50


def test_it_scores_rd_on_costs_alone_when_sales_are_missing():
    evaluation = sme(rd_expense=D("25"), sales_revenue=None, total_costs=D("100"))
    assert evaluation.rd_sales_points is None
    assert evaluation.rd_points == 40


def test_it_scores_rd_on_sales_alone_when_costs_are_missing():
    evaluation = sme(rd_expense=D("40"), sales_revenue=D("1000"), total_costs=None)
    assert evaluation.rd_costs_points is None
    assert evaluation.rd_points == 30


def test_it_leaves_rd_unscored_without_rd_expense():
    evaluation = sme(rd_expense=None)
    assert evaluation.rd_sales_points is evaluation.rd_costs_points is evaluation.rd_points is None


def test_it_gives_class1_ip_full_points_regardless_of_class2():
    assert sme(class1_ip_count=1, class2_ip_count=0).ip_points == 30
    assert sme(class1_ip_count=2, class2_ip_count=7).ip_points == 30


@pytest.mark.parametrize(("count", "points"), [(0, 0), (1, 6), (2, 12), (3, 18), (4, 24), (7, 24)])
def test_it_scores_class2_ip_by_count(count, points):
    assert sme(class1_ip_count=0, class2_ip_count=count).ip_points == points


def test_it_treats_a_missing_class1_count_as_none_held():
    assert sme(class1_ip_count=None, class2_ip_count=3).ip_points == 18


def test_it_leaves_ip_unscored_without_either_count():
    assert sme(class1_ip_count=None, class2_ip_count=None).ip_points is None


# --- tech SME: result ---


def test_it_passes_at_exactly_the_pass_score():
    evaluation = scored(tech_staff=30, rd_sales_pct=2, class1=1)  # 20 + 10 + 30
    assert evaluation.total == 60
    assert not evaluation.total_is_partial
    assert evaluation.result == PASS


def test_it_fails_one_point_below_the_pass_score():
    rules = replace(DEFAULT_RULES, sme_class1_ip_points=29)
    evaluation = scored(tech_staff=30, rd_sales_pct=2, class1=1, rules=rules)
    assert evaluation.total == 59
    assert evaluation.result == FAIL


def test_it_fails_a_zero_staff_score_even_with_80_points():
    evaluation = scored(tech_staff=9, rd_sales_pct=6, class1=1)
    assert (evaluation.staff_points, evaluation.rd_points, evaluation.ip_points) == (0, 50, 30)
    assert evaluation.total == 80
    assert evaluation.result == FAIL


def test_it_adds_up_the_three_parts():
    evaluation = sme()
    assert (evaluation.staff_points, evaluation.rd_points, evaluation.ip_points) == (20, 50, 30)
    assert evaluation.total == 100
    assert evaluation.eligible == PASS
    assert evaluation.direct_confirmation == ()
    assert evaluation.result == PASS


# The staff count and R&D move with the limit under test so that the score stays above 60.
@pytest.mark.parametrize(
    ("field", "within", "above", "code", "extra"),
    [
        ("employees", 500, 501, "employees", {"tech_staff": 300}),
        ("sales_revenue", D("20000"), D("20000.01"), "sales", {"rd_expense": D("1200")}),
        ("total_assets", D("20000"), D("20000.01"), "assets", {}),
    ],
)
def test_it_checks_eligibility_limits_inclusively(field, within, above, code, extra):
    inside = sme(**{field: within}, **extra)
    outside = sme(**{field: above}, **extra)
    assert inside.eligible == PASS
    assert inside.result == PASS
    assert outside.eligible == FAIL
    assert outside.result == FAIL
    check = {check.code: check for check in outside.eligibility_checks}[code]
    assert check.status == FAIL
    assert check.actual == above
    assert check.margin == within - above


def test_it_lists_the_three_eligibility_checks_in_order():
    checks = sme().eligibility_checks
    assert [check.code for check in checks] == ["employees", "sales", "assets"]
    assert [check.required for check in checks] == [500, D("20000"), D("20000")]


def test_it_confirms_a_valid_hte_directly_even_with_a_low_score():
    evaluation = sme(has_valid_hte=True, tech_staff=0, rd_expense=D("0"), class1_ip_count=0)
    assert evaluation.total == 0
    assert evaluation.direct_confirmation == (VALID_HTE,)
    assert evaluation.result == DIRECT


@pytest.mark.parametrize("level", ["provincial", "national"])
def test_it_confirms_a_provincial_or_national_rd_institution_directly(level):
    evaluation = sme(rd_institution_level=level)
    assert evaluation.direct_confirmation == (PROVINCIAL_RD_INSTITUTION,)
    assert evaluation.result == DIRECT


@pytest.mark.parametrize("level", ["none", "in_house", "municipal"])
def test_it_does_not_confirm_a_lower_rd_institution_directly(level):
    evaluation = sme(rd_institution_level=level)
    assert evaluation.direct_confirmation == ()
    assert evaluation.result == PASS


def test_it_lets_the_caller_say_there_is_a_provincial_institution():
    evaluation = sme(rd_institution_level="none", has_provincial_rd_institution=True)
    assert evaluation.direct_confirmation == (PROVINCIAL_RD_INSTITUTION,)


def test_it_lets_the_caller_say_there_is_no_provincial_institution():
    evaluation = sme(rd_institution_level="national", has_provincial_rd_institution=False)
    assert evaluation.direct_confirmation == ()


def test_it_lists_both_direct_paths():
    evaluation = sme(has_valid_hte=True, rd_institution_level="provincial")
    assert evaluation.direct_confirmation == (VALID_HTE, PROVINCIAL_RD_INSTITUTION)


def test_it_does_not_confirm_directly_when_not_eligible():
    evaluation = sme(has_valid_hte=True, employees=501)
    assert evaluation.direct_confirmation == (VALID_HTE,)
    assert evaluation.result == FAIL


def test_it_reports_no_data_without_figures():
    evaluation = sme_evaluation(figures=None, rules=DEFAULT_RULES, has_valid_hte=False)
    assert evaluation.eligible == NO_DATA
    assert [check.status for check in evaluation.eligibility_checks] == [NO_DATA] * 3
    assert evaluation.staff_points is evaluation.rd_points is evaluation.ip_points is None
    assert evaluation.total == 0
    assert evaluation.total_is_partial
    assert evaluation.result == NO_DATA


def test_it_waits_for_eligibility_data_even_with_a_valid_hte():
    evaluation = sme_evaluation(figures=None, rules=DEFAULT_RULES, has_valid_hte=True)
    assert evaluation.direct_confirmation == (VALID_HTE,)
    assert evaluation.result == NO_DATA


def test_it_reports_no_data_when_an_eligibility_figure_is_missing():
    evaluation = sme(total_assets=None)
    assert evaluation.eligible == NO_DATA
    assert evaluation.eligibility_checks[2].status == NO_DATA
    assert evaluation.eligibility_checks[2].margin is None
    assert evaluation.result == NO_DATA


def test_it_fails_eligibility_when_one_figure_fails_and_another_is_missing():
    evaluation = sme(total_assets=None, employees=501)
    assert evaluation.eligible == FAIL
    assert evaluation.result == FAIL


def test_it_reports_no_data_when_a_missing_part_could_still_lift_the_score():
    evaluation = sme(rd_expense=None, class2_ip_count=1, class1_ip_count=0)  # 20 + ? + 6
    assert evaluation.total == 26
    assert evaluation.total_is_partial
    assert evaluation.result == NO_DATA


def test_it_passes_on_a_partial_total_that_already_reaches_the_pass_score():
    evaluation = sme(class1_ip_count=None, class2_ip_count=None)  # 20 + 50 + ?
    assert evaluation.total == 70
    assert evaluation.total_is_partial
    assert evaluation.result == PASS


def test_it_fails_a_zero_staff_score_before_the_other_parts_are_known():
    evaluation = sme(tech_staff=5, rd_expense=None)
    assert evaluation.staff_points == 0
    assert evaluation.result == FAIL


def test_it_leaves_the_staff_score_unknown_without_employees():
    evaluation = sme(employees=0)
    assert evaluation.staff_points is None
    assert evaluation.staff_ratio is None
    assert evaluation.result == NO_DATA


def test_it_reports_no_data_for_a_passing_score_when_eligibility_is_unknown():
    evaluation = sme(total_assets=None)
    assert evaluation.total == 100
    assert evaluation.result == NO_DATA


def test_it_fails_a_complete_low_score_when_eligibility_is_unknown():
    evaluation = sme(total_assets=None, tech_staff=10, rd_expense=D("0"), class1_ip_count=0)
    assert (evaluation.total, evaluation.total_is_partial) == (4, False)
    assert evaluation.result == FAIL


# --- HTE ---


def test_it_finds_an_enterprise_ready_on_every_condition():
    readiness = hte()
    assert [c.code for c in readiness.conditions] == [
        "registered",
        "tech_staff",
        "rd_ratio",
        "domestic_rd",
        "high_tech_revenue",
        "ip",
    ]
    assert [c.status for c in readiness.conditions] == [PASS] * 6
    assert readiness.all_passed
    assert (readiness.passed, readiness.failed, readiness.no_data) == (6, 0, 0)
    assert readiness.score_for_ranking == 6


def test_it_counts_passes_failures_and_missing_data():
    readiness = hte(
        years={F - 2: {}, F - 1: {}, F: {"tech_staff": 5, "high_tech_revenue": None}},
    )
    assert condition(readiness, "tech_staff").status == FAIL
    assert condition(readiness, "high_tech_revenue").status == NO_DATA
    assert (readiness.passed, readiness.failed, readiness.no_data) == (4, 1, 1)
    assert not readiness.all_passed
    assert readiness.score_for_ranking == 4


def test_it_reports_no_data_everywhere_without_figures():
    readiness = hte_readiness(figures={}, registered_on=None, figures_year=F, rules=DEFAULT_RULES)
    assert readiness.no_data == 6
    assert readiness.score_for_ranking == 0


def test_it_takes_the_rd_ratio_over_three_years():
    readiness = hte(
        years={
            F - 2: {"sales_revenue": D("1000"), "rd_expense": D("30")},
            F - 1: {"sales_revenue": D("2000"), "rd_expense": D("100")},
            F: {"sales_revenue": D("3000"), "rd_expense": D("170")},
        }
    )
    rd_ratio = condition(readiness, "rd_ratio")
    assert rd_ratio.years_used == (F - 2, F - 1, F)
    assert rd_ratio.actual == D("5")  # 300 / 6000
    assert rd_ratio.required == D("5")
    assert rd_ratio.margin == 0
    assert rd_ratio.status == PASS


def test_it_takes_the_rd_ratio_over_two_years_for_an_enterprise_registered_in_f_minus_1():
    readiness = hte(
        years={
            F - 1: {"sales_revenue": D("1000"), "rd_expense": D("40")},
            F: {"sales_revenue": D("1000"), "rd_expense": D("60")},
        },
        registered_on=datetime.date(F - 1, 6, 1),
    )
    rd_ratio = condition(readiness, "rd_ratio")
    assert rd_ratio.years_used == (F - 1, F)
    assert rd_ratio.actual == D("5")
    assert rd_ratio.status == PASS


def test_it_takes_the_rd_ratio_over_one_year_for_an_enterprise_registered_in_f():
    readiness = hte(
        years={F: {"sales_revenue": D("1000"), "rd_expense": D("49.99")}},
        registered_on=datetime.date(F, 2, 1),
    )
    rd_ratio = condition(readiness, "rd_ratio")
    assert rd_ratio.years_used == (F,)
    assert rd_ratio.status == FAIL
    assert rd_ratio.margin == D("-0.001")
    assert condition(readiness, "registered").status == FAIL


def test_it_requires_three_years_when_the_registration_date_is_unknown():
    readiness = hte(years={F - 1: {}, F: {}}, registered_on=None)
    rd_ratio = condition(readiness, "rd_ratio")
    assert rd_ratio.years_used == (F - 2, F - 1, F)
    assert rd_ratio.status == NO_DATA
    assert str(F - 2) in str(rd_ratio.detail)


@pytest.mark.parametrize(
    ("latest_sales", "required"),
    [
        ("4999.99", "5"),
        ("5000", "5"),
        ("5000.01", "4"),
        ("20000", "4"),
        ("20000.01", "3"),
        ("500000", "3"),
    ],
)
def test_it_picks_the_rd_band_by_the_latest_years_sales(latest_sales, required):
    readiness = hte(years={F - 2: {}, F - 1: {}, F: {"sales_revenue": D(latest_sales)}})
    assert condition(readiness, "rd_ratio").required == D(required)


def test_it_picks_the_rd_band_by_the_latest_year_not_the_three_year_total():
    readiness = hte(
        years={
            F - 2: {"sales_revenue": D("30000"), "rd_expense": D("1200")},
            F - 1: {"sales_revenue": D("30000"), "rd_expense": D("1200")},
            F: {"sales_revenue": D("5000"), "rd_expense": D("200")},
        }
    )
    rd_ratio = condition(readiness, "rd_ratio")
    assert rd_ratio.actual == D("4")
    assert rd_ratio.required == D("5")
    assert rd_ratio.status == FAIL
    assert rd_ratio.margin == D("-1")


@pytest.mark.parametrize(("rd", "status"), [("600.0003", PASS), ("600.0002", FAIL)])
def test_it_applies_the_3_percent_band_just_above_20000(rd, status):
    readiness = hte(
        years={F: {"sales_revenue": D("20000.01"), "rd_expense": D(rd)}},
        registered_on=datetime.date(F, 1, 5),
    )
    rd_ratio = condition(readiness, "rd_ratio")
    assert rd_ratio.required == D("3")
    assert rd_ratio.status == status


def test_it_reports_no_data_naming_the_year_missing_rd_figures():
    readiness = hte(years={F - 2: {}, F - 1: {"rd_expense": None}, F: {}})
    rd_ratio = condition(readiness, "rd_ratio")
    assert rd_ratio.status == NO_DATA
    assert rd_ratio.margin is None
    assert str(F - 1) in str(rd_ratio.detail)
    assert str(F - 2) not in str(rd_ratio.detail)
    assert rd_ratio.required == D("5")


def test_it_reports_no_data_naming_a_year_without_any_figures():
    readiness = hte(years={F - 1: {}, F: {}})
    assert str(F - 2) in str(condition(readiness, "rd_ratio").detail)
    assert str(F - 2) in str(condition(readiness, "domestic_rd").detail)


def test_it_reports_no_data_when_sales_over_the_years_are_zero():
    zero = {"sales_revenue": D("0"), "rd_expense": D("0"), "high_tech_revenue": D("0")}
    readiness = hte(years={F - 2: zero, F - 1: zero, F: zero})
    assert condition(readiness, "rd_ratio").status == NO_DATA
    assert condition(readiness, "high_tech_revenue").status == NO_DATA


def test_it_requires_the_domestic_share_of_rd():
    readiness = hte(
        years={
            year: {"rd_expense": D("100"), "rd_expense_domestic": D("60")}
            for year in (F - 2, F - 1, F)
        }
    )
    domestic = condition(readiness, "domestic_rd")
    assert domestic.actual == D("60")
    assert domestic.status == PASS
    readiness = hte(
        years={
            F - 2: {"rd_expense": D("100"), "rd_expense_domestic": D("60")},
            F - 1: {"rd_expense": D("100"), "rd_expense_domestic": D("60")},
            F: {"rd_expense": D("100"), "rd_expense_domestic": D("59.97")},
        }
    )
    assert condition(readiness, "domestic_rd").status == FAIL


def test_it_reports_no_data_for_the_domestic_share_without_rd():
    readiness = hte(years={year: {"rd_expense": D("0")} for year in (F - 2, F - 1, F)})
    assert condition(readiness, "domestic_rd").status == NO_DATA


@pytest.mark.parametrize(
    ("tech_staff", "employees", "status"),
    [(10, 100, PASS), (999, 10000, FAIL), (9999, 100000, FAIL)],
)
def test_it_requires_ten_percent_tech_staff(tech_staff, employees, status):
    readiness = hte(years={F: {"tech_staff": tech_staff, "employees": employees}})
    assert condition(readiness, "tech_staff").status == status


def test_it_reports_the_tech_staff_margin_in_percentage_points():
    tech_staff = condition(hte(years={F: {"tech_staff": 999, "employees": 10000}}), "tech_staff")
    assert tech_staff.actual == D("9.99")
    assert tech_staff.required == D("10")
    assert tech_staff.margin == D("-0.01")


@pytest.mark.parametrize("values", [{"employees": 0}, {"employees": None}, {"tech_staff": None}])
def test_it_reports_no_data_for_tech_staff_without_figures(values):
    tech_staff = condition(hte(years={F: values}), "tech_staff")
    assert tech_staff.status == NO_DATA
    assert str(F) in str(tech_staff.detail)


@pytest.mark.parametrize(("high_tech", "status"), [("600", PASS), ("599.99", FAIL)])
def test_it_requires_sixty_percent_high_tech_revenue(high_tech, status):
    readiness = hte(
        years={
            F: {
                "sales_revenue": D("1000"),
                "rd_expense": D("50"),
                "high_tech_revenue": D(high_tech),
            }
        }
    )
    assert condition(readiness, "high_tech_revenue").status == status


def test_it_judges_high_tech_revenue_on_the_latest_year_only():
    readiness = hte(years={F - 2: {"high_tech_revenue": D("0")}, F - 1: {}, F: {}})
    assert condition(readiness, "high_tech_revenue").status == PASS


@pytest.mark.parametrize(
    ("class1", "class2", "status"),
    [(0, 0, FAIL), (0, 1, PASS), (1, 0, PASS), (None, 2, PASS), (None, None, NO_DATA)],
)
def test_it_requires_owning_ip(class1, class2, status):
    readiness = hte(years={F: {"class1_ip_count": class1, "class2_ip_count": class2}})
    assert condition(readiness, "ip").status == status


def test_it_passes_registration_exactly_one_year_before_the_end_of_f():
    registered = condition(hte(registered_on=datetime.date(F - 1, 12, 31)), "registered")
    assert registered.status == PASS
    assert registered.actual == datetime.date(F - 1, 12, 31)
    assert registered.required == datetime.date(F - 1, 12, 31)
    assert registered.margin == 0


def test_it_fails_registration_one_day_later():
    registered = condition(hte(registered_on=datetime.date(F, 1, 1)), "registered")
    assert registered.status == FAIL
    assert registered.margin == -1


def test_it_reports_no_data_without_a_registration_date():
    registered = condition(hte(registered_on=None), "registered")
    assert registered.status == NO_DATA
    assert registered.margin is None


def test_it_judges_a_29_february_registration():
    registered_on = datetime.date(2024, 2, 29)
    in_2024 = condition(hte(registered_on=registered_on, figures_year=2024), "registered")
    in_2025 = condition(hte(registered_on=registered_on, figures_year=2025), "registered")
    assert (in_2024.status, in_2025.status) == (FAIL, PASS)
    assert in_2025.required == datetime.date(2024, 12, 31)


def test_it_maps_29_february_to_28_february_in_a_common_year():
    assert add_years(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)
    assert add_years(datetime.date(2024, 2, 29), 4) == datetime.date(2028, 2, 29)
    assert add_years(datetime.date(2023, 3, 1), 1) == datetime.date(2024, 3, 1)


def test_it_takes_the_years_registered_from_the_rules():
    rules = replace(DEFAULT_RULES, hte_min_years_registered=2)
    registered = condition(hte(registered_on=datetime.date(F - 1, 6, 1), rules=rules), "registered")
    assert registered.status == FAIL
    assert registered.required == datetime.date(F - 2, 12, 31)


# --- exact decisions, display ---


def test_it_decides_on_exact_ratios_not_rounded_ones():
    # 2/3 is just below this threshold, though 2/3 rounded to 28 digits is above it.
    rules = replace(DEFAULT_RULES, hte_min_tech_staff_pct=D("66.666666666666666666666666667"))
    tech_staff = condition(
        hte(years={F: {"tech_staff": 2, "employees": 3}}, rules=rules), "tech_staff"
    )
    assert tech_staff.actual > rules.hte_min_tech_staff_pct
    assert tech_staff.status == FAIL
    assert tech_staff.margin < 0


def test_it_rounds_percentages_for_display_only():
    tech_staff = condition(hte(years={F: {"tech_staff": 9999, "employees": 100000}}), "tech_staff")
    assert tech_staff.status == FAIL
    assert pct_display(tech_staff.actual) == D("10.00")
    assert pct_display(D("33.335")) == D("33.34")
    assert pct_display(None) is None


# --- rules ---


def test_it_round_trips_the_default_rules_through_json():
    data = json.loads(json.dumps(DEFAULT_RULES.to_dict()))
    assert Rules.from_dict(data) == DEFAULT_RULES


def test_it_round_trips_custom_rules_exactly():
    rules = replace(
        DEFAULT_RULES,
        hte_min_tech_staff_pct=D("12.50"),
        hte_rd_ratio_bands=((D("6000"), D("5.5")), (None, D("3.25"))),
        sme_pass_score=70,
        sme_class2_ip_bands=(Band(D("2"), 10),),
    )
    data = rules.to_dict()
    assert data["hte_min_tech_staff_pct"] == "12.50"
    assert data["hte_rd_ratio_bands"][1] == {"max_sales": None, "min_pct": "3.25"}
    restored = Rules.from_dict(json.loads(json.dumps(data)))
    assert restored == rules
    assert restored.to_dict() == data


def test_it_keeps_defaults_for_rules_left_out():
    assert Rules.from_dict({"sme_pass_score": 70}) == replace(DEFAULT_RULES, sme_pass_score=70)


def test_it_refuses_unknown_rules():
    with pytest.raises(ValueError, match="sme_pass_scor"):
        Rules.from_dict({"sme_pass_scor": 70})


def test_it_refuses_rd_bands_without_an_open_ended_band():
    with pytest.raises(ValueError):
        replace(DEFAULT_RULES, hte_rd_ratio_bands=((D("5000"), D("5")),))


def test_it_holds_the_national_values_by_default():
    assert DEFAULT_RULES.hte_min_tech_staff_pct == 10
    assert DEFAULT_RULES.sme_max_employees == 500
    assert DEFAULT_RULES.sme_max_sales == DEFAULT_RULES.sme_max_assets == 20000
    assert DEFAULT_RULES.sme_pass_score == 60


def test_it_takes_the_pass_score_from_the_rules():
    evaluation = scored(tech_staff=30, rd_sales_pct=2, class1=1)
    assert evaluation.result == PASS
    rules = Rules.from_dict({"sme_pass_score": 70})
    evaluation = scored(tech_staff=30, rd_sales_pct=2, class1=1, rules=rules)
    assert evaluation.result == FAIL


def test_it_takes_the_tech_staff_minimum_from_the_rules():
    rules = Rules.from_dict({"hte_min_tech_staff_pct": "12"})
    readiness = hte(years={F: {"tech_staff": 10, "employees": 100}}, rules=rules)
    assert condition(readiness, "tech_staff").status == FAIL


def test_it_takes_the_sme_bands_from_the_rules():
    rules = replace(DEFAULT_RULES, sme_staff_bands=(Band(D("50"), 20),))
    assert sme(rules=rules, tech_staff=30).staff_points == 0


def test_an_absurd_registration_rule_is_refused_not_a_crash():
    with pytest.raises(ValueError, match="between 0 and 10"):
        Rules(hte_min_years_registered=3000)
    with pytest.raises(ValueError):
        Rules.from_dict({**DEFAULT_RULES.to_dict(), "hte_min_years_registered": 11})
