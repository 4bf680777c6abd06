"""Administrators set the day and hour of the weekly email in the admin: one schedule."""

from django.urls import reverse

from guangde_plan.models import ReminderSchedule


def test_administrators_set_the_day_and_hour(client, admin_user):
    client.force_login(admin_user)
    add = reverse("admin:guangde_plan_reminderschedule_add")
    response = client.post(add, {"weekday": "2", "hour": "14", "is_active": "on"})
    assert response.status_code == 302
    schedule = ReminderSchedule.current()
    assert (schedule.weekday, schedule.hour, schedule.is_active) == (2, 14, True)
    # One schedule only: no second one, and it cannot be deleted (only paused).
    assert client.get(add).status_code == 403
    change = reverse("admin:guangde_plan_reminderschedule_change", args=[schedule.pk])
    assert client.post(change, {"weekday": "0", "hour": "24"}).status_code == 200  # 0–23
    delete = reverse("admin:guangde_plan_reminderschedule_delete", args=[schedule.pk])
    assert client.get(delete).status_code == 403


def test_without_a_stored_schedule_it_is_monday_nine(db):
    schedule = ReminderSchedule.current()
    assert (schedule.pk, schedule.weekday, schedule.hour, schedule.is_active) == (None, 0, 9, True)


def test_the_unsubscribed_contacts_are_listed(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:guangde_plan_reminderoptout_changelist")).status_code == 200
