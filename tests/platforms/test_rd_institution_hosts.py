"""An R&D-institution platform and its host enterprise: at provincial level or above it
confirms the host as a tech SME directly (国科火字〔2022〕67号); at any level it takes the
host off the 三个清零 "no R&D institution" list (enterprises/rd.py)."""

from decimal import Decimal

import pytest

from enterprises.rd import RD_INSTITUTION, three_zero_lists_city
from enterprises.readiness import DEFAULT_RULES, DIRECT, PROVINCIAL_RD_INSTITUTION
from enterprises.selectors_figures import candidates_for, enterprise_readiness
from platforms.models import Level
from platforms.services import platform_close
from tests.factories import AnnualFiguresFactory, EnterpriseFactory

from .factories import D, PlatformFactory, grant, kind


@pytest.fixture
def enterprise(taozhou):
    """A small enterprise with a low tech-SME score (5 % staff): only a direct path lets it
    through."""
    enterprise = EnterpriseFactory(org_unit=taozhou, registered_on=D(2015, 1, 1))
    AnnualFiguresFactory(
        enterprise=enterprise, year=2023, tech_staff=5, rd_institution_level="none"
    )
    return enterprise


def host(enterprise, kind_code="rd_centre"):
    return PlatformFactory(
        kind=kind(kind_code),
        host_enterprise=enterprise,
        host_organisation="",
        org_unit=enterprise.org_unit,
    )


def sme(enterprise):
    return enterprise_readiness(enterprise=enterprise, figures_year=2023).sme


def test_a_provincial_rd_centre_confirms_its_host_directly(enterprise, staff_user):
    platform = host(enterprise)
    assert sme(enterprise).result != DIRECT
    grant(platform, Level.MUNICIPAL, D(2022, 5, 1), by=staff_user)
    assert sme(enterprise).result != DIRECT
    grant(platform, Level.PROVINCIAL, D(2024, 5, 1), by=staff_user)
    evaluation = sme(enterprise)
    assert evaluation.result == DIRECT
    assert evaluation.direct_confirmation == (PROVINCIAL_RD_INSTITUTION,)


def test_a_national_one_too(enterprise, staff_user):
    grant(host(enterprise), Level.NATIONAL, D(2024, 5, 1), by=staff_user)
    assert sme(enterprise).result == DIRECT


def test_a_closed_one_does_not(enterprise, staff_user):
    platform = host(enterprise)
    grant(platform, Level.PROVINCIAL, D(2023, 5, 1), by=staff_user)
    platform_close(platform=platform, on=D(2024, 5, 1), reason="企业注销研发中心")
    assert sme(enterprise).result != DIRECT


def test_a_provincial_incubator_is_no_rd_institution(enterprise, staff_user):
    grant(host(enterprise, "incubator"), Level.PROVINCIAL, D(2024, 5, 1), by=staff_user)
    assert sme(enterprise).result != DIRECT


def test_the_tech_sme_candidates_rank_the_host_first(enterprise, staff_user, plan_year, taozhou):
    other = EnterpriseFactory(org_unit=taozhou, name="AAA 普通企业")
    AnnualFiguresFactory(enterprise=other, year=2023)
    grant(host(enterprise), Level.PROVINCIAL, D(2024, 5, 1), by=staff_user)
    rows = candidates_for(user=staff_user, track="tech_sme", plan_year=plan_year)
    assert [row.enterprise for row in rows[:2]] == [enterprise, other]
    assert rows[0].sme.result == DIRECT
    assert rows[0].sme.direct_confirmation == (PROVINCIAL_RD_INSTITUTION,)


@pytest.fixture
def big(taozhou):
    """规上, sales of 60,000 万, no R&D institution in its 2024 figures: on the list."""
    enterprise = EnterpriseFactory(org_unit=taozhou, is_above_designated_size=True)
    AnnualFiguresFactory(
        enterprise=enterprise,
        year=2024,
        sales_revenue=Decimal(60000),
        rd_institution_level="none",
    )
    return enterprise


def listed(year=2024):
    lists = three_zero_lists_city(year=year, rules=DEFAULT_RULES)
    return {row.enterprise_id for row in lists[RD_INSTITUTION].listed}


def test_hosting_a_recognised_rd_platform_takes_it_off_the_list(big, staff_user):
    platform = host(big)
    assert big.pk in listed()  # recorded, but without a level yet
    grant(platform, Level.MUNICIPAL, D(2024, 3, 1), by=staff_user)
    assert big.pk not in listed()


def test_a_closed_or_non_rd_platform_leaves_it_on_the_list(big, staff_user):
    closed = host(big)
    grant(closed, Level.PROVINCIAL, D(2023, 3, 1), by=staff_user)
    platform_close(platform=closed, on=D(2024, 1, 31), reason="撤销")
    grant(host(big, "maker_space"), Level.NATIONAL, D(2024, 3, 1), by=staff_user)
    assert big.pk in listed()
