"""The list of technology-finance records: scoped to the user's units, filtered, with the
totals by year and kind of the filtered records, paginated, exported."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import EnterpriseFactory

from .factories import FinanceRecordFactory, xlsx_rows

URL = reverse("enterprises:finance_list")
D = datetime.date


def banks(response):
    return [record.bank for record in response.context["page"]]


@pytest.mark.smoke
def test_liaisons_see_only_the_records_of_their_units(
    client, liaison, taozhou_enterprise, xinhang_enterprise
):
    FinanceRecordFactory(enterprise=taozhou_enterprise, bank="桃州的银行", amount=Decimal("50"))
    FinanceRecordFactory(enterprise=xinhang_enterprise, bank="新杭的银行", amount=Decimal("70"))
    client.force_login(liaison)
    response = client.get(URL)
    assert banks(response) == ["桃州的银行"]
    assert "新杭的银行" not in response.content.decode()
    # The totals too are of their units only.
    assert [row["total"] for row in response.context["totals"]["rows"]] == [Decimal("50")]


def test_the_filters_combine(client, staff_user, xinhang, taozhou_enterprise, xinhang_enterprise):
    FinanceRecordFactory(enterprise=xinhang_enterprise, bank="要的", kind="ip_pledge")
    FinanceRecordFactory(enterprise=xinhang_enterprise, kind="ip_pledge", status="refused")
    FinanceRecordFactory(enterprise=xinhang_enterprise, kind="tech_loan")
    FinanceRecordFactory(enterprise=xinhang_enterprise, kind="ip_pledge", started_on=D(2023, 5, 1))
    FinanceRecordFactory(enterprise=taozhou_enterprise, kind="ip_pledge")
    client.force_login(staff_user)
    params = {"kind": "ip_pledge", "status": "granted", "org_unit": xinhang.pk, "year": 2024}
    assert banks(client.get(URL, params)) == ["要的"]


def test_the_totals_are_per_year_and_kind_of_the_filtered_records(
    client, staff_user, taozhou_enterprise
):
    def record(kind, amount, year, status="granted"):
        FinanceRecordFactory(
            enterprise=taozhou_enterprise,
            kind=kind,
            amount=Decimal(amount),
            started_on=D(year, 3, 1),
            status=status,
        )

    record("tech_loan", "100", 2024)
    record("tech_loan", "15", 2024)
    record("equity_pledge", "30.5", 2024)
    record("tech_loan", "200", 2023)
    record("tech_loan", "999", 2024, status="refused")
    client.force_login(staff_user)
    totals = client.get(URL, {"status": "granted"}).context["totals"]
    by_year = {row["year"]: row for row in totals["rows"]}
    assert list(by_year) == [2024, 2023]
    loan, ip, equity, bank = by_year[2024]["cells"]
    assert (loan["count"], loan["total"]) == (2, Decimal("115"))
    assert (ip, bank) == (None, None)
    assert equity["total"] == Decimal("30.5")
    assert by_year[2024]["total"] == Decimal("145.5")
    assert by_year[2023]["total"] == Decimal("200")


def test_it_exports_the_filtered_rows(client, staff_user, taozhou_enterprise):
    FinanceRecordFactory(enterprise=taozhou_enterprise, bank="=HYPERLINK(1)", kind="ip_pledge")
    FinanceRecordFactory(enterprise=taozhou_enterprise, kind="tech_loan")
    client.force_login(staff_user)
    rows = xlsx_rows(client.get(URL, {"format": "xlsx", "kind": "ip_pledge"}))
    assert len(rows) == 2
    assert rows[1][0] == taozhou_enterprise.uscc
    assert rows[1][4] == "=HYPERLINK(1)"  # kept as text


@pytest.mark.parametrize("params", [{"org_unit": "abc"}, {"kind": "x"}, {"year": "abcd"}])
def test_bad_filter_values_never_give_a_500(client, staff_user, org_units, params):
    client.force_login(staff_user)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_it_paginates(client, staff_user, taozhou_enterprise):
    FinanceRecordFactory.create_batch(30, enterprise=taozhou_enterprise)
    client.force_login(staff_user)
    assert len(client.get(URL).context["page"]) == 25
    assert len(client.get(URL, {"page": 2}).context["page"]) == 5


def test_anonymous_users_are_sent_to_log_in_and_posts_are_refused(client, staff_user):
    assert client.get(URL)["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("size", [2, 30])
def test_the_query_count_does_not_grow_with_the_data(
    client, liaison, taozhou, django_assert_num_queries, size
):
    for number in range(size):
        FinanceRecordFactory(
            enterprise=EnterpriseFactory(org_unit=taozhou),
            kind=["tech_loan", "ip_pledge"][number % 2],
            started_on=D(2020 + number % 5, 1, 1),
        )
    client.force_login(liaison)
    # session, user, the liaison's units for the menu, the totals, the unit choices of the
    # filter, count, the page of records with enterprises and units
    with django_assert_num_queries(7):
        assert client.get(URL).status_code == 200
