"""The help section of the enterprise page (enterprises/sections_help.py)."""

import datetime

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse

from enterprises import sections_help
from enterprises.models import HelpItem

from .help_factories import HelpActivityFactory, HelpItemFactory

TODAY = datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC)


def url(enterprise):
    return reverse("enterprises:detail", args=[enterprise.pk])


@time_machine.travel(TODAY, tick=False)
def test_it_shows_open_items_first_and_marks_the_overdue_ones(client, liaison, taozhou_enterprise):
    HelpItemFactory(
        enterprise=taozhou_enterprise,
        problem="已解决",
        due_on=datetime.date(2024, 5, 1),
        status=HelpItem.Status.DONE,
        done_on=datetime.date(2024, 5, 2),
    )
    HelpItemFactory(
        enterprise=taozhou_enterprise, problem="下月到期", due_on=datetime.date(2024, 7, 1)
    )
    HelpItemFactory(
        enterprise=taozhou_enterprise, problem="已逾期", due_on=datetime.date(2024, 6, 1)
    )
    HelpItemFactory(problem="别家的问题")
    client.force_login(liaison)
    response = client.get(url(taozhou_enterprise))
    assert response.status_code == 200
    items = response.context["help_items"]
    assert [item.problem for item in items] == ["已逾期", "下月到期", "已解决"]
    assert [item.is_overdue for item in items] == [True, False, False]
    page = response.content.decode()
    assert 'data-testid="help-section"' in page
    assert "别家的问题" not in page


def test_it_shows_the_latest_ten_activities_the_user_may_see(
    client, liaison, taozhou, xinhang, taozhou_enterprise
):
    for day in range(1, 13):
        HelpActivityFactory(
            title=f"走访{day:02d}",
            held_on=datetime.date(2024, 3, day),
            org_unit=taozhou,
            enterprises=[taozhou_enterprise],
        )
    # An activity of another unit that this enterprise joined: not the liaison's to see.
    HelpActivityFactory(
        title="新杭镇座谈",
        held_on=datetime.date(2024, 4, 1),
        org_unit=xinhang,
        enterprises=[taozhou_enterprise],
    )
    client.force_login(liaison)
    activities = client.get(url(taozhou_enterprise)).context["help_activities"]
    assert [activity.title for activity in activities] == [
        f"走访{day:02d}" for day in range(12, 2, -1)
    ]


def test_the_add_buttons_are_for_users_who_can_write(
    client, liaison, leader_user, taozhou_enterprise
):
    create = reverse(
        "enterprises:help_item_create", kwargs={"enterprise_id": taozhou_enterprise.pk}
    )
    client.force_login(liaison)
    page = client.get(url(taozhou_enterprise)).content.decode()
    assert f"{create}?kind=measure" in page
    assert f"{create}?kind=problem" in page
    client.force_login(leader_user)
    page = client.get(url(taozhou_enterprise)).content.decode()
    assert create not in page


@pytest.mark.parametrize("count", [3, 30])
def test_the_section_costs_two_queries_and_its_template_none(
    liaison, taozhou, taozhou_enterprise, django_assert_num_queries, count
):
    for _ in range(count):
        HelpItemFactory(enterprise=taozhou_enterprise, due_on=datetime.date(2024, 1, 1))
        HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
        HelpActivityFactory(enterprises=[taozhou_enterprise])  # city-wide
    # the enterprise's help items with their activities, its latest activities with units
    with django_assert_num_queries(2):
        context = sections_help.detail_context(enterprise=taozhou_enterprise, user=liaison)
    assert len(context["help_items"]) == count
    assert len(context["help_activities"]) == min(2 * count, 10)
    with django_assert_num_queries(0):
        html = render_to_string(
            "enterprises/_detail_help.html",
            {**context, "enterprise": taozhou_enterprise, "user": liaison},
        )
    assert html.count("data-overdue") == count
