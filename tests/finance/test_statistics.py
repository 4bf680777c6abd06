"""The key-enterprise list of a year's statistical reporting: who reported and who is
missing, filled by bureau staff, marked reported by whoever may write for the enterprise."""

import datetime

import pytest
from django.urls import reverse

from enterprises.models import StatisticsReport
from tests.factories import EnterpriseFactory

from .factories import StatisticsReportFactory, xlsx_rows

D = datetime.date


def list_url(year=2024):
    return reverse("enterprises:statistics_list", kwargs={"year": year})


def add_url(year=2024):
    return reverse("enterprises:statistics_add", kwargs={"year": year})


def mark_url(report):
    return reverse("enterprises:statistics_mark_reported", kwargs={"report_id": report.pk})


def names(response):
    return [report.enterprise.name for report in response.context["page"]]


@pytest.mark.smoke
def test_the_list_counts_reported_and_missing_in_the_users_units(client, liaison, taozhou, xinhang):
    StatisticsReportFactory(
        enterprise=EnterpriseFactory(org_unit=taozhou, name="甲"), reported_on=D(2024, 2, 1)
    )
    StatisticsReportFactory(enterprise=EnterpriseFactory(org_unit=taozhou, name="乙"))
    StatisticsReportFactory(enterprise=EnterpriseFactory(org_unit=xinhang, name="新杭"))
    StatisticsReportFactory(enterprise=EnterpriseFactory(org_unit=taozhou, name="去年"), year=2023)
    client.force_login(liaison)
    response = client.get(list_url())
    assert sorted(names(response)) == ["乙", "甲"]
    assert response.context["counts"] == {"total": 2, "reported": 1, "missing": 1}
    assert response.context["years"] == [2024, 2023]
    missing = client.get(list_url(), {"reported": "false"})
    assert names(missing) == ["乙"]
    rows = xlsx_rows(client.get(list_url(), {"format": "xlsx", "reported": "true"}))
    assert [row[1] for row in rows[1:]] == ["甲"]


def test_the_index_opens_the_latest_year(client, staff_user, taozhou_enterprise):
    StatisticsReportFactory(enterprise=taozhou_enterprise, year=2023)
    client.force_login(staff_user)
    response = client.get(reverse("enterprises:statistics_index"))
    assert response["Location"] == list_url(2023)


def test_a_year_out_of_range_is_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get(list_url(1990)).status_code == 404


def test_staff_add_pasted_codes_and_every_above_size_enterprise(
    client, staff_user, taozhou, xinhang
):
    pasted = EnterpriseFactory(org_unit=taozhou, name="粘贴")
    above = EnterpriseFactory(org_unit=xinhang, name="规上", is_above_designated_size=True)
    already = EnterpriseFactory(org_unit=taozhou, is_above_designated_size=True)
    StatisticsReportFactory(enterprise=already, reported_on=D(2024, 3, 1))
    EnterpriseFactory(org_unit=taozhou, name="不加")
    client.force_login(staff_user)
    response = client.post(
        add_url(), {"codes": f"{pasted.uscc.lower()}\r\n", "all_above_designated_size": "on"}
    )
    assert response.status_code == 302
    assert set(StatisticsReport.objects.filter(year=2024).values_list("enterprise", flat=True)) == {
        pasted.pk,
        above.pk,
        already.pk,
    }
    # Already on the list: left as it was.
    assert StatisticsReport.objects.get(enterprise=already).reported_on == D(2024, 3, 1)
    assert StatisticsReport.objects.get(enterprise=pasted).history.get().history_user == staff_user


@pytest.mark.parametrize(
    ("data", "code"),
    [({"codes": ""}, "required"), ({"codes": "91341882MA2XXXXXXX"}, "unknown_enterprise")],
)
def test_bad_additions_are_refused_beside_the_field(client, staff_user, taozhou, data, code):
    EnterpriseFactory(org_unit=taozhou, is_above_designated_size=True)
    client.force_login(staff_user)
    response = client.post(add_url(), data)
    assert response.status_code == 200
    assert response.context["form"].has_error("codes", code)
    assert not StatisticsReport.objects.exists()


def test_only_bureau_staff_fill_the_key_list(client, liaison, leader_user, taozhou_enterprise):
    for user in (liaison, leader_user):
        client.force_login(user)
        response = client.post(add_url(), {"codes": taozhou_enterprise.uscc})
        assert response.status_code == 403
    assert not StatisticsReport.objects.exists()


def test_a_liaison_marks_an_enterprise_of_their_unit_reported(
    client, liaison, taozhou_enterprise, frozen_today
):
    report = StatisticsReportFactory(enterprise=taozhou_enterprise)
    client.force_login(liaison)
    response = client.post(mark_url(report), {"reported_on": "2024-06-10"})
    assert response["Location"] == list_url(2024)
    report.refresh_from_db()
    assert report.reported_on == D(2024, 6, 10)


@pytest.mark.parametrize(
    ("value", "code"),
    [("", "required"), ("2024-06-16", "future_date"), ("yesterday", "invalid")],
)
def test_a_bad_date_is_shown_beside_the_field(
    client, staff_user, taozhou_enterprise, frozen_today, value, code
):
    report = StatisticsReportFactory(enterprise=taozhou_enterprise)
    client.force_login(staff_user)
    response = client.post(mark_url(report), {"reported_on": value})
    assert response.status_code == 200
    assert response.context["form"].has_error("reported_on", code)
    report.refresh_from_db()
    assert report.reported_on is None


def test_outsiders_get_404_and_leaders_403(client, outsider, leader_user, taozhou_enterprise):
    report = StatisticsReportFactory(enterprise=taozhou_enterprise)
    client.force_login(outsider)
    assert client.post(mark_url(report), {"reported_on": "2024-01-02"}).status_code == 404
    client.force_login(leader_user)
    assert client.post(mark_url(report), {"reported_on": "2024-01-02"}).status_code == 403
    report.refresh_from_db()
    assert report.reported_on is None


def test_anonymous_and_wrong_methods(client, staff_user, taozhou_enterprise):
    assert client.get(list_url())["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.post(list_url()).status_code == 405
    report = StatisticsReportFactory(enterprise=taozhou_enterprise)
    assert client.put(mark_url(report)).status_code == 405


@pytest.mark.parametrize("size", [2, 30])
def test_the_query_count_does_not_grow_with_the_data(
    client, liaison, taozhou, django_assert_num_queries, size
):
    for number in range(size):
        StatisticsReportFactory(
            enterprise=EnterpriseFactory(org_unit=taozhou),
            year=2024 - number % 3,
            reported_on=D(2024, 3, 1) if number % 2 else None,
        )
    client.force_login(liaison)
    # session, user, the liaison's units for the menu, the years, the counts, the unit
    # choices of the filter, count, the page of reports with enterprises and units
    with django_assert_num_queries(8):
        assert client.get(list_url()).status_code == 200
