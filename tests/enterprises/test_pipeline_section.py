"""The recognitions and pipelines section of the enterprise page."""

import datetime

import pytest
from django.urls import reverse

from enterprises.models import Track
from enterprises.services import pipeline_start
from tests.factories import HteCertificateFactory, TechSmeRegistrationFactory

pytestmark = pytest.mark.time_machine(
    datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False
)


def url(enterprise):
    return reverse("enterprises:detail", args=[enterprise.pk])


def test_it_shows_certificates_registrations_and_entries(
    client, liaison, taozhou_enterprise, plan_year
):
    for issued_on in (datetime.date(2020, 1, 10), datetime.date(2021, 12, 15)):
        HteCertificateFactory(enterprise=taozhou_enterprise, issued_on=issued_on)
    HteCertificateFactory(
        enterprise=taozhou_enterprise, number="GR202434000077", issued_on=datetime.date(2024, 5, 1)
    )
    TechSmeRegistrationFactory(enterprise=taozhou_enterprise, year=2023)
    TechSmeRegistrationFactory(enterprise=taozhou_enterprise, year=2024)
    entry = pipeline_start(
        enterprise=taozhou_enterprise,
        track=Track.TECH_SME,
        plan_year=plan_year,
        on=datetime.date(2024, 3, 1),
        by=liaison,
    )
    client.force_login(liaison)
    response = client.get(url(taozhou_enterprise))
    section = response.context["pipelines_section"]
    assert [
        (row["certificate"].issued_on, row["last_valid_on"], row["status"])
        for row in section["certificates"]
    ] == [
        (datetime.date(2024, 5, 1), datetime.date(2027, 4, 30), "valid"),
        (datetime.date(2021, 12, 15), datetime.date(2024, 12, 14), "expires_this_year"),
        (datetime.date(2020, 1, 10), datetime.date(2023, 1, 9), "expired"),
    ]
    assert [registration.year for registration in section["registrations"]] == [2024, 2023]
    assert section["entries"] == [entry]
    page = response.content.decode()
    assert "GR202434000077" in page
    assert 'data-status="expires_this_year"' in page
    assert "text-bg-warning" in page
    assert reverse("enterprises:pipeline_detail", args=[entry.pk]) in page


def test_writers_get_the_buttons(client, liaison, taozhou_enterprise):
    client.force_login(liaison)
    page = client.get(url(taozhou_enterprise)).content.decode()
    for name in ("hte_certificate_create", "sme_registration_create", "pipeline_create"):
        assert reverse(f"enterprises:{name}", args=[taozhou_enterprise.pk]) in page


def test_leaders_get_no_buttons(client, leader_user, taozhou_enterprise):
    HteCertificateFactory(enterprise=taozhou_enterprise)
    client.force_login(leader_user)
    page = client.get(url(taozhou_enterprise)).content.decode()
    assert 'data-testid="recognitions"' in page
    for name in ("hte_certificate_create", "sme_registration_create", "pipeline_create"):
        assert reverse(f"enterprises:{name}", args=[taozhou_enterprise.pk]) not in page
    assert "/hte-certificates/" not in page


def test_an_enterprise_with_nothing_yet_shows_empty_lists(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    section = client.get(url(taozhou_enterprise)).context["pipelines_section"]
    assert section == {"certificates": [], "registrations": [], "entries": []}


@pytest.mark.parametrize("count", [3, 30])
def test_the_section_runs_three_queries_whatever_the_data(
    taozhou_enterprise, staff_user, plan_year, django_assert_num_queries, count
):
    from enterprises.sections_pipelines import detail_context
    from guangde_plan.models import PlanYear

    for number in range(count):
        HteCertificateFactory(
            enterprise=taozhou_enterprise, issued_on=datetime.date(2000 + number % 24, 3, 1)
        )
        TechSmeRegistrationFactory(enterprise=taozhou_enterprise, year=1990 + number)
        year = plan_year if number == 0 else PlanYear.objects.create(year=2030 + number, title="")
        pipeline_start(
            enterprise=taozhou_enterprise,
            track=Track.HTE,
            plan_year=year,
            on=datetime.date(2024, 3, 1),
            by=staff_user,
        )
    # the certificates, the registrations, the pipeline entries with their plan years
    with django_assert_num_queries(3):
        context = detail_context(enterprise=taozhou_enterprise, user=staff_user)
    assert len(context["pipelines_section"]["entries"]) == count
