"""What each unit held on 5.30 and during 全国科普日 (views/themes.py key_day)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from outreach.models import KeyDay

from .factories import EventFactory


def url(key_day="science_day", **params):
    base = reverse("outreach:key_day", kwargs={"key_day": key_day})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


@time_machine.travel(datetime.datetime(2024, 10, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_staff_see_each_units_events_within_the_window(
    client, staff_user, taozhou, xinhang, plan_year
):
    EventFactory(
        org_unit=taozhou, title="科普日讲座", held_on=datetime.date(2024, 9, 15), audience=300
    )
    EventFactory(
        org_unit=taozhou, title="科普日展览", held_on=datetime.date(2024, 9, 25), audience=None
    )
    EventFactory(org_unit=xinhang, title="窗口外", held_on=datetime.date(2024, 9, 26))
    EventFactory(
        org_unit=None, title="全市启动式", held_on=datetime.date(2024, 9, 15), audience=500
    )
    client.force_login(staff_user)
    response = client.get(url())
    window = response.context["window"]
    assert (window.starts_on, window.ends_on) == (
        datetime.date(2024, 9, 15),
        datetime.date(2024, 9, 25),
    )
    rows = {unit.code: [e.title for e in events] for unit, events in response.context["rows"]}
    assert rows[taozhou.code] == ["科普日讲座", "科普日展览"]
    assert rows[xinhang.code] == []
    assert [e.title for e in response.context["city_wide"]] == ["全市启动式"]
    assert response.context["units_held"] == 1
    assert (response.context["event_count"], response.context["audience"]) == (3, 800)
    page = response.content.decode()
    assert page.count("data-none-held") == 12
    assert reverse("outreach:event_create") + "?held_on=2024-09-15" in page
    assert reverse("outreach:key_day_edit", kwargs={"key_day": "science_day", "year": 2024}) in page


def test_workers_day_is_one_day_and_a_liaison_sees_their_unit_only(
    client, liaison, taozhou, xinhang, plan_year
):
    EventFactory(org_unit=taozhou, title="桃州5.30")
    EventFactory(org_unit=xinhang, title="新杭5.30")
    client.force_login(liaison)
    response = client.get(url("workers_day", year=2024))
    assert response.context["window"].days == 1
    assert [(u, [e.title for e in es]) for u, es in response.context["rows"]] == [
        (taozhou, ["桃州5.30"])
    ]
    assert "新杭5.30" not in response.content.decode()
    assert reverse(
        "outreach:key_day_edit", kwargs={"key_day": "workers_day", "year": 2024}
    ) not in (response.content.decode())


def test_the_bureaus_window_is_used(client, staff_user, taozhou, plan_year):
    KeyDay.objects.create(
        plan_year=plan_year,
        kind="science_day",
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2024, 9, 7),
        note="中国科协通知",
    )
    EventFactory(org_unit=taozhou, held_on=datetime.date(2024, 9, 3))
    client.force_login(staff_user)
    response = client.get(url())
    assert response.context["event_count"] == 1
    assert response.context["window"].basis == "set"


def test_unknown_key_days_and_years_are_404(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.get(url("tree_day")).status_code == 404
    assert client.get(url(year=2019)).status_code == 404


def test_anonymous_and_wrong_method(client, staff_user, plan_year):
    assert client.get(url())["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.post(url()).status_code == 405


@pytest.mark.parametrize("count", [2, 30])
def test_the_query_count_does_not_grow_with_the_data(
    client, liaison, taozhou, plan_year, django_assert_num_queries, count
):
    EventFactory.create_batch(count, org_unit=taozhou, held_on=datetime.date(2024, 9, 16))
    client.force_login(liaison)
    # session, user, the plan years, the bureau's window, the liaison's units, the events in
    # the window, the liaison's units for the menu
    with django_assert_num_queries(7):
        response = client.get(url())
    assert response.context["event_count"] == count
