import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from enterprises.models import AnnualFigures
from tests.factories import AnnualFiguresFactory

TODAY = datetime.datetime(2025, 6, 15, 12, tzinfo=datetime.UTC)
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def figures(taozhou_enterprise):
    return AnnualFiguresFactory(enterprise=taozhou_enterprise, year=2024)


def url(figures):
    return reverse("enterprises:figures_update", kwargs={"figures_id": figures.pk})


def form_data(figures, **overrides):
    """The row as it stands, as the form would post it back."""
    data = {
        "year": str(figures.year),
        "rd_institution_level": figures.rd_institution_level,
    }
    for name in (
        "sales_revenue",
        "main_business_revenue",
        "total_costs",
        "total_assets",
        "employees",
        "tech_staff",
        "rd_expense",
        "rd_expense_domestic",
        "high_tech_revenue",
        "invention_applications",
        "class1_ip_count",
        "class2_ip_count",
    ):
        value = getattr(figures, name)
        data[name] = "" if value is None else str(value)
    if figures.has_rd_ledger:
        data["has_rd_ledger"] = "on"
    data.update(overrides)
    return data


@pytest.mark.smoke
def test_it_saves_changes_and_keeps_the_history(client, liaison, figures):
    client.force_login(liaison)
    response = client.post(url(figures), form_data(figures, rd_expense="2,400.50"))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "enterprises:readiness",
        kwargs={"enterprise_id": figures.enterprise_id, "year": 2024},
    )
    figures.refresh_from_db()
    assert figures.rd_expense == Decimal("2400.50")
    records = list(figures.history.order_by("history_id"))
    assert [record.history_type for record in records] == ["+", "~"]
    assert records[0].rd_expense == Decimal("180")
    assert records[-1].history_user == liaison


def test_the_form_shows_the_row(client, staff_user, figures):
    client.force_login(staff_user)
    response = client.get(url(figures))
    assert response.status_code == 200
    assert response.context["form"].instance == figures
    assert response.context["enterprise"] == figures.enterprise


def test_keeping_its_own_year_is_not_a_duplicate(client, staff_user, figures):
    client.force_login(staff_user)
    assert client.post(url(figures), form_data(figures)).status_code == 302


def test_moving_to_a_year_already_recorded_is_refused(client, staff_user, figures):
    AnnualFiguresFactory(enterprise=figures.enterprise, year=2023)
    client.force_login(staff_user)
    response = client.post(url(figures), form_data(figures, year="2023"))
    assert response.context["form"].has_error("year", "figures_year_taken")
    figures.refresh_from_db()
    assert figures.year == 2024


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"year": "1999"}, "year", "min_value"),
        ({"year": "2026"}, "year", "year_in_future"),
        ({"rd_expense": "-180"}, "rd_expense", "min_value"),
        ({"tech_staff": "-1"}, "tech_staff", "min_value"),
        ({"employees": "19"}, "tech_staff", "tech_staff_above_employees"),
        ({"rd_expense": "100"}, "rd_expense_domestic", "domestic_rd_above_total"),
        ({"sales_revenue": "1,999.99"}, "high_tech_revenue", "high_tech_above_sales"),
    ],
)
def test_bad_input_is_refused_on_its_field(client, staff_user, figures, overrides, field, code):
    client.force_login(staff_user)
    response = client.post(url(figures), form_data(figures, **overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert AnnualFigures.objects.get().history.count() == 1  # nothing written


def test_anonymous_users_are_sent_to_log_in(client, figures):
    for response in (client.get(url(figures)), client.post(url(figures))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_outsiders_get_404(client, outsider, figures):
    client.force_login(outsider)
    assert client.get(url(figures)).status_code == 404
    response = client.post(url(figures), form_data(figures, rd_expense="1"))
    assert response.status_code == 404
    figures.refresh_from_db()
    assert figures.rd_expense == Decimal("180")


def test_a_missing_row_gives_404(client, staff_user, org_units):
    client.force_login(staff_user)
    assert client.get(reverse("enterprises:figures_update", args=[999999])).status_code == 404


def test_leaders_get_403(client, leader_user, figures):
    client.force_login(leader_user)
    assert client.get(url(figures)).status_code == 403
    assert client.post(url(figures), form_data(figures, rd_expense="1")).status_code == 403
    figures.refresh_from_db()
    assert figures.rd_expense == Decimal("180")


def test_it_refuses_other_methods(client, staff_user, figures):
    client.force_login(staff_user)
    assert client.put(url(figures)).status_code == 405
    assert client.delete(url(figures)).status_code == 405


@pytest.mark.parametrize("count", [1, 20])
def test_the_query_count_is_constant(client, liaison, figures, django_assert_num_queries, count):
    for year in range(2023 - count, 2023):
        AnnualFiguresFactory(enterprise=figures.enterprise, year=year)
    client.force_login(liaison)
    # session, user, the figures with their enterprise and unit (scoped), their change
    # history with its users, the liaison's units for the menu
    with django_assert_num_queries(5):
        assert client.get(url(figures)).status_code == 200
    # session, user, the figures, "is the year taken?", savepoint, UPDATE, history INSERT,
    # release savepoint
    with django_assert_num_queries(8):
        assert client.post(url(figures), form_data(figures)).status_code == 302
