import datetime

import pytest
import time_machine
from django.urls import reverse

from enterprises.models import HelpActivity
from tests.factories import EnterpriseFactory

URL = reverse("enterprises:help_activity_create")


def form_data(unit, linked, **overrides):
    data = {
        "kind": "training",
        "title": "研发费用归集辅助账培训",
        "held_on": "2024-05-20",
        "org_unit": unit.pk if unit else "",
        "place": "桃州镇政府三楼会议室",
        "with_tax_office": "on",
        "other_partners": "",
        "enterprises": [enterprise.pk for enterprise in linked],
        "notes": "",
    }
    data.update(overrides)
    return data


@pytest.mark.smoke
def test_a_liaison_records_an_activity_in_their_unit(client, liaison, taozhou, taozhou_enterprise):
    other = EnterpriseFactory(org_unit=taozhou)
    client.force_login(liaison)
    response = client.post(URL, form_data(taozhou, [taozhou_enterprise, other]))
    activity = HelpActivity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "enterprises:help_activity_detail", kwargs={"activity_id": activity.pk}
    )
    assert activity.org_unit == taozhou
    assert activity.with_tax_office is True
    assert activity.with_statistics_office is False
    assert set(activity.enterprises.all()) == {taozhou_enterprise, other}
    assert activity.created_by == liaison
    assert activity.history.get().history_user == liaison
    assert "研发费用归集辅助账培训" in client.get(response["Location"]).content.decode()


def test_bureau_staff_may_record_a_city_wide_activity(
    client, staff_user, taozhou_enterprise, xinhang_enterprise
):
    client.force_login(staff_user)
    response = client.post(URL, form_data(None, [taozhou_enterprise, xinhang_enterprise]))
    assert response.status_code == 302
    activity = HelpActivity.objects.get()
    assert activity.org_unit is None
    assert activity.enterprises.count() == 2


def test_a_liaison_may_not_record_a_city_wide_activity(client, liaison, taozhou_enterprise):
    client.force_login(liaison)
    response = client.post(URL, form_data(None, [taozhou_enterprise]))
    assert response.context["form"].has_error("org_unit", "required")
    assert not HelpActivity.objects.exists()


def test_a_liaison_cannot_record_in_another_unit(client, liaison, xinhang, taozhou_enterprise):
    client.force_login(liaison)
    response = client.post(URL, form_data(xinhang, [taozhou_enterprise]))
    assert response.context["form"].has_error("org_unit", "invalid_choice")
    assert not HelpActivity.objects.exists()


def test_the_picker_offers_only_the_enterprises_the_user_may_see(
    client, liaison, taozhou, taozhou_enterprise, xinhang_enterprise
):
    client.force_login(liaison)
    response = client.get(URL)
    assert list(response.context["form"].fields["enterprises"].queryset) == [taozhou_enterprise]
    page = response.content.decode()
    assert taozhou_enterprise.uscc in page  # the filter box also matches credit codes
    assert xinhang_enterprise.name not in page
    assert "js/enterprise-picker.js" in page
    # Another unit's enterprise posted by hand is refused, and nothing is written.
    response = client.post(URL, form_data(taozhou, [taozhou_enterprise, xinhang_enterprise]))
    assert response.context["form"].has_error("enterprises", "invalid_choice")
    assert not HelpActivity.objects.exists()


def test_a_liaison_of_one_unit_finds_it_preselected(client, liaison, taozhou):
    client.force_login(liaison)
    assert client.get(URL).context["form"].initial["org_unit"] == taozhou.pk


@time_machine.travel(datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False)
@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("title", "", "required"),
        ("title", "   ", "required"),
        ("kind", "party", "invalid_choice"),
        ("held_on", "", "required"),
        ("held_on", "2024-02-30", "invalid"),
        ("held_on", "2024-06-16", "future_date"),
        ("enterprises", [], "required"),
        ("enterprises", ["x"], "invalid_pk_value"),
    ],
)
def test_each_field_is_checked_and_nothing_is_saved(
    client, staff_user, taozhou, taozhou_enterprise, field, value, code
):
    client.force_login(staff_user)
    response = client.post(URL, form_data(taozhou, [taozhou_enterprise], **{field: value}))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert "invalid-feedback" in response.content.decode()
    assert not HelpActivity.objects.exists()


@time_machine.travel(datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_an_activity_held_today_is_accepted(client, staff_user, taozhou, taozhou_enterprise):
    client.force_login(staff_user)
    response = client.post(URL, form_data(taozhou, [taozhou_enterprise], held_on="2024-06-15"))
    assert response.status_code == 302


def test_an_empty_post_shows_errors(client, staff_user, org_units):
    client.force_login(staff_user)
    response = client.post(URL, {})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not HelpActivity.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, taozhou, taozhou_enterprise):
    for response in (client.get(URL), client.post(URL, form_data(taozhou, [taozhou_enterprise]))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert not HelpActivity.objects.exists()


def test_an_outsider_cannot_link_another_units_enterprise(
    client, outsider, xinhang, taozhou_enterprise
):
    client.force_login(outsider)
    response = client.post(URL, form_data(xinhang, [taozhou_enterprise]))
    assert response.context["form"].has_error("enterprises", "invalid_choice")
    assert not HelpActivity.objects.exists()


def test_leaders_get_403(client, leader_user, taozhou, taozhou_enterprise):
    client.force_login(leader_user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(taozhou, [taozhou_enterprise])).status_code == 403
    assert not HelpActivity.objects.exists()


def test_it_refuses_other_methods(client, staff_user):
    client.force_login(staff_user)
    assert client.put(URL).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_form_query_count_is_constant(
    client, liaison, taozhou, django_assert_num_queries, count
):
    EnterpriseFactory.create_batch(count, org_unit=taozhou)
    client.force_login(liaison)
    # session, user, the unit choices (twice: the preselection looks at the first two), the
    # enterprises for the picker with their units, the liaison's units for the menu
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count("data-picker-option") == count
