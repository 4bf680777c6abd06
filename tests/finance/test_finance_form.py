"""Recording and editing a loan, a pledge or tech-bank business of an enterprise."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from enterprises.models import FinanceRecord

from .factories import FinanceRecordFactory


def create_url(enterprise):
    return reverse("enterprises:finance_create", kwargs={"enterprise_id": enterprise.pk})


def update_url(record):
    return reverse("enterprises:finance_update", kwargs={"finance_id": record.pk})


def form_data(**overrides):
    data = {
        "kind": "tech_loan",
        "bank": "徽商银行  广德支行",
        "amount": "1,234.5",
        "status": "granted",
        "started_on": "2024-03-01",
        "ended_on": "2025-02-28",
        "note": "",
    }
    data.update(overrides)
    return data


@pytest.mark.smoke
def test_a_liaison_records_a_loan(client, liaison, taozhou_enterprise, frozen_today):
    client.force_login(liaison)
    assert client.get(create_url(taozhou_enterprise)).context["form"].initial["started_on"] == (
        frozen_today
    )
    response = client.post(create_url(taozhou_enterprise), form_data())
    assert response.status_code == 302
    assert response["Location"] == taozhou_enterprise.get_absolute_url() + "#finance"
    record = FinanceRecord.objects.get()
    assert record.enterprise == taozhou_enterprise
    assert record.amount == Decimal("1234.5")
    assert record.bank == "徽商银行 广德支行"
    assert record.ended_on == datetime.date(2025, 2, 28)
    assert record.history.get().history_user == liaison


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"ended_on": "2024-02-29"}, "ended_on", "end_before_start"),
        ({"amount": "-1"}, "amount", "min_value"),
        ({"amount": "12abc"}, "amount", "invalid"),
        ({"amount": ""}, "amount", "required"),
        ({"started_on": "2024-06-16"}, "started_on", "future_date"),
        ({"started_on": "2024-02-30"}, "started_on", "invalid"),
        ({"kind": "gift"}, "kind", "invalid_choice"),
        ({"bank": ""}, "bank", "required"),
    ],
)
def test_each_rule_is_reported_beside_its_field_and_nothing_is_saved(
    client, staff_user, taozhou_enterprise, frozen_today, overrides, field, code
):
    client.force_login(staff_user)
    response = client.post(create_url(taozhou_enterprise), form_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert "invalid-feedback" in response.content.decode()
    assert not FinanceRecord.objects.exists()


def test_staff_edit_a_record_and_see_its_history(client, staff_user, taozhou_enterprise):
    record = FinanceRecordFactory(enterprise=taozhou_enterprise)
    client.force_login(staff_user)
    response = client.post(update_url(record), form_data(status="repaid"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == FinanceRecord.Status.REPAID
    assert client.get(update_url(record)).context["history"]


def test_an_end_before_the_start_is_refused_on_edit_too(client, staff_user, taozhou_enterprise):
    record = FinanceRecordFactory(enterprise=taozhou_enterprise)
    client.force_login(staff_user)
    response = client.post(update_url(record), form_data(ended_on="2024-01-01"))
    assert response.context["form"].has_error("ended_on", "end_before_start")
    record.refresh_from_db()
    assert record.ended_on is None


def test_outsiders_get_404(client, outsider, taozhou_enterprise):
    record = FinanceRecordFactory(enterprise=taozhou_enterprise)
    client.force_login(outsider)
    assert client.get(create_url(taozhou_enterprise)).status_code == 404
    assert client.post(create_url(taozhou_enterprise), form_data()).status_code == 404
    assert client.post(update_url(record), form_data(status="refused")).status_code == 404
    record.refresh_from_db()
    assert record.status == FinanceRecord.Status.GRANTED
    assert FinanceRecord.objects.count() == 1


def test_leaders_get_403(client, leader_user, taozhou_enterprise):
    record = FinanceRecordFactory(enterprise=taozhou_enterprise)
    client.force_login(leader_user)
    assert client.get(create_url(taozhou_enterprise)).status_code == 403
    assert client.get(update_url(record)).status_code == 403
    assert client.post(create_url(taozhou_enterprise), form_data()).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client, taozhou_enterprise):
    response = client.post(create_url(taozhou_enterprise), form_data())
    assert response["Location"].startswith(reverse("login"))
    assert not FinanceRecord.objects.exists()


def test_it_refuses_other_methods(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    assert client.put(create_url(taozhou_enterprise)).status_code == 405


@pytest.mark.parametrize("size", [1, 15])
def test_the_edit_page_query_count_is_constant(
    client, liaison, taozhou_enterprise, django_assert_num_queries, size
):
    record = FinanceRecordFactory(enterprise=taozhou_enterprise)
    for number in range(size):
        record.note = f"第 {number} 次"
        record.save()
    client.force_login(liaison)
    # session, user, the record with its enterprise and unit, its history with users, the
    # liaison's units for the menu
    with django_assert_num_queries(5):
        assert client.get(update_url(record)).status_code == 200
