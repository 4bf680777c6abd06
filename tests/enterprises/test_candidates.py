import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from enterprises.readiness import DIRECT, FAIL, NO_DATA, PASS
from guangde_plan.models import PlanYear
from tests.factories import (
    AnnualFiguresFactory,
    EnterpriseFactory,
    HteCertificateFactory,
    TechSmeRegistrationFactory,
)

TODAY = datetime.datetime(2024, 9, 1, 12, tzinfo=datetime.UTC)
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def url(track, **params):
    base = reverse("enterprises:candidates", kwargs={"track": track})
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{base}?{query}" if query else base


def candidate(name, unit, years=(2021, 2022, 2023), **latest):
    """An enterprise registered in 2015 with the factory's figures for `years`; `latest`
    overrides the 2023 ones."""
    enterprise = EnterpriseFactory(
        name=name, org_unit=unit, registered_on=datetime.date(2015, 1, 1)
    )
    for year in years:
        AnnualFiguresFactory(enterprise=enterprise, year=year, **(latest if year == 2023 else {}))
    return enterprise


def names(response):
    return [row.enterprise.name for row in response.context["page"]]


@pytest.mark.smoke
def test_hte_candidates_are_ranked_by_conditions_met_then_fewest_without_data(
    client, staff_user, plan_year, taozhou, xinhang
):
    candidate("D four", taozhou, class1_ip_count=0, class2_ip_count=0, tech_staff=5)
    candidate("C five, one without data", taozhou, class1_ip_count=None, class2_ip_count=None)
    candidate("B five, one failed", taozhou, class1_ip_count=0, class2_ip_count=0)
    candidate("A ready", xinhang)
    candidate("E no figures for 2023", taozhou, years=(2021, 2022))
    EnterpriseFactory(name="F no figures at all", org_unit=taozhou)
    # Holds a certificate valid on 31 December 2024: recognised, not a candidate.
    holder = candidate("G holder", taozhou)
    HteCertificateFactory(enterprise=holder, issued_on=datetime.date(2022, 12, 1))
    # Its certificate runs out during 2024: a candidate again.
    expiring = candidate("H expiring", taozhou)
    HteCertificateFactory(enterprise=expiring, issued_on=datetime.date(2021, 6, 1))

    client.force_login(staff_user)
    response = client.get(url("hte"))
    assert response.status_code == 200
    assert names(response) == [
        "A ready",
        "H expiring",
        "B five, one failed",
        "C five, one without data",
        "D four",
        "E no figures for 2023",
        "F no figures at all",
    ]
    rows = list(response.context["page"])
    assert [row.rank for row in rows] == [1, 2, 3, 4, 5, None, None]
    assert [row.hte.passed for row in rows[:5]] == [6, 6, 5, 5, 4]
    assert [c.code for c in rows[2].hte_failing] == ["ip"]
    assert [c.code for c in rows[3].hte_without_data] == ["ip"]
    assert [c.code for c in rows[4].hte_failing] == ["tech_staff", "ip"]
    page = response.content.decode()
    readiness = reverse("enterprises:readiness", kwargs={"enterprise_id": holder.pk, "year": 2023})
    assert readiness not in page
    assert reverse("enterprises:readiness", args=[expiring.pk, 2023]) in page


def test_tech_sme_candidates_rank_direct_then_pass_then_points(
    client, staff_user, plan_year, taozhou
):
    # 20 % staff: 12; R&D 6 % of sales: 50; IP 30 → 92, a pass.
    candidate("A pass 92", taozhou)
    # No IP: 12 + 50 = 62, still a pass.
    candidate("B pass 62", taozhou, class1_ip_count=0, class2_ip_count=0)
    # 5 % staff: a zero staff score fails whatever the total (80).
    candidate("C fail 80", taozhou, tech_staff=5)
    # R&D 1 % of sales, no IP: 12 points.
    candidate(
        "D fail 12",
        taozhou,
        rd_expense=Decimal("30"),
        rd_expense_domestic=Decimal("30"),
        class1_ip_count=0,
        class2_ip_count=0,
    )
    # 600 employees: not eligible at all, whatever its points.
    candidate("E too large", taozhou, employees=600, tech_staff=120)
    # A certificate valid during 2024 (until 2024-03-31): confirmed directly.
    direct = candidate("Z direct", taozhou, tech_staff=1)
    HteCertificateFactory(enterprise=direct, issued_on=datetime.date(2021, 4, 1))
    registered = candidate("Y registered", taozhou)
    TechSmeRegistrationFactory(enterprise=registered, year=2024)
    candidate("X no figures", taozhou, years=())
    # A registration of another year does not count for 2024.
    earlier = candidate("W registered in 2023", taozhou)
    TechSmeRegistrationFactory(enterprise=earlier, year=2023)

    client.force_login(staff_user)
    response = client.get(url("tech_sme"))
    assert names(response) == [
        "Z direct",
        "A pass 92",
        "W registered in 2023",
        "B pass 62",
        "C fail 80",
        "D fail 12",
        "E too large",
        "X no figures",
    ]
    results = [row.sme.result for row in response.context["page"] if row.sme]
    assert results == [DIRECT, PASS, PASS, PASS, FAIL, FAIL, FAIL]
    assert [row.sme.total for row in response.context["page"] if row.sme][:2] == [80, 92]


def test_missing_parts_rank_by_the_points_known(client, staff_user, plan_year, taozhou):
    candidate("A partial", taozhou, class1_ip_count=None, class2_ip_count=None)
    candidate("B fail", taozhou, tech_staff=5, rd_expense=Decimal("1"), rd_expense_domestic=None)
    client.force_login(staff_user)
    rows = list(client.get(url("tech_sme")).context["page"])
    assert [row.sme.result for row in rows] == [PASS, FAIL]  # 12 + 50 without IP passes
    rows = list(client.get(url("hte")).context["page"])
    assert rows[0].hte.by_code["ip"].status == NO_DATA


def test_liaisons_see_their_units_only_and_cannot_widen_them(
    client, liaison, plan_year, taozhou, xinhang
):
    candidate("桃州", taozhou)
    candidate("新杭", xinhang)
    client.force_login(liaison)
    assert names(client.get(url("hte"))) == ["桃州"]
    response = client.get(url("hte", org_unit=xinhang.pk))
    assert names(response) == ["桃州"]
    assert response.context["form"].has_error("org_unit", "invalid_choice")


def test_staff_filter_by_unit(client, staff_user, plan_year, taozhou, xinhang):
    candidate("桃州", taozhou)
    candidate("新杭", xinhang)
    client.force_login(staff_user)
    assert names(client.get(url("hte", org_unit=xinhang.pk))) == ["新杭"]
    assert len(names(client.get(url("hte")))) == 2


def test_the_year_picks_the_plan_year_and_its_figures(client, staff_user, plan_year, taozhou):
    PlanYear.objects.create(year=2025, title="2025")
    candidate("Only 2023 figures", taozhou)
    client.force_login(staff_user)
    latest = client.get(url("hte"))  # 2025 by default: judged on 2024 figures
    assert latest.context["plan_year"].year == 2025
    assert [row.rank for row in latest.context["page"]] == [None]
    chosen = client.get(url("hte", year=2024))
    assert chosen.context["figures_year"] == 2023
    assert [row.rank for row in chosen.context["page"]] == [1]


@pytest.mark.parametrize("params", [{"year": "2019"}, {"year": "abc"}, {"year": "2024.0"}])
def test_an_unknown_plan_year_is_404(client, staff_user, plan_year, params):
    client.force_login(staff_user)
    assert client.get(url("hte", **params)).status_code == 404


def test_an_unknown_track_is_404(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.get(url("platform")).status_code == 404


def test_it_paginates_the_ranked_list(client, staff_user, plan_year, taozhou):
    for number in range(30):
        candidate(f"Candidate {number:02d}", taozhou)
    client.force_login(staff_user)
    second = client.get(url("hte", page=2))
    assert [row.rank for row in second.context["page"]] == [26, 27, 28, 29, 30]
    assert second.context["page"].paginator.count == 30


def test_anonymous_users_are_sent_to_log_in(client, plan_year):
    response = client.get(url("hte"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_refuses_post(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.post(url("hte")).status_code == 405


@pytest.mark.parametrize("track", ["hte", "tech_sme"])
@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_enterprises(
    client, liaison, plan_year, taozhou, django_assert_num_queries, track, count
):
    for number in range(count):
        enterprise = candidate(f"Candidate {number:02d}", taozhou)
        if number % 3 == 0:
            HteCertificateFactory(enterprise=enterprise, issued_on=datetime.date(2021, 6, 1))
        if number % 3 == 1:
            TechSmeRegistrationFactory(enterprise=enterprise, year=2023)
    client.force_login(liaison)
    # session, user, the plan years with their rules, the org unit asked for (the filter
    # validates it), the enterprises not recognised (scoped; the recognised ones excluded
    # by a subquery, a valid certificate annotated for tech SMEs), their figures of three
    # years, the units for the filter's choices, the liaison's units for the menu
    with django_assert_num_queries(8):
        response = client.get(url(track, org_unit=taozhou.pk))
    assert response.status_code == 200
    assert response.context["total_count"] == count


def test_a_certificate_ending_in_the_plan_year_makes_a_candidate_again(
    client, staff_user, plan_year, taozhou
):
    """The same boundary as the expiry watch: last valid day 31 December 2024 means the
    enterprise must apply again in 2024; one more day of validity means it need not."""
    ends_in_2024 = candidate("年底到期", taozhou)
    HteCertificateFactory(enterprise=ends_in_2024, issued_on=datetime.date(2022, 1, 1))
    valid_into_2025 = candidate("跨年有效", taozhou)
    HteCertificateFactory(enterprise=valid_into_2025, issued_on=datetime.date(2022, 1, 2))
    client.force_login(staff_user)
    assert names(client.get(url("hte", year=2024))) == ["年底到期"]
    expiring = client.get(reverse("enterprises:hte_expiring"), {"year": 2024})
    assert "年底到期" in expiring.content.decode()
    assert "跨年有效" not in expiring.content.decode()
