"""The counting rules of enterprises/recognitions.py: the figures every page reports."""

import datetime

import pytest

from enterprises.recognitions import (
    hte_expiring_in,
    hte_holders_on,
    hte_total,
    tech_sme_registered,
    tech_sme_total,
)
from tests.factories import EnterpriseFactory, HteCertificateFactory, TechSmeRegistrationFactory

D = datetime.date


@pytest.fixture
def enterprise(taozhou):
    return EnterpriseFactory(org_unit=taozhou)


def test_it_counts_a_certificate_for_three_years_less_a_day(enterprise):
    HteCertificateFactory(enterprise=enterprise, issued_on=D(2021, 12, 15))
    assert hte_total(day=D(2024, 12, 14)) == 1
    assert hte_total(day=D(2024, 12, 15)) == 0


def test_it_does_not_count_a_certificate_before_its_issue_date(enterprise):
    HteCertificateFactory(enterprise=enterprise, issued_on=D(2021, 12, 15))
    assert hte_total(day=D(2021, 12, 14)) == 0
    assert hte_total(day=D(2021, 12, 15)) == 1


def test_it_counts_an_enterprise_with_overlapping_certificates_once(enterprise, taozhou):
    HteCertificateFactory(enterprise=enterprise, issued_on=D(2021, 12, 15))
    HteCertificateFactory(enterprise=enterprise, issued_on=D(2023, 11, 30))
    HteCertificateFactory(enterprise=EnterpriseFactory(org_unit=taozhou), issued_on=D(2023, 1, 5))
    assert hte_total(day=D(2024, 6, 1)) == 2
    assert list(hte_holders_on(day=D(2024, 6, 1)).filter(pk=enterprise.pk)) == [enterprise]


def test_a_29_february_certificate_ends_on_27_february(enterprise):
    # Three years on there is no 29 February: it runs until 28 February (exclusive), as
    # PostgreSQL's `+ interval '3 years'` would say.
    certificate = HteCertificateFactory(enterprise=enterprise, issued_on=D(2020, 2, 29))
    assert certificate.expires_on == D(2023, 2, 28)
    assert hte_total(day=D(2023, 2, 27)) == 1
    assert hte_total(day=D(2023, 2, 28)) == 0


def test_tech_sme_total_counts_the_year_asked_for_only(enterprise, taozhou):
    TechSmeRegistrationFactory(enterprise=enterprise, year=2023, number="2023341882000001")
    TechSmeRegistrationFactory(enterprise=enterprise, year=2024, number="2024341882000001")
    TechSmeRegistrationFactory(
        enterprise=EnterpriseFactory(org_unit=taozhou), year=2025, number="2025341882000001"
    )
    assert tech_sme_total(year=2023) == 1
    assert tech_sme_total(year=2024) == 1
    assert tech_sme_total(year=2025) == 1
    assert tech_sme_total(year=2022) == 0
    assert list(tech_sme_registered(year=2024)) == [enterprise]


def test_the_counts_are_scoped_to_the_users_units(
    staff_user, liaison, outsider, taozhou, xinhang, leader_user
):
    for unit in (taozhou, taozhou, xinhang):
        certified = EnterpriseFactory(org_unit=unit)
        HteCertificateFactory(enterprise=certified, issued_on=D(2023, 3, 1))
        TechSmeRegistrationFactory(enterprise=certified, year=2024)
    day = D(2024, 6, 1)
    assert hte_total(day=day, user=liaison) == 2
    assert hte_total(day=day, user=outsider) == 1
    assert hte_total(day=day, user=staff_user) == 3
    assert hte_total(day=day, user=leader_user) == 3
    assert tech_sme_total(year=2024, user=liaison) == 2
    assert tech_sme_total(year=2024, user=outsider) == 1
    assert {e.org_unit for e in hte_holders_on(day=day, user=liaison)} == {taozhou}


def test_hte_expiring_in_takes_last_valid_days_from_1_january_to_31_december(staff_user, taozhou):
    def certificate(issued_on):
        return HteCertificateFactory(
            enterprise=EnterpriseFactory(org_unit=taozhou), issued_on=issued_on
        )

    last_day_31_december = certificate(D(2022, 1, 1))  # expires_on 2025-01-01
    last_day_1_january = certificate(D(2021, 1, 2))  # expires_on 2024-01-02
    certificate(D(2021, 1, 1))  # last valid day 2023-12-31: last year's problem
    certificate(D(2022, 1, 2))  # last valid day 2025-01-01: next year's
    expiring = list(hte_expiring_in(year=2024, user=staff_user))
    assert expiring == [last_day_1_january, last_day_31_december]


def test_hte_expiring_in_leaves_out_a_certificate_superseded_by_a_newer_one(
    staff_user, enterprise, taozhou
):
    HteCertificateFactory(enterprise=enterprise, issued_on=D(2021, 10, 1))
    HteCertificateFactory(enterprise=enterprise, issued_on=D(2024, 3, 1))  # applied again
    alone = HteCertificateFactory(
        enterprise=EnterpriseFactory(org_unit=taozhou), issued_on=D(2021, 10, 1)
    )
    assert list(hte_expiring_in(year=2024, user=staff_user)) == [alone]


def test_hte_expiring_in_is_scoped_to_the_users_units(liaison, outsider, taozhou, xinhang):
    mine = HteCertificateFactory(
        enterprise=EnterpriseFactory(org_unit=taozhou), issued_on=D(2021, 10, 1)
    )
    theirs = HteCertificateFactory(
        enterprise=EnterpriseFactory(org_unit=xinhang), issued_on=D(2021, 10, 1)
    )
    assert list(hte_expiring_in(year=2024, user=liaison)) == [mine]
    assert list(hte_expiring_in(year=2024, user=outsider)) == [theirs]
