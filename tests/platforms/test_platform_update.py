"""Editing a platform: the same checks as adding; the level stays the recognitions'."""

from django.urls import reverse

from platforms.models import Level

from .factories import D, grant


def url(platform):
    return reverse("platforms:update", args=[platform.pk])


def form_data(platform, **overrides):
    return {
        "name": platform.name,
        "kind": platform.kind_id,
        "host_enterprise": platform.host_enterprise_id or "",
        "host_organisation": platform.host_organisation,
        "org_unit": platform.org_unit_id,
        "opened_on": "",
        "address": "桃州镇建设路1号",
        "contact_person": "王主任",
        "contact_phone": "0563-6012345",
        "note": "",
        **overrides,
    }


def test_a_liaison_edits_their_units_platform(client, liaison, incubator, staff_user):
    grant(incubator, Level.MUNICIPAL, D(2023, 5, 1), by=staff_user)
    client.force_login(liaison)
    response = client.post(url(incubator), form_data(incubator, level="none"))
    assert response.status_code == 302
    incubator.refresh_from_db()
    assert (incubator.address, incubator.contact_person, incubator.level) == (
        "桃州镇建设路1号",
        "王主任",
        Level.MUNICIPAL,
    )


def test_invalid_input_is_shown_and_nothing_saved(client, staff_user, incubator):
    client.force_login(staff_user)
    response = client.post(url(incubator), form_data(incubator, host_organisation="", name=""))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("host_enterprise", "no_host") and form.has_error("name")
    # The page shows the saved name, not the refused one.
    assert response.context["platform"].name == incubator.name
    incubator.refresh_from_db()
    assert incubator.address == ""


def test_an_outsider_gets_404(client, outsider, incubator):
    client.force_login(outsider)
    assert client.get(url(incubator)).status_code == 404
    assert client.post(url(incubator), form_data(incubator)).status_code == 404


def test_leaders_get_403(client, leader_user, incubator):
    client.force_login(leader_user)
    assert client.post(url(incubator), form_data(incubator)).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client, incubator):
    assert client.get(url(incubator))["Location"].startswith(reverse("login"))


def test_put_is_not_allowed(client, staff_user, incubator):
    client.force_login(staff_user)
    assert client.put(url(incubator)).status_code == 405
