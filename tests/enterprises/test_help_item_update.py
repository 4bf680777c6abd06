import datetime

import pytest
import time_machine
from django.urls import reverse

from enterprises.models import HelpItem

from .help_factories import HelpActivityFactory, HelpItemFactory

TODAY = datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC)


def url(item):
    return reverse("enterprises:help_item_update", kwargs={"item_id": item.pk})


def post_data(item, **overrides):
    data = {
        "kind": item.kind,
        "problem": item.problem,
        "measure": item.measure,
        "owner": item.owner,
        "raised_on": item.raised_on.isoformat(),
        "due_on": item.due_on.isoformat() if item.due_on else "",
        "status": item.status,
        "done_on": item.done_on.isoformat() if item.done_on else "",
        "activity": item.activity_id or "",
    }
    data.update(overrides)
    return data


@pytest.mark.smoke
@time_machine.travel(TODAY, tick=False)
def test_a_liaison_marks_a_problem_solved(client, liaison, taozhou_enterprise):
    item = HelpItemFactory(enterprise=taozhou_enterprise)
    client.force_login(liaison)
    response = client.post(
        url(item), post_data(item, status="done", done_on="2024-06-14", measure="已上门辅导")
    )
    assert response.status_code == 302
    assert response["Location"] == taozhou_enterprise.get_absolute_url() + "#help"
    item.refresh_from_db()
    assert item.status == HelpItem.Status.DONE
    assert item.done_on == datetime.date(2024, 6, 14)
    assert item.measure == "已上门辅导"
    assert item.history.latest().history_user == liaison


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"status": "done"}, "done_on", "done_without_date"),
        ({"due_on": "2024-02-01"}, "due_on", "due_before_raised"),
        ({"problem": " "}, "problem", "required"),
        ({"status": "closed"}, "status", "invalid_choice"),
    ],
)
def test_invalid_input_changes_nothing(
    client, staff_user, taozhou_enterprise, overrides, field, code
):
    item = HelpItemFactory(enterprise=taozhou_enterprise, owner="张三")
    client.force_login(staff_user)
    response = client.post(url(item), post_data(item, owner="李四", **overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    item.refresh_from_db()
    assert item.owner == "张三"


def test_a_link_to_an_activity_the_liaison_cannot_see_is_kept(
    client, liaison, xinhang, taozhou_enterprise, xinhang_enterprise
):
    # A 新杭镇 symposium that a 桃州镇 enterprise joined: the 桃州镇 liaison may not see it.
    activity = HelpActivityFactory(
        org_unit=xinhang, enterprises=[xinhang_enterprise, taozhou_enterprise]
    )
    item = HelpItemFactory(enterprise=taozhou_enterprise, activity=activity)
    client.force_login(liaison)
    response = client.get(url(item))
    assert "activity" not in response.context["form"].fields
    assert 'data-testid="kept-activity"' in response.content.decode()
    response = client.post(url(item), post_data(item, activity="", owner="李四"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.owner == "李四"
    assert item.activity == activity


def test_staff_may_change_the_activity(client, staff_user, taozhou, taozhou_enterprise):
    first = HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
    second = HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
    item = HelpItemFactory(enterprise=taozhou_enterprise, activity=first)
    client.force_login(staff_user)
    assert client.post(url(item), post_data(item, activity=second.pk)).status_code == 302
    item.refresh_from_db()
    assert item.activity == second


def test_outsiders_get_404(client, outsider, taozhou_enterprise):
    item = HelpItemFactory(enterprise=taozhou_enterprise, owner="张三")
    client.force_login(outsider)
    assert client.get(url(item)).status_code == 404
    assert client.post(url(item), post_data(item, owner="李四")).status_code == 404
    item.refresh_from_db()
    assert item.owner == "张三"


def test_leaders_get_403(client, leader_user, taozhou_enterprise):
    item = HelpItemFactory(enterprise=taozhou_enterprise, owner="张三")
    client.force_login(leader_user)
    assert client.get(url(item)).status_code == 403
    assert client.post(url(item), post_data(item, owner="李四")).status_code == 403
    item.refresh_from_db()
    assert item.owner == "张三"


def test_anonymous_users_are_sent_to_log_in(client, taozhou_enterprise):
    item = HelpItemFactory(enterprise=taozhou_enterprise)
    response = client.get(url(item))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_refuses_other_methods(client, staff_user, taozhou_enterprise):
    item = HelpItemFactory(enterprise=taozhou_enterprise)
    client.force_login(staff_user)
    assert client.patch(url(item)).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_form_query_count_is_constant(
    client, liaison, taozhou, taozhou_enterprise, django_assert_num_queries, count
):
    activities = [
        HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
        for _ in range(count)
    ]
    item = HelpItemFactory(enterprise=taozhou_enterprise, activity=activities[0])
    HelpItemFactory.create_batch(count, enterprise=taozhou_enterprise)
    client.force_login(liaison)
    # session, user, the item with its enterprise, unit and activity, whether its activity
    # is one the liaison may see, the activity choices, the item's change history with its
    # users, the activities named in it, the liaison's units for the menu
    with django_assert_num_queries(8):
        response = client.get(url(item))
    assert response.status_code == 200
