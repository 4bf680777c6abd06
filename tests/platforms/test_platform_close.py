"""Closing, reopening and deleting a platform: one with history is closed, never deleted."""

import pytest
from django.urls import reverse

from platforms.models import Level, Platform

from .factories import D, grant


def url(name, platform):
    return reverse(f"platforms:{name}", args=[platform.pk])


def test_close_then_reopen(client, liaison, incubator):
    client.force_login(liaison)
    assert client.get(url("close", incubator)).status_code == 200
    data = {"closed_on": "2024-05-31", "closed_reason": "场地租约到期"}
    response = client.post(url("close", incubator), data)
    assert response.status_code == 302
    incubator.refresh_from_db()
    assert (incubator.closed_on, incubator.closed_reason) == (D(2024, 5, 31), "场地租约到期")
    detail = client.get(url("detail", incubator)).content.decode()
    assert 'data-testid="reopen"' in detail and 'data-testid="close"' not in detail
    assert client.get(url("reopen", incubator)).status_code == 200
    assert client.post(url("reopen", incubator)).status_code == 302
    incubator.refresh_from_db()
    assert incubator.closed_on is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"closed_on": "2024-06-16", "closed_reason": "x"}, "closed_on"),  # the future
        ({"closed_on": "2023-01-01", "closed_reason": "x"}, "closed_on"),  # before a recognition
        ({"closed_on": "2024-05-31", "closed_reason": ""}, "closed_reason"),
        ({"closed_on": "", "closed_reason": "x"}, "closed_on"),
    ],
)
def test_close_refusals_show_beside_their_fields(client, staff_user, incubator, data, field):
    grant(incubator, Level.MUNICIPAL, D(2023, 5, 1), by=staff_user)
    client.force_login(staff_user)
    response = client.post(url("close", incubator), data)
    assert response.status_code == 200
    assert response.context["form"].has_error(field)
    assert not response.context["platform"].is_closed
    assert not Platform.objects.get(pk=incubator.pk).is_closed


def test_reopening_an_open_platform_changes_nothing(client, staff_user, incubator):
    client.force_login(staff_user)
    response = client.post(url("reopen", incubator), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["info"]


def test_a_platform_without_history_is_deleted(client, liaison, incubator):
    client.force_login(liaison)
    confirm = client.get(url("delete", incubator))
    assert confirm.status_code == 200 and confirm.context["can_confirm"]
    response = client.post(url("delete", incubator))
    assert response["Location"] == reverse("platforms:list")
    assert not Platform.objects.filter(pk=incubator.pk).exists()


def test_a_platform_with_history_is_not_deleted(client, staff_user, incubator):
    grant(incubator, Level.MUNICIPAL, D(2023, 5, 1), by=staff_user)
    client.force_login(staff_user)
    confirm = client.get(url("delete", incubator))
    assert not confirm.context["can_confirm"]
    assert 'data-testid="refusal"' in confirm.content.decode()
    # A POST anyway gets the refusal as a message, not a 500.
    response = client.post(url("delete", incubator), follow=True)
    assert response.redirect_chain == [(incubator.get_absolute_url(), 302)]
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Platform.objects.filter(pk=incubator.pk).exists()


@pytest.mark.parametrize("name", ["close", "reopen", "delete"])
def test_who_may(client, outsider, leader_user, incubator, name):
    client.logout()
    assert client.post(url(name, incubator))["Location"].startswith(reverse("login"))
    client.force_login(outsider)
    assert client.post(url(name, incubator)).status_code == 404
    client.force_login(leader_user)
    assert client.post(url(name, incubator)).status_code == 403
    assert client.get(url(name, incubator)).status_code == 403
    assert Platform.objects.get(pk=incubator.pk).closed_on is None


@pytest.mark.parametrize("name", ["close", "reopen", "delete"])
def test_put_is_not_allowed(client, staff_user, incubator, name):
    client.force_login(staff_user)
    assert client.put(url(name, incubator)).status_code == 405
