import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from enterprises.models import EvaluationRules
from enterprises.readiness import DEFAULT_RULES, DIRECT, FAIL, NO_DATA, PASS
from guangde_plan.models import PlanYear
from tests.factories import AnnualFiguresFactory, EnterpriseFactory, HteCertificateFactory

TODAY = datetime.datetime(2025, 6, 15, 12, tzinfo=datetime.UTC)
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def enterprise(taozhou):
    return EnterpriseFactory(org_unit=taozhou, registered_on=datetime.date(2021, 1, 1))


@pytest.fixture
def three_years(enterprise, plan_year):
    """2021–2023 at the factory's values: 20 % S&T staff, R&D 6 % of sales, high-tech revenue
    2/3 of sales, 1 Class I and 3 Class II IP."""
    return [AnnualFiguresFactory(enterprise=enterprise, year=year) for year in (2021, 2022, 2023)]


def url(enterprise, year):
    return reverse("enterprises:readiness", kwargs={"enterprise_id": enterprise.pk, "year": year})


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def by_code(rows):
    return {row.code: row for row in rows}


@pytest.mark.smoke
def test_it_shows_every_hte_condition_with_its_margin(client, staff_user, enterprise, three_years):
    client.force_login(staff_user)
    in_english(client)
    response = client.get(url(enterprise, 2023))
    assert response.status_code == 200
    rows = by_code(response.context["hte_rows"])
    assert list(rows) == [
        "registered",
        "tech_staff",
        "rd_ratio",
        "domestic_rd",
        "high_tech_revenue",
        "ip",
    ]
    assert {row.status for row in rows.values()} == {PASS}
    # Registered 2021-01-01; the latest date that qualifies for the 2023 figures is 2022-12-31.
    assert rows["registered"].actual == "2021-01-01"
    assert rows["registered"].margin == "registered 729 days before the cut-off"
    assert rows["tech_staff"].actual == "20.00%"
    assert rows["tech_staff"].required == "≥ 10.00%"
    assert rows["tech_staff"].margin == "+10.00 percentage points"
    assert rows["rd_ratio"].actual == "6.00%"
    assert rows["rd_ratio"].required == "≥ 5.00%"  # sales of 3,000 ≤ 5,000
    assert rows["rd_ratio"].margin == "+1.00 percentage points"
    assert rows["rd_ratio"].years_used == "2021, 2022, 2023"
    assert rows["high_tech_revenue"].margin == "+6.67 percentage points"
    assert rows["ip"].margin == "+3"
    page = response.content.decode()
    assert "Years used: 2021, 2022, 2023" in page
    assert "innovation-capability score must exceed 70" in page


def test_it_says_by_how_much_a_condition_fails(client, staff_user, enterprise, plan_year):
    AnnualFiguresFactory(enterprise=enterprise, year=2021, rd_expense=Decimal("60"))
    AnnualFiguresFactory(enterprise=enterprise, year=2022, rd_expense=Decimal("60"))
    # 9,999 of 100,000 employees: 9.999 %, short by less than the rounding shows.
    AnnualFiguresFactory(
        enterprise=enterprise,
        year=2023,
        rd_expense=Decimal("60"),
        employees=100_000,
        tech_staff=9_999,
        class1_ip_count=0,
        class2_ip_count=0,
    )
    enterprise.registered_on = datetime.date(2023, 3, 1)
    enterprise.save()
    client.force_login(staff_user)
    in_english(client)
    rows = by_code(client.get(url(enterprise, 2023)).context["hte_rows"])
    assert rows["registered"].status == FAIL
    assert rows["registered"].margin == "registered 60 days after the cut-off"
    assert rows["tech_staff"].status == FAIL
    assert rows["tech_staff"].margin == "short by less than 0.01 percentage points"
    # Registered in 2023: only 2023 counts. 60 ÷ 3,000 = 2 % against 5 %.
    assert rows["rd_ratio"].years_used == "2023"
    assert rows["rd_ratio"].margin == "short by 3.00 percentage points"
    assert rows["ip"].status == FAIL
    assert rows["ip"].margin == "short by 1"


def test_a_zero_denominator_reads_no_data(client, staff_user, enterprise, plan_year):
    AnnualFiguresFactory(
        enterprise=enterprise, year=2023, employees=0, tech_staff=0, sales_revenue=Decimal("0")
    )
    client.force_login(staff_user)
    in_english(client)
    response = client.get(url(enterprise, 2023))
    assert response.status_code == 200
    rows = by_code(response.context["hte_rows"])
    assert rows["tech_staff"].status == NO_DATA
    assert rows["tech_staff"].actual == "no data"
    assert rows["rd_ratio"].status == NO_DATA  # 2021 and 2022 missing
    assert rows["high_tech_revenue"].status == NO_DATA
    sme = response.context["sme"]
    assert sme["staff_ratio"] == "no data"
    assert sme["rd_sales_ratio"] == "no data"


def test_it_shows_the_tech_sme_score_with_the_better_rd_ratio_marked(
    client, staff_user, enterprise, three_years
):
    client.force_login(staff_user)
    response = client.get(url(enterprise, 2023))
    sme = response.context["sme"]
    evaluation = sme["evaluation"]
    # 20 % staff: 12 points; R&D 6 % of sales: 50, 7.2 % of costs: 0; 1 Class I IP: 30.
    assert (evaluation.staff_points, evaluation.rd_sales_points) == (12, 50)
    assert (evaluation.rd_costs_points, evaluation.ip_points) == (0, 30)
    assert evaluation.total == 92
    assert sme["rd_better"] == "sales"
    assert evaluation.result == PASS
    assert sme["pass_score"] == 60
    assert [row.status for row in sme["eligibility"]] == [PASS, PASS, PASS]
    assert 'data-item="rd_sales" class="table-success" data-better="true"' in (
        response.content.decode()
    )


def test_a_certificate_valid_in_the_application_year_confirms_directly(
    client, staff_user, enterprise, three_years
):
    # Issued 2021-11-30, valid until 2024-11-29: valid during 2024, not during 2025.
    HteCertificateFactory(enterprise=enterprise, issued_on=datetime.date(2021, 11, 30))
    AnnualFiguresFactory(enterprise=enterprise, year=2024)
    client.force_login(staff_user)
    response = client.get(url(enterprise, 2023))
    assert response.context["readiness"].has_valid_hte is True
    assert response.context["sme"]["evaluation"].result == DIRECT
    assert response.context["sme"]["direct_paths"]
    later = client.get(url(enterprise, 2024)).context
    assert later["readiness"].has_valid_hte is False
    assert later["sme"]["evaluation"].result == PASS


def test_it_uses_the_rules_of_the_application_year_else_the_latest(
    client, admin_user, enterprise, three_years
):
    strict = PlanYear.objects.create(year=2025, title="2025")
    EvaluationRules.objects.create(
        plan_year=strict,
        rules=replace(DEFAULT_RULES, hte_min_tech_staff_pct=Decimal("25")).to_dict(),
    )
    AnnualFiguresFactory(enterprise=enterprise, year=2024)
    AnnualFiguresFactory(enterprise=enterprise, year=2030)
    client.force_login(admin_user)

    def tech_staff(year):
        context = client.get(url(enterprise, year)).context
        return context["readiness"].plan_year.year, by_code(context["hte_rows"])["tech_staff"]

    assert tech_staff(2023)[0] == 2024
    assert tech_staff(2023)[1].status == PASS
    assert tech_staff(2024)[0] == 2025
    assert tech_staff(2024)[1].status == FAIL  # 20 % against 25 %
    assert tech_staff(2030)[0] == 2025  # no 2031 plan: the latest


def test_administrators_get_a_link_to_the_rules(
    client, admin_user, staff_user, enterprise, three_years
):
    rules_url = reverse("enterprises:rules_update", kwargs={"year": 2024})
    client.force_login(admin_user)
    assert rules_url in client.get(url(enterprise, 2023)).content.decode()
    client.force_login(staff_user)
    assert rules_url not in client.get(url(enterprise, 2023)).content.decode()


def test_a_liaison_enters_figures_and_sees_the_readiness_change(
    client, liaison, enterprise, three_years
):
    """The issue's done-when: a liaison enters a year's figures and sees the readiness move."""
    client.force_login(liaison)
    # No 2024 figures yet: nothing to judge.
    assert client.get(url(enterprise, 2024)).status_code == 404

    # Weak 2024 figures: too few S&T staff, no IP.
    weak = {
        "year": "2024",
        "sales_revenue": "3,000",
        "total_costs": "2,500",
        "total_assets": "4,000",
        "employees": "100",
        "tech_staff": "8",
        "rd_expense": "180",
        "rd_expense_domestic": "180",
        "high_tech_revenue": "2,000",
        "rd_institution_level": "none",
        "class1_ip_count": "0",
        "class2_ip_count": "0",
    }
    create = reverse("enterprises:figures_create", kwargs={"enterprise_id": enterprise.pk})
    response = client.post(create, weak, follow=True)
    assert response.redirect_chain[-1][0] == url(enterprise, 2024)
    before = by_code(response.context["hte_rows"])
    assert (before["tech_staff"].status, before["ip"].status) == (FAIL, FAIL)
    assert response.context["readiness"].hte.passed == 4
    assert response.context["sme"]["evaluation"].result == FAIL  # 8 %: zero staff points

    # The liaison corrects the figures: 25 S&T staff, one invention patent.
    figures = enterprise.figures.get(year=2024)
    edit = reverse("enterprises:figures_update", kwargs={"figures_id": figures.pk})
    response = client.post(edit, weak | {"tech_staff": "25", "class1_ip_count": "1"}, follow=True)
    after = by_code(response.context["hte_rows"])
    assert (after["tech_staff"].status, after["ip"].status) == (PASS, PASS)
    assert response.context["readiness"].hte.all_passed
    assert response.context["sme"]["evaluation"].result == PASS  # 16 + 50 + 30


def test_without_figures_for_the_year_it_answers_404_with_a_way_forward(
    client, liaison, enterprise, three_years
):
    client.force_login(liaison)
    for year in (2020, 2024, 1, 99999):
        response = client.get(url(enterprise, year))
        assert response.status_code == 404
        assert "enterprises/readiness_no_figures.html" in [t.name for t in response.templates]
    page = client.get(url(enterprise, 2024)).content.decode()
    create = reverse("enterprises:figures_create", kwargs={"enterprise_id": enterprise.pk})
    assert f"{create}?year=2024" in page


def test_leaders_may_read_it(client, leader_user, enterprise, three_years):
    client.force_login(leader_user)
    response = client.get(url(enterprise, 2023))
    assert response.status_code == 200
    assert reverse("enterprises:figures_create", args=[enterprise.pk]) not in (
        response.content.decode()
    )


def test_anonymous_users_are_sent_to_log_in(client, enterprise, three_years):
    response = client.get(url(enterprise, 2023))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_outsiders_get_404(client, outsider, enterprise, three_years):
    client.force_login(outsider)
    assert client.get(url(enterprise, 2023)).status_code == 404


def test_it_refuses_post(client, staff_user, enterprise, three_years):
    client.force_login(staff_user)
    assert client.post(url(enterprise, 2023)).status_code == 405


@pytest.mark.parametrize("count", [1, 15])
def test_the_query_count_is_constant(
    client, liaison, enterprise, three_years, django_assert_num_queries, count
):
    for year in range(2020 - count, 2020):
        AnnualFiguresFactory(enterprise=enterprise, year=year)
    for number in range(count):
        HteCertificateFactory(enterprise=enterprise, issued_on=datetime.date(2005 + number, 1, 5))
    client.force_login(liaison)
    # session, user, the enterprise with its unit (scoped), its figures of the three years,
    # its certificates, the plan year with its rules, whether it hosts an R&D institution at
    # provincial level or above (platforms: direct tech-SME confirmation), the liaison's
    # units for the menu
    with django_assert_num_queries(8):
        assert client.get(url(enterprise, 2023)).status_code == 200
