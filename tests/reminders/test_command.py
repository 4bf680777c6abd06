"""`manage.py send_reminders`: the same run from the shell, without the broker."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from guangde_plan.models import ReminderDelivery

from .conftest import D, free_port


def _run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_it_sends_the_week_once(frozen, scenario):
    output = _run()
    assert "2024-06-10" in output
    assert len(mail.outbox) == 5
    _run("--week", "2024-06-14")
    assert len(mail.outbox) == 5
    assert ReminderDelivery.objects.filter(status="sent").count() == 5


def test_a_dry_run_prints_and_sends_nothing(frozen, scenario):
    output = _run("--dry-run")
    assert "taozhou@example.gov.cn\treminders\t5" in output
    assert "stats@example.gov.cn\treminders\t2" in output
    assert mail.outbox == [] and not ReminderDelivery.objects.exists()


def test_a_past_week_is_back_filled(frozen, scenario):
    _run("--week", "2024-06-05")
    assert set(ReminderDelivery.objects.values_list("week", flat=True)) == {D(2024, 6, 3)}
    assert len(mail.outbox) == 5


def test_a_week_to_come_exits_1(frozen, scenario):
    with pytest.raises(CommandError) as error:
        _run("--week", "2024-06-17")
    assert error.value.returncode == 1


def test_an_unreachable_mail_server_exits_1(frozen, scenario, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    with pytest.raises(CommandError) as error:
        _run()
    assert error.value.returncode == 1


@pytest.mark.django_db
def test_a_malformed_week_is_a_usage_error():
    with pytest.raises(CommandError) as error:
        _run("--week", "2024-02-30")
    assert "2024-02-30" in str(error.value)
