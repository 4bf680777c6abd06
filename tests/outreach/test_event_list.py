"""The event list: scope, filters, export, query count (views/events.py event_list)."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from outreach.models import KeyDay

from .factories import EventFactory, ThemeFactory

URL = reverse("outreach:event_list")


def titles(response):
    return [event.title for event in response.context["page"]]


@pytest.mark.smoke
def test_liaisons_see_their_units_and_city_wide_events_only(client, liaison, taozhou, xinhang):
    EventFactory(org_unit=taozhou, title="桃州活动")
    EventFactory(org_unit=xinhang, title="新杭活动")
    EventFactory(org_unit=None, title="全市活动", held_on=datetime.date(2024, 5, 29))
    client.force_login(liaison)
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["桃州活动", "全市活动"]
    assert "新杭活动" not in response.content.decode()


def test_liaisons_cannot_widen_the_scope_with_a_filter(client, liaison, taozhou, xinhang):
    EventFactory(org_unit=taozhou, title="桃州活动")
    EventFactory(org_unit=xinhang, title="新杭活动")
    client.force_login(liaison)
    response = client.get(URL, {"org_unit": xinhang.pk})
    assert response.context["filter"].errors
    assert titles(response) == ["桃州活动"]


def test_it_filters_by_kind_unit_year_month_theme_and_key_day(
    client, staff_user, taozhou, xinhang, plan_year
):
    theme = ThemeFactory(month=9)
    EventFactory(
        org_unit=taozhou,
        title="要的",
        kind="lecture",
        held_on=datetime.date(2024, 9, 16),
        theme=theme,
    )
    EventFactory(
        org_unit=taozhou, title="不在主题", kind="lecture", held_on=datetime.date(2024, 9, 16)
    )
    EventFactory(
        org_unit=xinhang,
        title="新杭",
        kind="lecture",
        held_on=datetime.date(2024, 9, 16),
        theme=theme,
    )
    EventFactory(org_unit=taozhou, title="五月", kind="lecture", held_on=datetime.date(2024, 5, 30))
    client.force_login(staff_user)
    params = {
        "kind": "lecture",
        "org_unit": taozhou.pk,
        "year": 2024,
        "month": 9,
        "on_theme": "true",
    }
    assert titles(client.get(URL, params)) == ["要的"]
    assert titles(client.get(URL, {**params, "on_theme": "false"})) == ["不在主题"]
    assert titles(client.get(URL, {"key_day": "workers_day"})) == ["五月"]
    assert sorted(titles(client.get(URL, {"key_day": "science_day"}))) == [
        "不在主题",
        "新杭",
        "要的",
    ]
    # The bureau moves the window: the filter follows.
    KeyDay.objects.create(
        plan_year=plan_year,
        kind="science_day",
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2024, 9, 7),
    )
    assert titles(client.get(URL, {"key_day": "science_day"})) == []
    assert titles(client.get(URL, {"q": "五"})) == ["五月"]


@pytest.mark.parametrize(
    "params", [{"year": "abc"}, {"month": "13"}, {"kind": "x"}, {"key_day": "x"}, {"org_unit": "x"}]
)
def test_bad_filter_values_never_give_a_500(client, staff_user, org_units, params):
    client.force_login(staff_user)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_the_export_holds_the_filtered_rows_as_text_not_formulas(client, staff_user, taozhou):
    EventFactory(org_unit=taozhou, title="=HYPERLINK(1)", audience=250)
    EventFactory(org_unit=taozhou, kind="lecture")
    client.force_login(staff_user)
    response = client.get(URL, {"kind": "volunteer", "format": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert len(rows) == 2
    assert rows[1][1] == "=HYPERLINK(1)"
    assert rows[1][3] == "桃州镇"
    assert rows[1][11] == 250


def test_the_add_button_is_for_writers(client, staff_user, leader_user, org_units):
    add = reverse("outreach:event_create")
    client.force_login(staff_user)
    assert f'href="{add}"' in client.get(URL).content.decode()
    client.force_login(leader_user)
    assert f'href="{add}"' not in client.get(URL).content.decode()


def test_anonymous_users_are_sent_to_log_in(client, org_units):
    assert client.get(URL)["Location"].startswith(reverse("login"))


def test_it_refuses_post(client, staff_user):
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_data(
    client, liaison, taozhou, plan_year, django_assert_num_queries, count
):
    theme = ThemeFactory(month=5)
    EventFactory.create_batch(count, org_unit=taozhou, theme=theme)
    client.force_login(liaison)
    # session, user, the filter's unit lookup, the science-day windows (plan years, the
    # bureau's windows), COUNT(*) for the pager, the page of events with units and themes,
    # the liaison's units for the menu, the units for the filter's choices
    with django_assert_num_queries(9):
        response = client.get(URL, {"org_unit": taozhou.pk, "year": 2024, "key_day": "workers_day"})
    assert response.context["page"].paginator.count == count
