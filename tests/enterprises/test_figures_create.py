import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from enterprises.models import AnnualFigures
from tests.factories import AnnualFiguresFactory, EnterpriseFactory

# Mid-2025: figures may be entered up to 2025; by default for 2024.
TODAY = datetime.datetime(2025, 6, 15, 12, tzinfo=datetime.UTC)
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def url(enterprise, **params):
    base = reverse("enterprises:figures_create", kwargs={"enterprise_id": enterprise.pk})
    return base + (f"?year={params['year']}" if "year" in params else "")


def form_data(**overrides):
    data = {
        "year": "2024",
        "sales_revenue": "3000",
        "main_business_revenue": "2900",
        "total_costs": "2500",
        "total_assets": "4000",
        "employees": "100",
        "tech_staff": "20",
        "rd_expense": "180",
        "rd_expense_domestic": "170",
        "high_tech_revenue": "2000",
        "rd_institution_level": "municipal",
        "has_rd_ledger": "on",
        "invention_applications": "2",
        "class1_ip_count": "1",
        "class2_ip_count": "3",
    }
    data.update(overrides)
    return data


@pytest.mark.smoke
def test_it_adds_figures_and_shows_the_readiness(client, liaison, taozhou_enterprise):
    client.force_login(liaison)
    response = client.post(url(taozhou_enterprise), form_data())
    figures = AnnualFigures.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "enterprises:readiness", kwargs={"enterprise_id": taozhou_enterprise.pk, "year": 2024}
    )
    assert figures.enterprise == taozhou_enterprise
    assert figures.year == 2024
    assert figures.rd_expense_domestic == Decimal("170")
    assert figures.has_rd_ledger is True
    record = figures.history.get()
    assert record.history_type == "+"
    assert record.history_user == liaison
    page = client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]]


def test_it_accepts_thousands_separators_and_full_width_digits(
    client, staff_user, taozhou_enterprise
):
    client.force_login(staff_user)
    client.post(
        url(taozhou_enterprise),
        form_data(
            sales_revenue="1,234.5",
            high_tech_revenue="１，０００",
            total_assets=" 12,345,678.25 ",
            employees="1,200",
            tech_staff="120",
        ),
    )
    figures = AnnualFigures.objects.get()
    assert figures.sales_revenue == Decimal("1234.5")
    assert figures.high_tech_revenue == Decimal("1000")
    assert figures.total_assets == Decimal("12345678.25")
    assert figures.employees == 1200


def test_empty_fields_stay_unreported_not_zero(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    empty = {name: "" for name in form_data() if name not in ("year", "rd_institution_level")}
    client.post(url(taozhou_enterprise), form_data(**empty))
    figures = AnnualFigures.objects.get()
    assert figures.sales_revenue is None
    assert figures.employees is None
    assert figures.has_rd_ledger is False


def test_the_year_defaults_to_last_year_or_the_one_asked_for(
    client, staff_user, taozhou_enterprise
):
    client.force_login(staff_user)
    assert client.get(url(taozhou_enterprise)).context["form"]["year"].value() == 2024
    assert client.get(url(taozhou_enterprise, year=2021)).context["form"]["year"].value() == 2021
    for bad in ("2026", "1999", "x"):
        form = client.get(url(taozhou_enterprise, year=bad)).context["form"]
        assert form["year"].value() == 2024


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"year": "1999"}, "year", "min_value"),
        ({"year": "2026"}, "year", "year_in_future"),
        ({"year": ""}, "year", "required"),
        ({"sales_revenue": "-1"}, "sales_revenue", "min_value"),
        ({"total_costs": "-0.01"}, "total_costs", "min_value"),
        ({"employees": "-5"}, "employees", "min_value"),
        ({"class2_ip_count": "-1"}, "class2_ip_count", "min_value"),
        ({"sales_revenue": "abc"}, "sales_revenue", "invalid"),
        ({"rd_expense": "1.234"}, "rd_expense", "max_decimal_places"),
        ({"employees": "10", "tech_staff": "11"}, "tech_staff", "tech_staff_above_employees"),
        (
            {"rd_expense": "100", "rd_expense_domestic": "100.01"},
            "rd_expense_domestic",
            "domestic_rd_above_total",
        ),
        (
            {"sales_revenue": "1,000", "high_tech_revenue": "1,000.5"},
            "high_tech_revenue",
            "high_tech_above_sales",
        ),
        ({"rd_institution_level": "global"}, "rd_institution_level", "invalid_choice"),
    ],
)
def test_bad_input_is_refused_on_its_field(
    client, staff_user, taozhou_enterprise, overrides, field, code
):
    client.force_login(staff_user)
    response = client.post(url(taozhou_enterprise), form_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert not AnnualFigures.objects.exists()


def test_a_second_row_for_the_same_year_is_refused(client, liaison, taozhou_enterprise):
    AnnualFiguresFactory(enterprise=taozhou_enterprise, year=2024, sales_revenue=Decimal("1"))
    client.force_login(liaison)
    response = client.post(url(taozhou_enterprise), form_data())
    assert response.status_code == 200
    assert response.context["form"].has_error("year", "figures_year_taken")
    assert AnnualFigures.objects.get().sales_revenue == Decimal("1")


def test_another_enterprise_may_have_the_same_year(client, staff_user, taozhou_enterprise):
    AnnualFiguresFactory(year=2024)
    client.force_login(staff_user)
    assert client.post(url(taozhou_enterprise), form_data()).status_code == 302
    assert AnnualFigures.objects.filter(year=2024).count() == 2


def test_anonymous_users_are_sent_to_log_in(client, taozhou_enterprise):
    for response in (client.get(url(taozhou_enterprise)), client.post(url(taozhou_enterprise))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_outsiders_get_404(client, outsider, taozhou_enterprise):
    client.force_login(outsider)
    assert client.get(url(taozhou_enterprise)).status_code == 404
    assert client.post(url(taozhou_enterprise), form_data()).status_code == 404
    assert not AnnualFigures.objects.exists()


def test_leaders_get_403(client, leader_user, taozhou_enterprise):
    client.force_login(leader_user)
    assert client.get(url(taozhou_enterprise)).status_code == 403
    assert client.post(url(taozhou_enterprise), form_data()).status_code == 403
    assert not AnnualFigures.objects.exists()


def test_it_refuses_other_methods(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    assert client.put(url(taozhou_enterprise)).status_code == 405
    assert client.delete(url(taozhou_enterprise)).status_code == 405


@pytest.mark.parametrize("count", [1, 20])
def test_the_query_count_is_constant(client, liaison, taozhou, django_assert_num_queries, count):
    enterprise = EnterpriseFactory(org_unit=taozhou)
    for year in range(2024 - count, 2024):
        AnnualFiguresFactory(enterprise=enterprise, year=year)
    EnterpriseFactory.create_batch(count, org_unit=taozhou)
    client.force_login(liaison)
    # session, user, the enterprise with its unit (scoped), the liaison's units for the menu
    with django_assert_num_queries(4):
        assert client.get(url(enterprise)).status_code == 200
    # session, user, the enterprise, "is the year taken?", savepoint, INSERT, history
    # INSERT, release savepoint
    with django_assert_num_queries(8):
        assert client.post(url(enterprise), form_data()).status_code == 302
