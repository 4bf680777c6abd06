"""The run: one email per recipient and week whatever happens — run twice, retried after a
failure, raced by another run, cut off mid-send."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from enterprises.models import HelpItem
from guangde_plan.models import ReminderDelivery, ReminderOptOut
from guangde_plan.reminders.recipients import department_key, user_key
from guangde_plan.reminders.service import MAX_ATTEMPTS, run_week

from .conftest import WEEK, free_port

Status = ReminderDelivery.Status


def _rows():
    return {row.email: row for row in ReminderDelivery.objects.filter(week=WEEK)}


def test_nothing_due_no_email(frozen, plan_year, liaison, staff_user):
    liaison.email = "taozhou@example.gov.cn"
    liaison.save()
    result = run_week()
    assert mail.outbox == []
    assert (result.sent, result.skipped) == (0, 1)
    # Recorded all the same: the log says why nothing went, and the week is settled for them.
    assert _rows()["taozhou@example.gov.cn"].status == Status.SKIPPED


def test_a_user_without_an_email_address_is_left_out(frozen, scenario, outsider):
    outsider.email = ""
    outsider.save()
    run_week()
    assert user_key(outsider.pk) not in set(
        ReminderDelivery.objects.values_list("recipient_key", flat=True)
    )


def test_run_twice_sends_once(frozen, scenario):
    first = run_week()
    sent = len(mail.outbox)
    assert first.sent == sent == 5
    second = run_week(week=WEEK + datetime.timedelta(days=4))  # any day of the week
    assert (second.sent, second.failed, second.settled) == (0, 0, 5)
    assert len(mail.outbox) == sent
    assert {row.status for row in _rows().values()} == {Status.SENT}
    row = _rows()["taozhou@example.gov.cn"]
    assert row.attempts == 1 and row.item_count == 5 and row.sent_at == timezone.now()
    assert "5" in row.subject


def test_a_refused_message_fails_and_goes_on_the_next_run(frozen, scenario, smtp_server):
    smtp_server.refuse = True
    result = run_week()
    assert (result.sent, result.failed, result.retryable) == (0, 5, 5)
    row = _rows()["taozhou@example.gov.cn"]
    assert row.status == Status.FAILED and row.attempts == 1
    assert "SMTPDataError" in row.error and "451" in row.error

    smtp_server.refuse = False
    retry = run_week()
    assert (retry.sent, retry.failed, retry.retryable) == (5, 0, 0)
    assert len(smtp_server.envelopes) == 5
    assert {(row.status, row.attempts) for row in _rows().values()} == {(Status.SENT, 2)}
    assert run_week().sent == 0 and len(smtp_server.envelopes) == 5


def test_an_unreachable_server_stops_the_run_and_it_is_retried(frozen, scenario, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    with pytest.raises(OSError):
        run_week()
    rows = _rows()
    assert {(row.status, row.attempts) for row in rows.values()} == {(Status.FAILED, 1)}
    assert "ConnectionRefusedError" in rows["taozhou@example.gov.cn"].error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run_week().sent == 5


def test_a_row_gives_up_after_max_attempts(frozen, scenario, smtp_server):
    smtp_server.refuse = True
    for _attempt in range(MAX_ATTEMPTS):
        run_week()
    result = run_week()
    assert result.failed == 0 and result.retryable == 0  # nothing left to try
    assert {(row.status, row.attempts) for row in _rows().values()} == {
        (Status.FAILED, MAX_ATTEMPTS)
    }
    smtp_server.refuse = False
    assert run_week().sent == 0


def _claimed_elsewhere(liaison, *, minutes_ago):
    return ReminderDelivery.objects.create(
        week=WEEK,
        recipient_key=user_key(liaison.pk),
        user=liaison,
        recipient_name="王小明",
        email=liaison.email,
        kind="reminders",
        status=Status.SENDING,
        attempts=1,
        claimed_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )


def test_a_row_another_run_is_sending_is_left_to_it(frozen, scenario, liaison):
    _claimed_elsewhere(liaison, minutes_ago=1)
    assert run_week().sent == 4
    assert not [email for email in mail.outbox if email.to == [liaison.email]]
    assert _rows()[liaison.email].status == Status.SENDING


def test_a_run_cut_off_mid_send_is_never_sent_again(frozen, scenario, liaison):
    _claimed_elsewhere(liaison, minutes_ago=60)  # the worker was killed an hour ago
    run_week()
    assert not [email for email in mail.outbox if email.to == [liaison.email]]
    assert _rows()[liaison.email].status == Status.INTERRUPTED


def test_a_failed_recipient_with_nothing_left_to_do_is_skipped(frozen, scenario, smtp_server):
    smtp_server.refuse = True
    run_week()
    # Meanwhile 新杭镇 solved its one help item past due.
    HelpItem.objects.filter(enterprise__org_unit__name="新杭镇").update(
        status=HelpItem.Status.DONE, done_on=WEEK
    )
    smtp_server.refuse = False
    assert run_week().sent == 4
    assert _rows()["xinhang@example.gov.cn"].status == Status.SKIPPED
    assert "xinhang@example.gov.cn" not in {e.rcpt_tos[0] for e in smtp_server.envelopes}


def test_switched_off_users_and_unsubscribed_contacts_get_nothing(frozen, scenario, liaison):
    liaison.reminders_enabled = False
    liaison.save()
    ReminderOptOut.objects.create(recipient_key=department_key(scenario["department"].pk))
    run_week()
    addresses = {email.to[0] for email in mail.outbox}
    assert addresses == {"xinhang@example.gov.cn", "staff@example.gov.cn", "leader@example.gov.cn"}


def test_a_liaison_may_choose_the_digest_and_a_leader_the_reminders(
    frozen, scenario, liaison, leader_user
):
    liaison.reminder_kind = "digest"
    liaison.save()
    leader_user.reminder_kind = "reminders"
    leader_user.save()
    run_week()
    kinds = {row.email: row.kind for row in _rows().values()}
    assert kinds["taozhou@example.gov.cn"] == "digest"
    assert kinds["leader@example.gov.cn"] == "reminders"
    (leader,) = [email for email in mail.outbox if email.to == ["leader@example.gov.cn"]]
    # Reminders of every unit: both townships' items.
    assert "桃州帮扶机械有限公司" in leader.body and "新杭帮扶材料有限公司" in leader.body


def test_a_week_to_come_is_refused(frozen, scenario):
    with pytest.raises(ValidationError) as error:
        run_week(week=WEEK + datetime.timedelta(days=7))
    assert error.value.code == "future_week"


def test_a_dry_run_writes_and_sends_nothing(frozen, scenario):
    result = run_week(dry_run=True)
    assert len([m for m in result.messages if m.item_count]) == 5
    assert mail.outbox == [] and not ReminderDelivery.objects.exists()
