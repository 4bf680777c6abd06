"""The log of the weekly emails (bureau staff) and its "send now" button."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from guangde_plan.models import ReminderDelivery
from guangde_plan.reminders.service import run_week

LOG, SEND = reverse("reminder_log"), reverse("reminder_send")


@pytest.fixture
def sent(frozen, scenario, smtp_server):
    smtp_server.refuse = True
    run_week()
    smtp_server.refuse = False
    run_week()  # the second attempt goes


def test_staff_see_who_was_sent_what(client, staff_user, sent, django_assert_num_queries):
    client.force_login(staff_user)
    # session, user, weeks, counts by status, the schedule, page count, page rows
    with django_assert_num_queries(7):
        response = client.get(LOG)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('data-status="sent"') == 5
    assert "taozhou@example.gov.cn" in page and "2024-06-10" in page
    with translation.override("zh-hans"):
        attempts = translation.ngettext("%(counter)s attempt", "%(counter)s attempts", 2)
    assert page.count(attempts % {"counter": 2}) == 5


def test_filtered_by_status_and_week(client, staff_user, sent):
    client.force_login(staff_user)
    page = client.get(LOG, {"week": "2024-06-12", "status": "failed"}).content.decode()
    assert 'data-status="sent"' not in page
    assert client.get(LOG, {"week": "2024-13-45"}).status_code == 200  # the latest week
    assert client.get(LOG, {"week": "2023-01-02"}).status_code == 200  # empty


@pytest.mark.parametrize("persona", ["liaison", "leader_user"])
def test_not_for_liaisons_or_leaders(request, db, client, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(LOG).status_code == 403
    assert client.post(SEND).status_code == 403


def test_send_now_sends_this_weeks_emails(client, staff_user, frozen, scenario):
    client.force_login(staff_user)
    # make run and the tests run tasks in-process (CELERY_TASK_ALWAYS_EAGER)
    response = client.post(SEND)
    assert response.status_code == 302
    assert response["Location"] == f"{LOG}?week=2024-06-10"
    assert len(mail.outbox) == 5
    assert ReminderDelivery.objects.filter(status="sent").count() == 5
    client.post(SEND)
    assert len(mail.outbox) == 5


def test_send_now_is_post_only(client, staff_user):
    client.force_login(staff_user)
    assert client.get(SEND).status_code == 405


def test_the_menu_offers_the_log_to_bureau_staff_only(client, staff_user, liaison, org_units):
    log_link = f'href="{LOG}"'
    preferences_link = f'href="{reverse("reminder_preferences")}"'
    client.force_login(staff_user)
    page = client.get(reverse("home")).content.decode()
    assert log_link in page and preferences_link in page
    client.force_login(liaison)
    page = client.get(reverse("home")).content.decode()
    assert log_link not in page and preferences_link in page
