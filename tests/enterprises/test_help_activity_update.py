import datetime

import pytest
import time_machine
from django.urls import reverse

from enterprises.models import HelpActivity
from tests.factories import EnterpriseFactory

from .help_factories import HelpActivityFactory


def url(activity):
    return reverse("enterprises:help_activity_update", kwargs={"activity_id": activity.pk})


def post_data(activity, linked, **overrides):
    data = {
        "kind": activity.kind,
        "title": activity.title,
        "held_on": activity.held_on.isoformat(),
        "org_unit": activity.org_unit_id or "",
        "place": activity.place,
        "other_partners": activity.other_partners,
        "enterprises": [enterprise.pk for enterprise in linked],
        "notes": activity.notes,
    }
    data.update(overrides)
    return data


def test_a_liaison_edits_an_activity_of_their_unit(client, liaison, taozhou, taozhou_enterprise):
    activity = HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
    added = EnterpriseFactory(org_unit=taozhou)
    client.force_login(liaison)
    response = client.post(
        url(activity),
        post_data(
            activity, [taozhou_enterprise, added], title="改期后的走访", with_park_office="on"
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "enterprises:help_activity_detail", kwargs={"activity_id": activity.pk}
    )
    activity.refresh_from_db()
    assert activity.title == "改期后的走访"
    assert activity.with_park_office is True
    assert set(activity.enterprises.all()) == {taozhou_enterprise, added}
    assert activity.history.latest().history_user == liaison


def test_the_form_shows_the_current_links_ticked(client, liaison, taozhou, taozhou_enterprise):
    activity = HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
    EnterpriseFactory(org_unit=taozhou)
    client.force_login(liaison)
    page = client.get(url(activity)).content.decode()
    assert f'value="{taozhou_enterprise.pk}" id="id_enterprises_0" checked' in page
    assert page.count(" checked>") == 1


def test_a_liaisons_edit_keeps_the_links_to_other_units_enterprises(
    client, liaison, taozhou, taozhou_enterprise, xinhang_enterprise
):
    activity = HelpActivityFactory(
        org_unit=taozhou, enterprises=[taozhou_enterprise, xinhang_enterprise]
    )
    added = EnterpriseFactory(org_unit=taozhou)
    client.force_login(liaison)
    response = client.get(url(activity))
    assert response.context["form"].kept_enterprise_ids == [xinhang_enterprise.pk]
    assert xinhang_enterprise.name not in response.content.decode()

    response = client.post(url(activity), post_data(activity, [added]))
    assert response.status_code == 302
    assert set(activity.enterprises.all()) == {added, xinhang_enterprise}
    # Unticking every enterprise they can see still leaves the others' links in place.
    response = client.post(url(activity), post_data(activity, []))
    assert response.status_code == 302
    assert list(activity.enterprises.all()) == [xinhang_enterprise]


def test_a_liaison_cannot_link_another_units_enterprise(
    client, liaison, taozhou, taozhou_enterprise, xinhang_enterprise
):
    activity = HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
    client.force_login(liaison)
    response = client.post(url(activity), post_data(activity, [xinhang_enterprise]))
    assert response.context["form"].has_error("enterprises", "invalid_choice")
    assert list(activity.enterprises.all()) == [taozhou_enterprise]


def test_city_wide_activities_are_edited_by_bureau_staff_only(
    client, liaison, staff_user, outsider, taozhou_enterprise
):
    activity = HelpActivityFactory(title="全市培训", enterprises=[taozhou_enterprise])
    # The liaison sees it (one of their enterprises took part) but may not change it.
    client.force_login(liaison)
    assert client.get(url(activity)).status_code == 403
    response = client.post(url(activity), post_data(activity, [taozhou_enterprise], title="改"))
    assert response.status_code == 403
    # A liaison who cannot even see it is told it does not exist.
    client.force_login(outsider)
    assert client.get(url(activity)).status_code == 404
    # Staff may, and it stays city-wide.
    client.force_login(staff_user)
    response = client.post(url(activity), post_data(activity, [taozhou_enterprise], title="改"))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "改"
    assert activity.org_unit is None


@time_machine.travel(datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False)
@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("title", "", "required"),
        ("held_on", "2024-07-01", "future_date"),
        ("enterprises", [], "required"),
        ("org_unit", "", "required"),
    ],
)
def test_invalid_input_changes_nothing(
    client, liaison, taozhou, taozhou_enterprise, field, value, code
):
    activity = HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
    before = (activity.title, activity.held_on, activity.org_unit_id)
    client.force_login(liaison)
    response = client.post(
        url(activity), post_data(activity, [taozhou_enterprise], **{field: value})
    )
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    activity.refresh_from_db()
    assert (activity.title, activity.held_on, activity.org_unit_id) == before
    assert list(activity.enterprises.all()) == [taozhou_enterprise]


def test_outsiders_get_404(client, outsider, taozhou, taozhou_enterprise):
    activity = HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
    client.force_login(outsider)
    assert client.get(url(activity)).status_code == 404
    response = client.post(url(activity), post_data(activity, [taozhou_enterprise], title="改"))
    assert response.status_code == 404
    assert HelpActivity.objects.get().title != "改"


def test_leaders_get_403(client, leader_user, taozhou, taozhou_enterprise):
    activity = HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
    client.force_login(leader_user)
    assert client.get(url(activity)).status_code == 403
    response = client.post(url(activity), post_data(activity, [taozhou_enterprise], title="改"))
    assert response.status_code == 403
    assert HelpActivity.objects.get().title != "改"


def test_anonymous_users_are_sent_to_log_in(client, taozhou, taozhou_enterprise):
    activity = HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
    response = client.post(url(activity), post_data(activity, [taozhou_enterprise], title="改"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert HelpActivity.objects.get().title != "改"


def test_it_refuses_other_methods(client, staff_user, taozhou):
    activity = HelpActivityFactory(org_unit=taozhou)
    client.force_login(staff_user)
    assert client.delete(url(activity)).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_form_query_count_is_constant(
    client, liaison, taozhou, xinhang, django_assert_num_queries, count
):
    linked = EnterpriseFactory.create_batch(count, org_unit=taozhou)
    linked += EnterpriseFactory.create_batch(count, org_unit=xinhang)
    activity = HelpActivityFactory(org_unit=taozhou, enterprises=linked)
    client.force_login(liaison)
    # session, user, the activity (with unit, recorder, count, whether the user may edit
    # it), its enterprises for the ticked boxes, the links the liaison cannot see, the unit
    # choices, the enterprises for the picker with their units, the liaison's units for
    # the menu
    with django_assert_num_queries(8):
        response = client.get(url(activity))
    assert response.status_code == 200
    assert len(response.context["form"].kept_enterprise_ids) == count
