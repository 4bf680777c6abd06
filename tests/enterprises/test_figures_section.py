"""The figures section of the enterprise page (enterprises/sections_figures.py)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from enterprises import sections_figures
from enterprises.readiness import PASS
from tests.factories import AnnualFiguresFactory, EnterpriseFactory, HteCertificateFactory

TODAY = datetime.datetime(2025, 6, 15, 12, tzinfo=datetime.UTC)
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def enterprise(taozhou):
    return EnterpriseFactory(org_unit=taozhou, registered_on=datetime.date(2015, 1, 1))


def url(enterprise):
    return reverse("enterprises:detail", kwargs={"enterprise_id": enterprise.pk})


def test_it_lists_the_figures_latest_first_with_readable_numbers(
    client, liaison, enterprise, plan_year
):
    AnnualFiguresFactory(enterprise=enterprise, year=2022)
    AnnualFiguresFactory(
        enterprise=enterprise,
        year=2023,
        sales_revenue=Decimal("1234567.5"),
        rd_expense=Decimal("61728.38"),
        employees=0,
        tech_staff=0,
        high_tech_revenue=Decimal("0"),
    )
    client.force_login(liaison)
    response = client.get(url(enterprise))
    rows = response.context["figures_rows"]
    assert [row["year"] for row in rows] == [2023, 2022]
    assert rows[0]["sales"] == "1,234,567.50"
    assert rows[0]["rd_pct"] == "5.00%"
    assert rows[1]["sales"] == "3,000.00"
    assert rows[1]["staff_pct"] == "20.00%"
    page = response.content.decode()
    assert "1,234,567.50" in page
    for figures in enterprise.figures.all():
        assert reverse("enterprises:figures_update", args=[figures.pk]) in page
    assert reverse("enterprises:figures_create", args=[enterprise.pk]) in page


def test_a_zero_or_missing_denominator_reads_no_data(client, staff_user, enterprise, plan_year):
    AnnualFiguresFactory(
        enterprise=enterprise, year=2023, employees=0, sales_revenue=None, high_tech_revenue=None
    )
    client.force_login(staff_user)
    client.cookies["django_language"] = "en"
    row = client.get(url(enterprise)).context["figures_rows"][0]
    assert (row["rd_pct"], row["staff_pct"], row["sales"]) == ("no data", "no data", "—")


def test_it_sums_up_the_readiness_on_the_latest_year(client, staff_user, enterprise, plan_year):
    for year in (2021, 2022):
        AnnualFiguresFactory(enterprise=enterprise, year=year)
    AnnualFiguresFactory(enterprise=enterprise, year=2023, class1_ip_count=0, class2_ip_count=0)
    client.force_login(staff_user)
    response = client.get(url(enterprise))
    summary = response.context["figures_summary"]
    assert summary["figures_year"] == 2023
    assert (summary["hte"].passed, summary["hte"].failed, summary["hte"].no_data) == (5, 1, 0)
    assert summary["sme"].total == 62  # 12 staff + 50 R&D + 0 IP
    assert summary["sme"].result == PASS
    assert reverse("enterprises:readiness", args=[enterprise.pk, 2023]) in (
        response.content.decode()
    )


def test_without_figures_it_offers_to_add_them(client, staff_user, enterprise):
    client.force_login(staff_user)
    response = client.get(url(enterprise))
    assert response.context["figures_rows"] == []
    assert response.context["figures_summary"] is None
    assert reverse("enterprises:figures_create", args=[enterprise.pk]) in (
        response.content.decode()
    )


def test_leaders_see_the_figures_but_no_add_or_edit_links(
    client, leader_user, enterprise, plan_year
):
    figures = AnnualFiguresFactory(enterprise=enterprise, year=2023)
    client.force_login(leader_user)
    page = client.get(url(enterprise)).content.decode()
    assert "3,000.00" in page
    assert reverse("enterprises:figures_create", args=[enterprise.pk]) not in page
    assert reverse("enterprises:figures_update", args=[figures.pk]) not in page


@pytest.mark.parametrize("count", [1, 12])
def test_the_section_runs_a_fixed_number_of_queries(
    enterprise, staff_user, plan_year, django_assert_num_queries, count
):
    for year in range(2024 - count, 2024):
        AnnualFiguresFactory(enterprise=enterprise, year=year)
        HteCertificateFactory(enterprise=enterprise, issued_on=datetime.date(year, 3, 1))
    # the figures, the certificates, the plan year with its rules, whether it hosts an R&D
    # institution at provincial level or above (platforms: direct tech-SME confirmation)
    with django_assert_num_queries(4):
        context = sections_figures.detail_context(enterprise=enterprise, user=staff_user)
    assert len(context["figures_rows"]) == count


def test_without_figures_the_section_runs_one_query(
    enterprise, staff_user, plan_year, django_assert_num_queries
):
    # the figures
    with django_assert_num_queries(1):
        assert sections_figures.detail_context(enterprise=enterprise, user=staff_user) == {
            "figures_rows": [],
            "figures_summary": None,
        }
