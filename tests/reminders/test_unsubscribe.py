"""The unsubscribe link: works without logging in, a GET only asks, a POST (the page's
button or a mail client's one-click, RFC 8058) switches off; anything forged is a 404."""

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from guangde_plan.models import ReminderOptOut
from guangde_plan.reminders.recipients import department_key, user_key
from guangde_plan.reminders.service import run_week
from guangde_plan.reminders.tokens import unsubscribe_token


def _url(key):
    return reverse("reminder_unsubscribe", args=[unsubscribe_token(key)])


def test_a_get_asks_and_changes_nothing(client, liaison, django_assert_num_queries):
    # The user's subscription: one query (no session, no user for an anonymous reader).
    with django_assert_num_queries(1):
        response = client.get(_url(user_key(liaison.pk)))
    assert response.status_code == 200
    assert 'data-testid="unsubscribe-form"' in response.content.decode()
    liaison.refresh_from_db()
    assert liaison.reminders_enabled


def test_a_post_switches_the_user_off(client, liaison):
    url = _url(user_key(liaison.pk))
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == url
    liaison.refresh_from_db()
    assert not liaison.reminders_enabled
    page = client.get(url).content.decode()
    assert 'data-testid="unsubscribed"' in page
    assert reverse("reminder_preferences") in page


def test_one_click_from_a_mail_client_needs_no_csrf_token(liaison):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        _url(user_key(liaison.pk)),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302
    liaison.refresh_from_db()
    assert not liaison.reminders_enabled


def test_a_responsible_units_contact_unsubscribes(client, frozen, scenario):
    department = scenario["department"]
    assert client.post(_url(department_key(department.pk))).status_code == 302
    opt_out = ReminderOptOut.objects.get()
    assert opt_out.email == "stats@example.gov.cn"
    assert client.post(_url(department_key(department.pk))).status_code == 302  # twice: fine
    run_week()
    assert "stats@example.gov.cn" not in {email.to[0] for email in mail.outbox}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token",
    [
        "user:1:forged-signature",
        "garbage",
        signing.Signer().sign("user:1"),  # signed, but not for unsubscribing (no salt)
        signing.Signer(salt="guangde_plan.reminders.unsubscribe").sign("admin:1"),
    ],
)
def test_a_forged_or_damaged_link_is_a_404(client, token):
    response = client.get(reverse("reminder_unsubscribe", args=[token]))
    assert response.status_code == 404
    assert client.post(reverse("reminder_unsubscribe", args=[token])).status_code == 404


def test_a_link_to_a_deleted_user_is_a_404(client, liaison):
    url = _url(user_key(liaison.pk))
    liaison.delete()
    assert client.get(url).status_code == 404


def test_wrong_method(client, liaison):
    assert client.put(_url(user_key(liaison.pk))).status_code == 405


def test_the_link_in_the_email_works(client, frozen, scenario, liaison):
    run_week()
    (email,) = [email for email in mail.outbox if email.to == [liaison.email]]
    link = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in email.body
    path = link.removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    client.post(path)
    liaison.refresh_from_db()
    assert not liaison.reminders_enabled
