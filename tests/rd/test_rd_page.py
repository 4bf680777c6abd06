"""The R&D growth page /enterprises/rd/."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import AnnualFiguresFactory, EnterpriseFactory

URL = reverse("enterprises:rd_growth")


def rd(enterprise, year, amount):
    AnnualFiguresFactory(enterprise=enterprise, year=year, rd_expense=Decimal(amount))


@pytest.fixture
def figures(plan_year, taozhou, xinhang):
    ours = EnterpriseFactory(org_unit=taozhou, name="桃州研发")
    theirs = EnterpriseFactory(org_unit=xinhang, name="新杭研发")
    rd(ours, 2023, "100")
    rd(ours, 2024, "120")
    rd(theirs, 2023, "200")
    return ours, theirs


def test_staff_see_the_city(client, staff_user, figures):
    client.force_login(staff_user)
    response = client.get(URL, {"year": 2024})
    assert response.status_code == 200
    report = response.context["report"]
    assert response.context["figures_year"] == 2024
    assert report.total.current == Decimal(120)
    assert report.total.previous == Decimal(300)
    assert report.total.like_pct == Decimal("20.00")
    assert [row.name for row in response.context["missing"]] == ["新杭研发"]
    assert [row.name for row in response.context["movers_up"]] == ["桃州研发"]
    assert len(response.context["by_unit"]) == 13  # every unit, those without figures too


def test_a_liaison_sees_only_their_units(client, liaison, figures):
    client.force_login(liaison)
    response = client.get(URL)
    report = response.context["report"]
    assert report.total.previous == Decimal(100)
    assert report.missing == []
    assert [row.label for row in response.context["by_unit"]] == ["桃州镇"]
    assert "新杭研发" not in response.content.decode()


def test_without_figures_of_the_plan_year_it_reads_the_year_before(
    client, staff_user, plan_year, taozhou
):
    rd(EnterpriseFactory(org_unit=taozhou), 2023, "5")
    client.force_login(staff_user)
    response = client.get(URL, {"year": 2024})
    assert response.context["figures_year"] == 2023
    assert response.context["report"].total.current == Decimal(5)


def test_an_unknown_year_is_404(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.get(URL, {"year": 1999}).status_code == 404


def test_anonymous_goes_to_the_login_page(client, plan_year):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_it_refuses_post(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


def test_the_export_lists_every_enterprise(client, liaison, figures):
    client.force_login(liaison)
    response = client.get(URL, {"year": 2024, "format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[4], row[5], row[6]) for row in rows] == [("桃州研发", 100, 120, 20)]


@pytest.mark.parametrize("size", [3, 30])
def test_the_query_count_is_constant(
    client, liaison, plan_year, taozhou, django_assert_num_queries, size
):
    for _ in range(size):
        enterprise = EnterpriseFactory(org_unit=taozhou)
        rd(enterprise, 2023, "10")
        rd(enterprise, 2024, "12")
    client.force_login(liaison)
    # session, user, the plan years with their rules, whether 2024 has figures, the R&D
    # sums per enterprise, the liaison's units (table), the liaison's units for the menu
    with django_assert_num_queries(7):
        response = client.get(URL, {"year": 2024})
    assert response.context["report"].total.reported == size
