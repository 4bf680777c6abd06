"""The outreach app's reminders: key days coming up, for every unit; societies due for
renewal, for the bureau."""

import datetime

import time_machine
from django.core import mail

from guangde_plan.reminders.service import run_week
from outreach.models import Society

# Monday 20 May 2024, 10:00 in Guangde: 全国科技工作者日 (30 May) is ten days away.
BEFORE_WORKERS_DAY = datetime.datetime(2024, 5, 20, 2, tzinfo=datetime.UTC)


def _to(address):
    (email,) = [email for email in mail.outbox if email.to == [address]]
    return email


def test_a_key_day_within_two_weeks_reaches_every_liaison(scenario):
    with time_machine.travel(BEFORE_WORKERS_DAY, tick=False):
        run_week()
    for address in ("taozhou@example.gov.cn", "xinhang@example.gov.cn"):
        email = _to(address)
        assert "/outreach/key-days/workers_day/" in email.body
        assert "science_day" not in email.body  # September is far off


def test_a_society_due_for_renewal_reaches_the_bureau(frozen, scenario):
    Society.objects.create(
        name="广德市科普作家协会",
        kind=Society.Kind.ASSOCIATION,
        chair="周会长",
        term_started_on=datetime.date(2019, 6, 20),
        term_years=5,
    )
    Society.objects.create(
        name="广德市机械工程学会",
        kind=Society.Kind.SOCIETY,
        chair="吴会长",
        term_started_on=datetime.date(2021, 1, 1),
        term_years=5,
    )
    run_week()
    digest = _to("leader@example.gov.cn").body
    assert "广德市科普作家协会" in digest  # due on 20 June 2024
    assert "广德市机械工程学会" not in digest  # not before 2026
    assert "广德市科普作家协会" not in _to("taozhou@example.gov.cn").body
