import datetime

import pytest
import time_machine
from django.urls import reverse

from enterprises.models import HelpItem

from .help_factories import HelpActivityFactory, HelpItemFactory

TODAY = datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC)


def url(enterprise, **params):
    path = reverse("enterprises:help_item_create", kwargs={"enterprise_id": enterprise.pk})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def form_data(**overrides):
    data = {
        "kind": "problem",
        "problem": "研发费用辅助账不会建",
        "measure": "",
        "owner": "王科长",
        "raised_on": "2024-06-01",
        "due_on": "2024-06-30",
        "status": "open",
        "done_on": "",
        "activity": "",
    }
    data.update(overrides)
    return data


@pytest.mark.smoke
@time_machine.travel(TODAY, tick=False)
def test_a_liaison_adds_a_problem_to_the_ledger(client, liaison, taozhou, taozhou_enterprise):
    activity = HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
    client.force_login(liaison)
    response = client.post(url(taozhou_enterprise), form_data(activity=activity.pk))
    item = HelpItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == taozhou_enterprise.get_absolute_url() + "#help"
    assert item.enterprise == taozhou_enterprise
    assert item.kind == HelpItem.Kind.PROBLEM
    assert item.due_on == datetime.date(2024, 6, 30)
    assert item.activity == activity
    assert item.history.get().history_user == liaison


@time_machine.travel(TODAY, tick=False)
def test_the_kind_is_preselected_and_raised_on_defaults_to_today(
    client, liaison, taozhou_enterprise
):
    client.force_login(liaison)
    form = client.get(url(taozhou_enterprise, kind="measure")).context["form"]
    assert form.initial["kind"] == "measure"
    assert form.initial["raised_on"] == datetime.date(2024, 6, 15)
    assert client.get(url(taozhou_enterprise, kind="problem")).context["form"].initial["kind"] == (
        "problem"
    )
    assert client.get(url(taozhou_enterprise, kind="bogus")).context["form"].initial["kind"] == ""


def test_the_activity_choices_are_those_the_enterprise_took_part_in(
    client, liaison, taozhou, xinhang, taozhou_enterprise, xinhang_enterprise
):
    took_part = HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
    city_wide = HelpActivityFactory(enterprises=[taozhou_enterprise, xinhang_enterprise])
    HelpActivityFactory(org_unit=taozhou)  # without this enterprise
    HelpActivityFactory(org_unit=xinhang, enterprises=[xinhang_enterprise])
    client.force_login(liaison)
    form = client.get(url(taozhou_enterprise)).context["form"]
    assert set(form.fields["activity"].queryset) == {took_part, city_wide}

    other = HelpActivityFactory(org_unit=taozhou)
    response = client.post(url(taozhou_enterprise), form_data(activity=other.pk))
    assert response.context["form"].has_error("activity", "invalid_choice")
    assert not HelpItem.objects.exists()


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"problem": ""}, "problem", "required"),
        ({"kind": "wish"}, "kind", "invalid_choice"),
        ({"raised_on": ""}, "raised_on", "required"),
        ({"raised_on": "2024-06-16"}, "raised_on", "future_date"),
        ({"due_on": "2024-05-31"}, "due_on", "due_before_raised"),
        ({"status": "done"}, "done_on", "done_without_date"),
        ({"status": "done", "done_on": "2024-05-01"}, "done_on", "done_before_raised"),
        ({"status": "done", "done_on": "2024-06-20"}, "done_on", "future_date"),
    ],
)
def test_each_rule_is_reported_beside_its_field_and_nothing_is_saved(
    client, staff_user, taozhou_enterprise, overrides, field, code
):
    client.force_login(staff_user)
    response = client.post(url(taozhou_enterprise), form_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert "invalid-feedback" in response.content.decode()
    assert not HelpItem.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_solved_item_with_its_date_is_accepted(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    response = client.post(
        url(taozhou_enterprise), form_data(status="done", done_on="2024-06-10", kind="measure")
    )
    assert response.status_code == 302
    assert HelpItem.objects.get().status == HelpItem.Status.DONE


def test_outsiders_get_404(client, outsider, taozhou_enterprise):
    client.force_login(outsider)
    assert client.get(url(taozhou_enterprise)).status_code == 404
    assert client.post(url(taozhou_enterprise), form_data()).status_code == 404
    assert not HelpItem.objects.exists()


def test_leaders_get_403(client, leader_user, taozhou_enterprise):
    client.force_login(leader_user)
    assert client.get(url(taozhou_enterprise)).status_code == 403
    assert client.post(url(taozhou_enterprise), form_data()).status_code == 403
    assert not HelpItem.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, taozhou_enterprise):
    response = client.post(url(taozhou_enterprise), form_data())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not HelpItem.objects.exists()


def test_a_missing_enterprise_gives_404(client, staff_user, org_units):
    client.force_login(staff_user)
    path = reverse("enterprises:help_item_create", kwargs={"enterprise_id": 9999})
    assert client.get(path).status_code == 404


def test_it_refuses_other_methods(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    assert client.put(url(taozhou_enterprise)).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_form_query_count_is_constant(
    client, liaison, taozhou, taozhou_enterprise, django_assert_num_queries, count
):
    for _ in range(count):
        HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
        HelpItemFactory(enterprise=taozhou_enterprise)
    client.force_login(liaison)
    # session, user, the enterprise with its unit, the activity choices, the liaison's
    # units for the menu
    with django_assert_num_queries(5):
        response = client.get(url(taozhou_enterprise, kind="problem"))
    assert response.status_code == 200
    assert len(response.context["form"].fields["activity"].choices) == count + 1
