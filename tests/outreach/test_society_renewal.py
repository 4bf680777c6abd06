"""When a society's next renewal (换届) falls due, and when it is overdue (models/societies.py
and the list's renewal filter), with time frozen."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from outreach.models import Society
from outreach.models.societies import RENEWAL_NOTICE_DAYS, RenewalStatus

from .factories import SocietyFactory

D = datetime.date


def test_the_renewal_falls_due_term_years_after_the_term_began(db):
    society = SocietyFactory(term_started_on=D(2021, 6, 1), term_years=5)
    assert society.renewal_due_on == D(2026, 6, 1)
    society.term_started_on, society.term_years = D(2024, 2, 29), 4
    society.save()
    society.refresh_from_db()
    assert society.renewal_due_on == D(2028, 2, 29)
    society.term_years = 3
    society.save()
    assert society.renewal_due_on == D(2027, 2, 28)  # no 29 February in 2027


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (D(2025, 12, 2), RenewalStatus.IN_TERM),  # 181 days before
        (D(2025, 12, 3), RenewalStatus.DUE),  # RENEWAL_NOTICE_DAYS before
        (D(2026, 6, 1), RenewalStatus.DUE),  # the day itself
        (D(2026, 6, 2), RenewalStatus.OVERDUE),
    ],
)
def test_due_then_overdue(db, today, status):
    society = SocietyFactory(term_started_on=D(2021, 6, 1), term_years=5)
    assert (society.renewal_due_on - D(2025, 12, 3)).days == RENEWAL_NOTICE_DAYS
    assert society.renewal_status(today) == status


@time_machine.travel(datetime.datetime(2026, 6, 2, 9, tzinfo=datetime.UTC), tick=False)
def test_the_list_filter_and_badges_follow_the_clock(client, staff_user, org_units):
    SocietyFactory(name="逾期学会", term_started_on=D(2021, 6, 1))  # due 2026-06-01
    SocietyFactory(name="将到期学会", term_started_on=D(2021, 9, 1))  # due 2026-09-01
    SocietyFactory(name="任期内学会", term_started_on=D(2024, 1, 1))  # due 2029
    client.force_login(staff_user)
    url = reverse("outreach:society_list")

    def names(**params):
        return [society.name for society in client.get(url, params).context["page"]]

    assert names(renewal="overdue") == ["逾期学会"]
    assert names(renewal="due") == ["将到期学会"]
    assert names(renewal="in_term") == ["任期内学会"]
    page = client.get(url).content.decode()
    assert page.count('data-renewal="overdue"') == 1
    assert page.count('class="table-danger"') == 1
    with time_machine.travel(datetime.datetime(2026, 5, 31, 9, tzinfo=datetime.UTC), tick=False):
        assert names(renewal="overdue") == []
        assert names(renewal="due") == ["将到期学会", "逾期学会"]


@time_machine.travel(datetime.datetime(2026, 6, 2, 9, tzinfo=datetime.UTC), tick=False)
def test_a_renewal_recorded_moves_the_due_date(client, staff_user, org_units):
    society = SocietyFactory(term_started_on=D(2021, 6, 1))
    client.force_login(staff_user)
    data = {
        "name": society.name,
        "kind": "society",
        "supervisor": "",
        "member_count": "80",
        "chair": "新会长",
        "secretary_general": "",
        "term_started_on": "2026-06-01",
        "term_years": "5",
        "charter": "",
        "is_active": "on",
        "note": "",
    }
    response = client.post(
        reverse("outreach:society_update", kwargs={"society_id": society.pk}), data
    )
    assert response.status_code == 302
    society.refresh_from_db()
    assert society.renewal_due_on == D(2031, 6, 1)
    assert society.renewal_status(D(2026, 6, 2)) == RenewalStatus.IN_TERM
    assert society.history.first().chair == "新会长"
    assert Society.objects.count() == 1
