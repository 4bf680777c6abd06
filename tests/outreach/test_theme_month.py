"""One month's theme coverage across the units (views/themes.py theme_month)."""

import datetime

import pytest
from django.urls import reverse

from .factories import EventFactory, ThemeFactory


def url(year=2024, month=5):
    return reverse("outreach:theme_month", kwargs={"year": year, "month": month})


def test_staff_see_which_units_held_an_event_on_the_theme(
    client, staff_user, taozhou, xinhang, plan_year
):
    theme = ThemeFactory(month=5, title="节约能源")
    EventFactory(org_unit=taozhou, theme=theme, audience=80)
    EventFactory(org_unit=taozhou, theme=None, audience=20)
    EventFactory(org_unit=xinhang, theme=None, audience=5)
    EventFactory(org_unit=xinhang, theme=theme, held_on=datetime.date(2024, 6, 1))
    client.force_login(staff_user)
    response = client.get(url())
    assert response.context["theme"] == theme
    rows = {row.org_unit.code: cell for row, cell in response.context["rows"]}
    assert (rows[taozhou.code].events, rows[taozhou.code].on_theme) == (2, 1)
    assert (rows[xinhang.code].events, rows[xinhang.code].on_theme) == (1, 0)
    assert response.context["units_on_theme"] == 1
    assert response.context["total"].audience == 105
    page = response.content.decode()
    assert page.count("data-not-covered") == 12  # every unit but 桃州镇
    assert response.context["page"].paginator.count == 3


def test_liaisons_see_their_units_rows_only(client, liaison, taozhou, xinhang, plan_year):
    EventFactory(org_unit=xinhang, title="新杭活动")
    client.force_login(liaison)
    response = client.get(url())
    assert [row.org_unit for row, _cell in response.context["rows"]] == [taozhou]
    assert "新杭活动" not in response.content.decode()


@pytest.mark.parametrize(("year", "month"), [(2024, 13), (2024, 0), (2019, 5)])
def test_months_and_years_that_do_not_exist_are_404(client, staff_user, plan_year, year, month):
    client.force_login(staff_user)
    assert client.get(url(year, month)).status_code == 404


def test_anonymous_and_wrong_method(client, staff_user, plan_year):
    assert client.get(url())["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.post(url()).status_code == 405


@pytest.mark.parametrize("count", [2, 30])
def test_the_query_count_does_not_grow_with_the_data(
    client, staff_user, org_units, plan_year, django_assert_num_queries, count
):
    ThemeFactory(month=5)
    units = list(org_units.values())
    for n in range(count):
        EventFactory(org_unit=units[n % len(units)])
    client.force_login(staff_user)
    # session, user, the plan year, the units, the events grouped by month and unit,
    # COUNT(*) for the pager, the page of events, the themes
    with django_assert_num_queries(8):
        response = client.get(url())
    assert response.context["total"].events == count
