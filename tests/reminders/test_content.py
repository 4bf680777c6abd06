"""What each persona's email says in a frozen week: the liaison's units only, the bureau's
digest, the responsible unit's own notices; in the recipient's language, with absolute links."""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from guangde_plan.models import ProgressSnapshot, Target
from guangde_plan.reminders.build import build_messages, run_context
from guangde_plan.reminders.recipients import recipients_all
from guangde_plan.reminders.render import render_email
from guangde_plan.reminders.service import run_week

from .conftest import WEEK

TODAY = WEEK.replace(day=12)


def _messages(today):
    recipients = recipients_all()
    messages = build_messages(recipients=recipients, context=run_context(week=WEEK, today=today))
    return {message.recipient.email: message for message in messages}


def _sent_to(address):
    (email,) = [email for email in mail.outbox if email.to == [address]]
    return email, email.body, email.alternatives[0][0]


@pytest.fixture
def week_sent(frozen, scenario):
    result = run_week()
    assert result.week == WEEK
    return result


def test_the_liaison_gets_each_reminder_of_their_unit(week_sent):
    _email, text, html = _sent_to("taozhou@example.gov.cn")
    for name in ("桃州缺数据科技有限公司", "桃州帮扶机械有限公司", "桃州培育电子有限公司"):
        assert name in text and name in html
    assert "桃州到期新材料有限公司" in text  # certificate ends 2024-10-14, no application
    assert "用地指标不足" in text
    # Each item links, absolutely, to the page where it is done.
    assert "http://testserver/enterprises/" in text
    assert "/figures/new/" in html and "/help-items/" in html and "/pipelines/" in html
    assert "/pipelines/new/?track=hte&amp;plan_year=" in html
    assert "桃州镇" in html  # the unit's heading
    # Its quota of 20 high-tech enterprises, none yet: behind the line.
    hte = Target.objects.get(plan_year__year=2024, code="hte_total")
    line = next(line for line in text.splitlines() if line.startswith(f"- {hte.name}"))
    assert "0" in line and "20" in line


def test_the_liaison_sees_nothing_of_another_unit(week_sent):
    _email, text, html = _sent_to("taozhou@example.gov.cn")
    assert "新杭" not in text and "新杭" not in html
    _email, text, _html = _sent_to("xinhang@example.gov.cn")
    assert "新杭帮扶材料有限公司" in text
    assert "桃州" not in text


def test_item_counts_are_what_needs_doing(frozen, scenario):
    messages = _messages(TODAY)
    liaison = messages["taozhou@example.gov.cn"]
    # figures missing, help item, stale entry, expiring certificate, quota behind
    assert liaison.item_count == 5
    assert messages["xinhang@example.gov.cn"].item_count == 1
    assert messages["stats@example.gov.cn"].item_count == 2


def test_a_leader_gets_the_digest(week_sent):
    email, text, html = _sent_to("leader@example.gov.cn")
    with translation.override("zh-hans"):
        assert translation.gettext("Weekly digest") in html
    for target in Target.objects.filter(plan_year__year=2024):
        assert target.name in text
    # Units behind their quotas: 桃州镇 has 0 of 20 high-tech enterprises.
    assert "桃州镇" in text
    # The bureau also sees the notices unanswered past their date, with the unit.
    assert "市统计局: 报送研发投入数据" in text
    assert "2024-06-10" in email.subject


def test_the_digest_shows_the_change_since_last_weeks_snapshot(frozen, scenario, plan_year):
    target = Target.objects.get(plan_year=plan_year, code="hte_total")
    ProgressSnapshot.objects.create(
        target=target, week=WEEK.replace(day=3), taken_on=WEEK.replace(day=3), actual=3, status=""
    )
    digest = _messages(TODAY)["leader@example.gov.cn"].digest
    row = next(row for row in digest.digest.targets if row.progress.target == target)
    assert row.last_week == 3 and row.change == row.progress.actual - 3


def test_a_responsible_unit_gets_its_own_notices(week_sent):
    _email, text, html = _sent_to("stats@example.gov.cn")
    assert "报送研发投入数据" in text and "2024-001" in text
    assert "报送高新产值数据" in text  # due on 20 June, within two weeks
    assert "/city/notices/" in html
    # No account, hence no preferences link; the unsubscribe link is there.
    assert "/reminders/preferences/" not in html
    assert "/reminders/unsubscribe/department:" in html


def test_every_email_carries_the_unsubscribe_headers(week_sent):
    for email in mail.outbox:
        assert email.extra_headers["List-Unsubscribe"].startswith(
            "<http://testserver/reminders/unsubscribe/"
        )
        assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_emails_are_in_the_recipients_language(frozen, scenario, liaison):
    liaison.language = "en"
    liaison.save()
    english = render_email(_messages(TODAY)["taozhou@example.gov.cn"])
    assert "things to do this week" in english.subject
    assert '<html lang="en">' in english.alternatives[0][0]
    assert "No figures for 2023 yet" in english.body
    with translation.override("zh-hans"):
        expected = translation.gettext("Help items past their due date")
    chinese = render_email(_messages(TODAY)["xinhang@example.gov.cn"])
    assert '<html lang="zh-hans">' in chinese.alternatives[0][0]
    assert chinese.extra_headers["Content-Language"] == "zh-hans"
    assert expected in chinese.body  # the catalogue's wording, whichever it is now


def test_the_emails_speak_of_this_years_plan_or_the_latest_before_it(plan_year):
    from guangde_plan.models import PlanYear

    later = datetime.date(2026, 11, 25)
    # No plan entered for 2026 yet: the 2024 plan, as on the dashboard.
    assert run_context(week=later, today=later).plan_year == plan_year
    this_year = PlanYear.objects.create(year=2026, title="2026")
    PlanYear.objects.create(year=2027, title="2027")  # entered ahead: not yet
    assert run_context(week=later, today=later).plan_year == this_year
