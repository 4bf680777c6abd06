import datetime

import pytest
from django.urls import reverse

from enterprises.models import Stage, Track
from enterprises.services import pipeline_start
from guangde_plan.models import PlanYear
from tests.factories import EnterpriseFactory, HteCertificateFactory

pytestmark = pytest.mark.time_machine(
    datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False
)
URL = reverse("enterprises:hte_expiring")


def expiring(unit, name, issued_on=datetime.date(2021, 9, 1)):
    enterprise = EnterpriseFactory(org_unit=unit, name=name)
    HteCertificateFactory(enterprise=enterprise, issued_on=issued_on)
    return enterprise


def test_it_lists_the_certificates_to_renew_with_their_pipeline_entry(
    client, staff_user, taozhou, xinhang, plan_year
):
    started = expiring(taozhou, "已纳入培育", datetime.date(2021, 12, 31))
    expiring(xinhang, "未纳入培育", datetime.date(2021, 3, 1))
    expiring(taozhou, "明年到期", datetime.date(2022, 3, 1))
    entry = pipeline_start(
        enterprise=started,
        track=Track.HTE,
        plan_year=plan_year,
        stage=Stage.CULTIVATING,
        on=datetime.date(2024, 3, 1),
        by=staff_user,
    )
    # A tech-SME entry is not the HTE entry the watch is about.
    pipeline_start(
        enterprise=EnterpriseFactory(org_unit=taozhou),
        track=Track.TECH_SME,
        plan_year=plan_year,
        on=datetime.date(2024, 3, 1),
        by=staff_user,
    )
    client.force_login(staff_user)
    response = client.get(URL)
    assert response.status_code == 200
    rows = [
        (c.enterprise.name, c.last_valid_on, c.pipeline_entry_id, c.pipeline_stage)
        for c in response.context["certificates"]
    ]
    assert rows == [
        ("未纳入培育", datetime.date(2024, 2, 29), None, None),
        ("已纳入培育", datetime.date(2024, 12, 30), entry.pk, "cultivating"),
    ]
    page = response.content.decode()
    assert "2024-02-29" in page
    assert reverse("enterprises:pipeline_detail", args=[entry.pk]) in page
    not_started = response.context["certificates"][0].enterprise_id
    start_link = reverse("enterprises:pipeline_create", args=[not_started])
    assert f"{start_link}?track=hte&amp;plan_year={plan_year.pk}" in page


def test_an_entry_of_another_plan_year_does_not_count(client, staff_user, taozhou, plan_year):
    enterprise = expiring(taozhou, "去年纳入")
    pipeline_start(
        enterprise=enterprise,
        track=Track.HTE,
        plan_year=PlanYear.objects.create(year=2023, title="2023"),
        on=datetime.date(2023, 3, 1),
        by=staff_user,
    )
    client.force_login(staff_user)
    [certificate] = client.get(URL).context["certificates"]
    assert certificate.pipeline_entry_id is None


def test_it_takes_another_plan_year(client, staff_user, taozhou, plan_year):
    PlanYear.objects.create(year=2025, title="2025")
    expiring(taozhou, "2024年到期", datetime.date(2021, 9, 1))
    expiring(taozhou, "2025年到期", datetime.date(2022, 9, 1))
    client.force_login(staff_user)
    latest = client.get(URL)
    assert [c.enterprise.name for c in latest.context["certificates"]] == ["2025年到期"]
    earlier = client.get(URL, {"year": "2024"})
    assert [c.enterprise.name for c in earlier.context["certificates"]] == ["2024年到期"]


@pytest.mark.parametrize("year", ["2019", "abc"])
def test_a_year_without_a_plan_is_404(client, staff_user, plan_year, year):
    client.force_login(staff_user)
    assert client.get(URL, {"year": year}).status_code == 404


def test_leaders_read_it_without_start_buttons(client, leader_user, taozhou, plan_year):
    expiring(taozhou, "未纳入培育")
    client.force_login(leader_user)
    response = client.get(URL)
    assert len(response.context["certificates"]) == 1
    assert 'data-testid="start-pipeline"' not in response.content.decode()


def test_liaisons_see_only_their_units(client, liaison, outsider, taozhou, xinhang, plan_year):
    expiring(taozhou, "桃州到期")
    expiring(xinhang, "新杭到期")
    client.force_login(liaison)
    assert [c.enterprise.name for c in client.get(URL).context["certificates"]] == ["桃州到期"]
    client.force_login(outsider)
    assert [c.enterprise.name for c in client.get(URL).context["certificates"]] == ["新杭到期"]


def test_anonymous_users_are_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith(reverse("login"))


def test_it_refuses_post(client, staff_user):
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_rows(
    client, liaison, staff_user, taozhou, plan_year, django_assert_num_queries, count
):
    for number in range(count):
        enterprise = expiring(taozhou, f"企业{number}")
        if number % 2:
            pipeline_start(
                enterprise=enterprise,
                track=Track.HTE,
                plan_year=plan_year,
                on=datetime.date(2024, 3, 1),
                by=staff_user,
            )
    client.force_login(liaison)
    # session, user, the plan years, the certificates with enterprise, unit and pipeline
    # entry (subqueries), the liaison's units for the menu
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert len(response.context["certificates"]) == count
