"""A user's own weekly email settings."""

from django.urls import reverse

from guangde_plan.models import User

URL = reverse("reminder_preferences")


def test_anonymous_users_log_in_first(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_it_shows_the_settings(client, liaison, django_assert_num_queries):
    client.force_login(liaison)
    # session, user, the schedule (none stored: the default), the liaison's units (menu)
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert response.status_code == 200
    assert 'data-testid="no-email"' in response.content.decode()


def test_it_saves_the_choice(client, leader_user):
    leader_user.email = "leader@example.gov.cn"
    leader_user.save()
    client.force_login(leader_user)  # read-only users still own their settings
    assert 'data-testid="email-address"' in client.get(URL).content.decode()
    response = client.post(URL, {"reminders_enabled": "on", "reminder_kind": "reminders"})
    assert response.status_code == 302 and response["Location"] == URL
    leader_user.refresh_from_db()
    assert leader_user.weekly_email_kind == User.ReminderKind.REMINDERS
    client.post(URL, {"reminder_kind": "by_role"})  # unticked: off
    leader_user.refresh_from_db()
    assert not leader_user.reminders_enabled
    assert leader_user.weekly_email_kind == User.ReminderKind.DIGEST


def test_an_invalid_choice_is_shown_back(client, liaison):
    client.force_login(liaison)
    response = client.post(URL, {"reminders_enabled": "on", "reminder_kind": "hourly"})
    assert response.status_code == 200
    assert response.context["form"].errors["reminder_kind"]
    liaison.refresh_from_db()
    assert liaison.reminder_kind == User.ReminderKind.BY_ROLE


def test_wrong_method(client, liaison):
    client.force_login(liaison)
    assert client.put(URL).status_code == 405
