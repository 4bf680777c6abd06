"""The 三个清零 lists (enterprises/rd.py) at their exact thresholds, data missing, help
items and scoping."""

import datetime
from decimal import Decimal

import pytest

from enterprises.models import HelpItem
from enterprises.rd import (
    INNOVATION,
    RD_ACTIVITY,
    RD_INSTITUTION,
    three_zero_list_visible,
    three_zero_lists_city,
)
from enterprises.readiness import DEFAULT_RULES, Rules
from tests.factories import AnnualFiguresFactory, EnterpriseFactory

pytestmark = pytest.mark.django_db

# Figures that show everything the three lists ask for: none of them lists it.
COMPLETE = {
    "rd_expense": Decimal("500"),
    "rd_institution_level": "provincial",
    "invention_applications": 2,
    "class1_ip_count": 1,
    "class2_ip_count": 3,
}


def above_size(unit, *, year=2024, name=None, **figures):
    enterprise = EnterpriseFactory(
        org_unit=unit, is_above_designated_size=True, **({"name": name} if name else {})
    )
    if figures:
        AnnualFiguresFactory(enterprise=enterprise, year=year, **{**COMPLETE, **figures})
    return enterprise


def listed_ids(kind, rules=DEFAULT_RULES, year=2024):
    return {row.enterprise_id for row in three_zero_lists_city(year=year, rules=rules)[kind].listed}


@pytest.mark.parametrize(
    ("kind", "lacking", "threshold"),
    [
        (RD_ACTIVITY, {"rd_expense": Decimal(0)}, Decimal("10000")),
        (RD_INSTITUTION, {"rd_institution_level": "none"}, Decimal("50000")),
        (
            INNOVATION,
            {"invention_applications": 0, "class1_ip_count": 0, "class2_ip_count": None},
            Decimal("100000"),
        ),
    ],
)
def test_each_list_starts_exactly_at_its_threshold(taozhou, kind, lacking, threshold):
    below = above_size(taozhou, sales_revenue=threshold - Decimal("0.01"), **lacking)
    at = above_size(taozhou, sales_revenue=threshold, **lacking)
    complete = above_size(taozhou, sales_revenue=threshold * 2)
    ids = listed_ids(kind)
    assert at.pk in ids
    assert below.pk not in ids
    assert complete.pk not in ids


def test_9999_99_is_not_listed_and_10000_is(taozhou):
    below = above_size(taozhou, sales_revenue=Decimal("9999.99"), rd_expense=Decimal(0))
    at = above_size(taozhou, sales_revenue=Decimal("10000"), rd_expense=Decimal(0))
    assert listed_ids(RD_ACTIVITY) == {at.pk}
    assert below.pk not in listed_ids(RD_ACTIVITY)


def test_an_unreported_rd_expense_or_empty_institution_counts_as_lacking(taozhou):
    no_rd = above_size(taozhou, sales_revenue=Decimal("60000"), rd_expense=None)
    empty = above_size(taozhou, sales_revenue=Decimal("60000"), rd_institution_level="")
    assert no_rd.pk in listed_ids(RD_ACTIVITY)
    assert empty.pk in listed_ids(RD_INSTITUTION)


def test_only_enterprises_above_designated_size_are_judged(taozhou):
    small = EnterpriseFactory(org_unit=taozhou, is_above_designated_size=False)
    AnnualFiguresFactory(enterprise=small, year=2024, sales_revenue=Decimal("20000"), rd_expense=0)
    lists = three_zero_lists_city(year=2024, rules=DEFAULT_RULES)
    assert lists[RD_ACTIVITY].listed == [] and lists[RD_ACTIVITY].data_missing == []


def test_an_enterprise_without_figures_or_sales_is_listed_apart_as_data_missing(taozhou):
    no_figures = above_size(taozhou)
    other_year = above_size(taozhou, year=2023, sales_revenue=Decimal("90000"), rd_expense=0)
    no_sales = above_size(taozhou, sales_revenue=None, rd_expense=0)
    lists = three_zero_lists_city(year=2024, rules=DEFAULT_RULES)
    for kind in (RD_ACTIVITY, RD_INSTITUTION, INNOVATION):
        assert lists[kind].listed == []
        assert {row.enterprise_id for row in lists[kind].data_missing} == {
            no_figures.pk,
            other_year.pk,
            no_sales.pk,
        }
        assert lists[kind].judged == 0


def test_the_thresholds_come_from_the_rules(taozhou):
    enterprise = above_size(taozhou, sales_revenue=Decimal("5000"), rd_expense=0)
    assert listed_ids(RD_ACTIVITY) == set()
    rules = Rules(three_zero_rd_activity_min_sales=Decimal("5000"))
    assert listed_ids(RD_ACTIVITY, rules) == {enterprise.pk}


def test_the_page_list_carries_open_help_items_and_is_scoped(liaison, taozhou, xinhang):
    helped = above_size(taozhou, sales_revenue=Decimal("20000"), rd_expense=0)
    alone = above_size(taozhou, sales_revenue=Decimal("30000"), rd_expense=0)
    elsewhere = above_size(xinhang, sales_revenue=Decimal("20000"), rd_expense=0)
    raised = datetime.date(2024, 3, 1)
    HelpItem.objects.create(
        enterprise=helped,
        kind="measure",
        problem="研发辅助账",
        owner="张三",
        raised_on=raised,
        due_on=datetime.date(2024, 9, 30),
    )
    HelpItem.objects.create(
        enterprise=helped,
        kind="problem",
        problem="已解决",
        owner="李四",
        raised_on=raised,
        status=HelpItem.Status.DONE,
        done_on=raised,
    )
    result = three_zero_list_visible(user=liaison, kind=RD_ACTIVITY, year=2024, rules=DEFAULT_RULES)
    rows = {row.enterprise_id: row for row in result.listed}
    assert set(rows) == {helped.pk, alone.pk}
    assert elsewhere.pk not in rows
    assert [(item.owner, item.due_on) for item in rows[helped.pk].help_items] == [
        ("张三", datetime.date(2024, 9, 30))
    ]
    assert rows[alone.pk].help_items == []
    # Largest sales first.
    assert [row.enterprise_id for row in result.listed] == [alone.pk, helped.pk]


def test_old_stored_rules_without_the_keys_read_the_defaults():
    rules = Rules.from_dict({"sme_pass_score": 60})
    assert rules.three_zero_rd_activity_min_sales == Decimal("10000")
    assert rules.three_zero_rd_institution_min_sales == Decimal("50000")
    assert rules.three_zero_innovation_min_sales == Decimal("100000")
    stored = Rules(three_zero_innovation_min_sales=Decimal("80000")).to_dict()
    assert Rules.from_dict(stored).three_zero_innovation_min_sales == Decimal("80000")
