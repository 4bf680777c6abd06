"""The three-zero lists /enterprises/three-zero/<kind>/."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from enterprises.models import EvaluationRules, HelpItem
from enterprises.readiness import Rules
from tests.factories import AnnualFiguresFactory, EnterpriseFactory


def url(kind="rd_activity"):
    return reverse("enterprises:three_zero", kwargs={"kind": kind})


def above_size(unit, sales, **figures):
    enterprise = EnterpriseFactory(org_unit=unit, is_above_designated_size=True)
    if sales is not None:
        AnnualFiguresFactory(
            enterprise=enterprise, year=2024, sales_revenue=Decimal(sales), **figures
        )
    return enterprise


@pytest.fixture
def lists(plan_year, taozhou, xinhang):
    return {
        "listed": above_size(taozhou, "10000", rd_expense=Decimal(0)),
        "below": above_size(taozhou, "9999.99", rd_expense=Decimal(0)),
        "missing": above_size(taozhou, None),
        "elsewhere": above_size(xinhang, "20000", rd_expense=Decimal(0)),
    }


def ids(rows):
    return {row.enterprise_id for row in rows}


def test_staff_see_the_city_list_and_data_missing_apart(client, staff_user, lists):
    client.force_login(staff_user)
    response = client.get(url(), {"year": 2024})
    assert response.status_code == 200
    result = response.context["list"]
    assert ids(result.listed) == {lists["listed"].pk, lists["elsewhere"].pk}
    assert ids(result.data_missing) == {lists["missing"].pk}
    assert result.threshold == Decimal("10000")
    page = response.content.decode()
    assert 'data-testid="nobody"' in page
    assert reverse("enterprises:help_item_create", args=[lists["listed"].pk]) in page


def test_a_liaison_sees_only_their_units(client, liaison, lists):
    client.force_login(liaison)
    result = client.get(url()).context["list"]
    assert ids(result.listed) == {lists["listed"].pk}


def test_a_leader_reads_without_the_add_link(client, leader_user, lists):
    client.force_login(leader_user)
    page = client.get(url()).content.decode()
    assert 'data-testid="add-help"' not in page


def test_the_open_help_item_shows_its_owner_and_date(client, staff_user, lists):
    HelpItem.objects.create(
        enterprise=lists["listed"],
        kind="measure",
        problem="建研发辅助账",
        owner="王科长",
        raised_on=datetime.date(2024, 3, 1),
        due_on=datetime.date(2024, 10, 31),
    )
    client.force_login(staff_user)
    response = client.get(url())
    row = next(r for r in response.context["list"].listed if r.enterprise_id == lists["listed"].pk)
    assert [(item.owner, item.due_on) for item in row.help_items] == [
        ("王科长", datetime.date(2024, 10, 31))
    ]
    assert "王科长" in response.content.decode()


def test_the_thresholds_of_the_plan_year_apply(client, staff_user, lists, plan_year):
    EvaluationRules.objects.update_or_create(
        plan_year=plan_year,
        defaults={"rules": Rules(three_zero_rd_activity_min_sales=Decimal("9999.99")).to_dict()},
    )
    client.force_login(staff_user)
    assert lists["below"].pk in ids(client.get(url()).context["list"].listed)


@pytest.mark.parametrize("kind", ["rd_institution", "innovation"])
def test_the_other_tabs(client, staff_user, plan_year, taozhou, kind):
    big = above_size(
        taozhou,
        "100000",
        rd_institution_level="none",
        invention_applications=0,
        class1_ip_count=0,
        class2_ip_count=0,
    )
    client.force_login(staff_user)
    response = client.get(url(kind))
    assert response.context["kind"] == kind
    assert ids(response.context["list"].listed) == {big.pk}


def test_an_unknown_list_or_year_is_404(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.get(url("nothing")).status_code == 404
    assert client.get(url(), {"year": 1999}).status_code == 404


def test_anonymous_goes_to_the_login_page(client, plan_year):
    response = client.get(url())
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_it_refuses_post(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.post(url()).status_code == 405


def test_the_export_has_the_list_then_data_missing(client, liaison, lists):
    client.force_login(liaison)
    response = client.get(url(), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[4]) for row in rows] == [
        (lists["listed"].uscc, 10000),
        (lists["missing"].uscc, None),
    ]


@pytest.mark.parametrize("size", [3, 30])
def test_the_query_count_is_constant(
    client, liaison, plan_year, taozhou, django_assert_num_queries, size
):
    for number in range(size):
        enterprise = above_size(taozhou, "20000", rd_expense=Decimal(0))
        HelpItem.objects.create(
            enterprise=enterprise,
            kind="measure",
            problem=f"问题{number}",
            owner="张三",
            raised_on=datetime.date(2024, 3, 1),
        )
    client.force_login(liaison)
    # session, user, the plan years with their rules, whether 2024 has figures, the 规上
    # enterprises with their 2024 figures, their open help items, the liaison's units for
    # the menu
    with django_assert_num_queries(7):
        response = client.get(url(), {"year": 2024})
    assert len(response.context["list"].listed) == size
