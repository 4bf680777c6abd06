"""Adding a platform: one host (a registry enterprise or another organisation), a unit the
user writes in (defaulting to the host enterprise's), no level typed in."""

import pytest
from django.urls import reverse

from platforms.models import Level, Platform

from .factories import kind

URL = reverse("platforms:create")


def form_data(**overrides):
    return {
        "name": "桃州科创孵化基地",
        "kind": kind("incubator").pk,
        "host_enterprise": "",
        "host_organisation": "桃州镇科创投资有限公司",
        "org_unit": "",
        "opened_on": "2021-09-01",
        "address": "",
        "contact_person": "",
        "contact_phone": "",
        "note": "",
        **overrides,
    }


def test_a_liaison_adds_a_platform_of_their_unit(client, liaison, taozhou):
    client.force_login(liaison)
    # A liaison of one unit finds it chosen already.
    assert client.get(URL).context["form"].initial["org_unit"] == taozhou.pk
    response = client.post(URL, form_data(org_unit=taozhou.pk, level="national"))
    platform = Platform.objects.get(name="桃州科创孵化基地")
    assert response.status_code == 302 and response["Location"] == platform.get_absolute_url()
    assert (platform.org_unit, platform.level, platform.host_enterprise) == (
        taozhou,
        Level.NONE,  # the level is not a field: only recognitions set it
        None,
    )


def test_the_host_enterprises_unit_is_the_default(client, staff_user, xinhang_enterprise):
    client.force_login(staff_user)
    data = form_data(host_enterprise=xinhang_enterprise.pk, host_organisation="")
    assert client.post(URL, data).status_code == 302
    platform = Platform.objects.get(name="桃州科创孵化基地")
    assert (platform.host_enterprise, platform.org_unit) == (
        xinhang_enterprise,
        xinhang_enterprise.org_unit,
    )
    assert platform.host_name == xinhang_enterprise.name


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"host_organisation": ""}, "host_enterprise", "no_host"),
        ({"host_organisation": "   "}, "host_enterprise", "no_host"),
        ({"name": ""}, "name", "required"),
        ({"kind": ""}, "kind", "required"),
        ({"opened_on": "2024-06-16"}, "opened_on", "future_date"),
        ({"contact_phone": "电话"}, "contact_phone", None),
    ],
)
def test_each_field_is_checked(client, staff_user, taozhou, overrides, field, code):
    client.force_login(staff_user)
    response = client.post(URL, form_data(org_unit=taozhou.pk, **overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert "invalid-feedback" in response.content.decode()
    assert not Platform.objects.filter(name="桃州科创孵化基地").exists()


def test_two_hosts_are_refused(client, staff_user, taozhou, taozhou_enterprise):
    client.force_login(staff_user)
    data = form_data(org_unit=taozhou.pk, host_enterprise=taozhou_enterprise.pk)
    response = client.post(URL, data)
    assert response.context["form"].has_error("host_organisation", "two_hosts")


def test_without_a_host_enterprise_the_unit_is_required(client, staff_user):
    client.force_login(staff_user)
    response = client.post(URL, form_data())
    assert response.context["form"].has_error("org_unit", "required")


def test_a_liaison_cannot_use_another_units_enterprise_or_unit(
    client, liaison, xinhang, xinhang_enterprise
):
    client.force_login(liaison)
    response = client.post(URL, form_data(org_unit=xinhang.pk))
    assert response.context["form"].has_error("org_unit", "invalid_choice")
    data = form_data(host_enterprise=xinhang_enterprise.pk, host_organisation="")
    response = client.post(URL, data)
    assert response.context["form"].has_error("host_enterprise", "invalid_choice")
    assert not Platform.objects.filter(name="桃州科创孵化基地").exists()


def test_leaders_get_403(client, leader_user, taozhou):
    client.force_login(leader_user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(org_unit=taozhou.pk)).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client, db):
    assert client.post(URL, form_data())["Location"].startswith(reverse("login"))


def test_put_is_not_allowed(client, staff_user):
    client.force_login(staff_user)
    assert client.put(URL).status_code == 405
