"""Generating a bank white list: who goes on it is decided by the recognitions valid on the
list's day (an HTE certificate from its issue date for three years, a tech-SME registration
for its year only), in a fixed number of queries."""

import datetime

import pytest

from enterprises.models import WhiteListEntry
from enterprises.services_finance import white_list_generate
from tests.factories import (
    EnterpriseFactory,
    HteCertificateFactory,
    TechSmeRegistrationFactory,
)

D = datetime.date
HTE, SME = WhiteListEntry.Recognition.HTE, WhiteListEntry.Recognition.TECH_SME


def listed(white_list) -> dict:
    return {
        (entry.enterprise.name, entry.recognition): entry.number
        for entry in white_list.entries.select_related("enterprise")
    }


def test_an_hte_certificate_counts_from_its_issue_date_for_three_years(db, staff_user, taozhou):
    def holder(name, issued_on, number):
        HteCertificateFactory(
            enterprise=EnterpriseFactory(org_unit=taozhou, name=name),
            issued_on=issued_on,
            number=number,
        )

    holder("当天发证", D(2024, 6, 1), "GR202434000001")
    holder("明天发证", D(2024, 6, 2), "GR202434000002")
    holder("最后一天有效", D(2021, 6, 2), "GR202134000003")  # valid until 2024-06-01 incl.
    holder("今天刚过期", D(2021, 6, 1), "GR202134000004")  # expired on 2024-06-01
    white_list = white_list_generate(title="六月", as_of=D(2024, 6, 1), user=staff_user)
    assert listed(white_list) == {
        ("当天发证", HTE): "GR202434000001",
        ("最后一天有效", HTE): "GR202134000003",
    }
    assert white_list.created_by == staff_user


def test_the_number_is_that_of_the_certificate_valid_on_the_day(db, staff_user, taozhou):
    enterprise = EnterpriseFactory(org_unit=taozhou, name="再认定")
    HteCertificateFactory(enterprise=enterprise, issued_on=D(2021, 11, 1), number="GR202134000010")
    HteCertificateFactory(enterprise=enterprise, issued_on=D(2024, 11, 1), number="GR202434000011")
    june = white_list_generate(title="六月", as_of=D(2024, 6, 1), user=staff_user)
    december = white_list_generate(title="十二月", as_of=D(2024, 12, 1), user=staff_user)
    assert listed(june) == {("再认定", HTE): "GR202134000010"}
    assert listed(december) == {("再认定", HTE): "GR202434000011"}


def test_a_tech_sme_registration_counts_for_its_year_only(db, staff_user, taozhou):
    this_year = EnterpriseFactory(org_unit=taozhou, name="今年入库")
    last_year = EnterpriseFactory(org_unit=taozhou, name="去年入库")
    TechSmeRegistrationFactory(enterprise=this_year, year=2024, number="2024341882000001")
    TechSmeRegistrationFactory(enterprise=this_year, year=2023, number="2023341882000001")
    TechSmeRegistrationFactory(enterprise=last_year, year=2023, number="2023341882000002")
    white_list = white_list_generate(title="年初", as_of=D(2024, 1, 2), user=staff_user)
    assert listed(white_list) == {("今年入库", SME): "2024341882000001"}


def test_an_enterprise_with_both_recognitions_has_two_entries(db, staff_user, taozhou):
    enterprise = EnterpriseFactory(org_unit=taozhou, name="双认定")
    HteCertificateFactory(enterprise=enterprise, issued_on=D(2023, 3, 1), number="GR202334000001")
    TechSmeRegistrationFactory(enterprise=enterprise, year=2024, number="2024341882000009")
    white_list = white_list_generate(title="双", as_of=D(2024, 6, 1), user=staff_user)
    assert listed(white_list) == {
        ("双认定", HTE): "GR202334000001",
        ("双认定", SME): "2024341882000009",
    }


def test_later_changes_to_recognitions_leave_a_list_as_it_was_handed_over(db, staff_user, taozhou):
    certificate = HteCertificateFactory(
        enterprise=EnterpriseFactory(org_unit=taozhou), issued_on=D(2023, 3, 1)
    )
    white_list = white_list_generate(title="存档", as_of=D(2024, 6, 1), user=staff_user)
    certificate.delete()
    assert white_list.entries.count() == 1


@pytest.mark.parametrize("size", [1, 20])
def test_it_takes_a_fixed_number_of_queries(
    db, staff_user, taozhou, django_assert_num_queries, size
):
    for _ in range(size):
        enterprise = EnterpriseFactory(org_unit=taozhou)
        HteCertificateFactory(enterprise=enterprise, issued_on=D(2023, 3, 1))
        TechSmeRegistrationFactory(enterprise=enterprise, year=2024)
    # savepoint, the list, HTE holders with their numbers, tech SMEs with theirs, the bulk
    # insert of the entries, savepoint release
    with django_assert_num_queries(6):
        white_list = white_list_generate(title="批量", as_of=D(2024, 6, 1), user=staff_user)
    assert white_list.entries.count() == 2 * size
