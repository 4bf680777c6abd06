"""The year's monthly themes and whether activities were held (views/themes.py
theme_calendar)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from guangde_plan.models import PlanYear

from .factories import EventFactory, ThemeFactory

URL = reverse("outreach:themes")
TODAY = datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC)


def month(response, number):
    return response.context["months"][number - 1]


@time_machine.travel(TODAY, tick=False)
@pytest.mark.smoke
def test_each_month_shows_its_theme_and_what_was_held(
    client, staff_user, taozhou, xinhang, plan_year
):
    may = ThemeFactory(month=5, title="弘扬科学家精神")
    EventFactory(org_unit=taozhou, theme=may, held_on=datetime.date(2024, 5, 30), audience=100)
    EventFactory(org_unit=xinhang, theme=None, held_on=datetime.date(2024, 5, 3), audience=None)
    EventFactory(org_unit=None, theme=may, held_on=datetime.date(2024, 5, 29), audience=50)
    client.force_login(staff_user)
    response = client.get(URL)
    assert response.context["plan_year"] == plan_year
    assert month(response, 5)["theme"] == may
    cell = month(response, 5)["cell"]
    assert (cell.events, cell.on_theme, cell.audience) == (3, 2, 150)
    assert month(response, 5)["units_on_theme"] == 1  # the city-wide event is no unit
    assert response.context["unit_count"] == 13
    assert month(response, 6)["has_begun"] and not month(response, 7)["has_begun"]
    page = response.content.decode()
    assert "弘扬科学家精神" in page
    assert page.count("data-none-held") == 5  # January–April and June
    assert reverse("outreach:theme_edit", kwargs={"year": 2024, "month": 5}) in page


def test_liaisons_count_their_units_only_and_may_not_set_themes(
    client, liaison, taozhou, xinhang, plan_year
):
    EventFactory(org_unit=taozhou, held_on=datetime.date(2024, 3, 1))
    EventFactory(org_unit=xinhang, held_on=datetime.date(2024, 3, 1))
    client.force_login(liaison)
    response = client.get(URL)
    assert month(response, 3)["cell"].events == 1
    assert response.context["unit_count"] == 1
    assert reverse("outreach:theme_edit", kwargs={"year": 2024, "month": 3}) not in (
        response.content.decode()
    )


def test_another_year_is_chosen_with_a_parameter_and_unplanned_years_are_404(
    client, staff_user, plan_year
):
    PlanYear.objects.create(year=2025, title="2025")
    client.force_login(staff_user)
    assert client.get(URL).context["plan_year"].year == 2025
    assert client.get(URL, {"year": "2024"}).context["plan_year"] == plan_year
    assert client.get(URL, {"year": "2019"}).status_code == 404
    assert client.get(URL, {"year": "abc"}).status_code == 404


def test_key_days_of_the_year_are_linked(client, staff_user, plan_year):
    client.force_login(staff_user)
    page = client.get(URL).content.decode()
    assert reverse("outreach:key_day", kwargs={"key_day": "science_day"}) + "?year=2024" in page
    assert "09-15–09-25" in page


def test_anonymous_and_wrong_method(client, staff_user, plan_year):
    assert client.get(URL)["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("count", [2, 24])
def test_the_query_count_does_not_grow_with_the_data(
    client, liaison, taozhou, plan_year, django_assert_num_queries, count
):
    for number in range(1, 13):
        ThemeFactory(month=number)
    for n in range(count):
        EventFactory(org_unit=taozhou, held_on=datetime.date(2024, n % 12 + 1, 1))
    client.force_login(liaison)
    # session, user, the plan years, the themes, the bureau's key-day windows, the liaison's
    # units, the events grouped by month and unit, the liaison's units for the menu
    with django_assert_num_queries(8):
        response = client.get(URL)
    assert sum(item["cell"].events for item in response.context["months"]) == count
