"""The dashboard (home page): every target of the plan year on a day, and one target by unit.

The figures come from guangde_plan.progress (tested in test_progress.py); these tests check
what the page shows of them, to whom, and that every figure leads to the records behind it.
"""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from enterprises.models import PipelineEntry
from guangde_plan.models import OrgUnit, PlanYear, Target, TargetQuota, TargetValue
from tests.factories import (
    AnnualFiguresFactory,
    EnterpriseFactory,
    HteCertificateFactory,
    TechSmeRegistrationFactory,
)

URL = reverse("home")
LIST_URL = reverse("enterprises:list")
D = datetime.date
# Straight-line expectations on 1 June 2024 are 153/366 (41.8 %) of an annual target.
JUNE = "2024-06-01"
# Certificates issued then are valid all through 2024.
HOLDING_SINCE = D(2023, 3, 1)
# A day inside the 2024 plan year, so that the default day is in it.
MID_JUNE = time_machine.travel(datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False)


def target_row(page: str, code: str) -> str:
    """The HTML of one target's row."""
    start = page.index(f'data-target-code="{code}"')
    return page[start : page.index("</li>", start)]


def unit_row(page: str, code: str) -> str:
    start = page.index(f'data-unit-code="{code}"')
    return page[start : page.index("</tr>", start)]


def linked_figure(html: str, testid: str) -> tuple[str, str]:
    """(href, text) of the link marked `data-testid=testid` in `html`."""
    match = re.search(rf'<a[^>]*href="([^"]+)"[^>]*data-testid="{testid}"[^>]*>([^<]+)</a>', html)
    assert match, f"no link {testid}"
    return match.group(1).replace("&amp;", "&"), match.group(2)


def items(response) -> dict:
    return {
        row.item.target.code: row.item for _, rows in response.context["sections"] for row in rows
    }


def holders(count: int, unit, issued_on=HOLDING_SINCE):
    for _ in range(count):
        HteCertificateFactory(enterprise=EnterpriseFactory(org_unit=unit), issued_on=issued_on)


@pytest.mark.smoke
def test_staff_see_every_target_by_section_and_every_unit(client, staff_user, org_units):
    client.force_login(staff_user)
    response = client.get(URL, {"as_of": JUNE})
    assert response.status_code == 200
    assert response.context["as_of"] == D(2024, 6, 1)
    sections = response.context["sections"]
    assert [str(label) for label, _ in sections] == [
        str(Target.Section.ENTERPRISES.label),
        str(Target.Section.GUIDANCE.label),
        str(Target.Section.PLATFORMS.label),
    ]
    assert [row.item.target.code for row in sections[0][1]] == [
        "hte_total",
        "tech_sme_total",
        "rd_spend_total",
    ]
    page = response.content.decode()
    assert "广德市科技局2024年工作计划" in page
    assert "≥ 200 家" in target_row(page, "hte_total")
    assert "无目标值" in target_row(page, "rd_spend_total")  # no target: the plan sets none
    # Counted from the platforms' recognitions now, not "not tracked".
    assert "暂未统计" not in target_row(page, "provincial_rd_centres_new")
    # The per-unit table: hte_total by default, for all 13 units, and the registry.
    assert response.context["chosen"].target.code == "hte_total"
    # In the plan's order of units, whatever order the database returns them in.
    assert [row.row.org_unit for row in response.context["unit_rows"]] == list(
        OrgUnit.objects.order_by("sort_order", "code")
    )
    assert page.count("data-unit-code=") == 13
    assert 'data-testid="registry-card"' in page


def test_leaders_see_the_same_page(client, leader_user, taozhou):
    holders(2, taozhou)
    client.force_login(leader_user)
    response = client.get(URL, {"as_of": JUNE})
    assert response.status_code == 200
    assert items(response)["hte_total"].actual == 2
    assert len(response.context["unit_rows"]) == 13
    # Read-only users still follow the figures to the records.
    linked_figure(target_row(response.content.decode(), "hte_total"), "actual")


def test_a_liaison_sees_only_their_units_row(client, liaison, taozhou, xinhang):
    holders(3, taozhou)
    holders(2, xinhang)
    EnterpriseFactory.create_batch(2, org_unit=xinhang, is_above_designated_size=True)
    client.force_login(liaison)
    response = client.get(URL, {"as_of": JUNE})
    assert [row.row.org_unit.name for row in response.context["unit_rows"]] == ["桃州镇"]
    assert [unit.name for unit in response.context["units"]] == ["桃州镇"]
    assert response.context["totals"]["above_size_count"] == 0
    page = response.content.decode()
    assert "新杭" not in page
    assert page.count("data-unit-code=") == 1
    href, text = linked_figure(unit_row(page, taozhou.code), "unit-actual")
    assert text == "3" and f"org_unit={taozhou.pk}" in href
    # The city figure is the whole city's; their list holds only their own unit's records,
    # so the city figure is not offered as a link that would not add up.
    row = target_row(page, "hte_total")
    assert re.search(r'<span[^>]*data-testid="actual">5</span>', row)
    assert 'href="' not in row


def _met(plan_year, taozhou):
    Target.objects.filter(code="hte_total").update(value=3)
    holders(3, taozhou)
    return "hte_total"


def _on_track(plan_year, taozhou):
    # 5 of 10 by 1 June, when 4.2 are expected.
    Target.objects.filter(code="tech_sme_total").update(value=10)
    TechSmeRegistrationFactory.create_batch(5, enterprise__org_unit=taozhou, year=2024)
    return "tech_sme_total"


def _behind(plan_year, taozhou):
    # 5 % growth against a target of 10 %.
    enterprise = EnterpriseFactory(org_unit=taozhou)
    AnnualFiguresFactory(enterprise=enterprise, year=2023, rd_expense=Decimal("100"))
    AnnualFiguresFactory(enterprise=enterprise, year=2024, rd_expense=Decimal("105"))
    return "rd_growth_pct"


def _behind_a_ceiling(plan_year, taozhou):
    # One 规上 enterprise with sales of 1 亿 and no R&D: on the first three-zero list (target
    # 0), and judged clear of the other two, whose thresholds are higher.
    AnnualFiguresFactory(
        enterprise=EnterpriseFactory(org_unit=taozhou, is_above_designated_size=True),
        year=2024,
        sales_revenue=Decimal("10000"),
        rd_expense=Decimal(0),
    )
    return "three_zero_rd_activity"


def _no_target(plan_year, taozhou):
    AnnualFiguresFactory(enterprise__org_unit=taozhou, year=2024)
    return "rd_spend_total"


def _no_data(plan_year, taozhou):
    return "rd_growth_pct"  # no R&D figures at all


def _not_tracked(plan_year, taozhou):
    return Target.objects.create(
        plan_year=plan_year, code="typed_only", name="仅填报", section="innovative_city"
    ).code


@pytest.mark.parametrize(
    ("make", "status", "colour"),
    [
        (_met, "met", "success"),
        (_on_track, "on_track", "primary"),
        (_behind, "behind", "danger"),
        (_behind_a_ceiling, "behind", "danger"),
        (_no_target, "no_target", "secondary"),
        (_no_data, "no_data", "secondary"),
        (_not_tracked, "not_tracked", "secondary"),
    ],
)
def test_each_status_has_its_colour(client, staff_user, plan_year, taozhou, make, status, colour):
    code = make(plan_year, taozhou)
    client.force_login(staff_user)
    response = client.get(URL, {"as_of": JUNE})
    assert items(response)[code].status == status
    row = target_row(response.content.decode(), code)
    assert f'data-status="{status}"' in row
    assert f'class="badge text-bg-{colour}" data-testid="status"' in row
    if status in ("met", "on_track", "behind") and items(response)[code].percentage is not None:
        assert f'class="progress-bar bg-{colour}"' in row


def test_the_figures_of_a_row(english_client, staff_user, plan_year, taozhou):
    _on_track(plan_year, taozhou)
    english_client.force_login(staff_user)
    row = target_row(english_client.get(URL, {"as_of": JUNE}).content.decode(), "tech_sme_total")
    assert "≥ 10 家" in row
    assert linked_figure(row, "actual")[1] == "5"
    assert 'data-testid="percentage">50%' in row
    assert "Expected by this day: 4.2" in row  # 10 × 153/366
    assert 'style="width: 50.0%"' in row


def test_the_summary_counts_met_on_track_and_behind(english_client, staff_user, plan_year, taozhou):
    _met(plan_year, taozhou)
    _on_track(plan_year, taozhou)
    _behind(plan_year, taozhou)
    _behind_a_ceiling(plan_year, taozhou)
    english_client.force_login(staff_user)
    response = english_client.get(URL, {"as_of": JUNE})
    # met: hte_total and the two three-zero lists the enterprise of _behind_a_ceiling clears;
    # behind also: the two platform targets, with no recognition by June.
    assert response.context["summary"] == {"met": 3, "on_track": 1, "behind": 4}
    assert response.context["unresolved_count"] == 9 - 8
    page = response.content.decode()
    assert re.search(r'data-status-count="met">3 met<', page)
    assert re.search(r'data-status-count="on_track">1 on track<', page)
    assert re.search(r'data-status-count="behind">4 behind<', page)


def test_the_forecast_explains_its_basis(english_client, staff_user, plan_year, taozhou):
    earlier = PlanYear.objects.create(year=2023, title="2023")
    for stage in ["recognised", "recognised", "rejected", "withdrawn"]:  # pass rate 1/2
        PipelineEntry.objects.create(
            enterprise=EnterpriseFactory(org_unit=taozhou),
            track="hte",
            plan_year=earlier,
            stage=stage,
            stage_changed_on=D(2023, 11, 1),
        )
    for stage in ["applied", "cultivating"]:
        PipelineEntry.objects.create(
            enterprise=EnterpriseFactory(org_unit=taozhou),
            track="hte",
            plan_year=plan_year,
            stage=stage,
            stage_changed_on=D(2024, 5, 1),
        )
    holders(3, taozhou, issued_on=D(2022, 6, 1))
    holders(1, taozhou, issued_on=D(2021, 9, 1))  # runs out in September 2024
    english_client.force_login(staff_user)
    response = english_client.get(URL, {"as_of": JUNE})
    assert items(response)["hte_total"].forecast == 4  # 4 - 1 + 2 × 1/2
    row = target_row(response.content.decode(), "hte_total")
    assert 'data-testid="forecast">4<' in row
    assert "4 holders − 1 expiring before year end<" in row
    assert "+ 2 in the pipeline × 50% pass rate<" in row


def test_a_forecast_without_a_pass_rate_says_so(english_client, staff_user, plan_year, taozhou):
    TechSmeRegistrationFactory.create_batch(2, enterprise__org_unit=taozhou, year=2024)
    PipelineEntry.objects.create(
        enterprise=EnterpriseFactory(org_unit=taozhou),
        track="tech_sme",
        plan_year=plan_year,
        stage="applied",
        stage_changed_on=D(2024, 5, 1),
    )
    english_client.force_login(staff_user)
    page = english_client.get(URL, {"as_of": JUNE}).content.decode()
    row = target_row(page, "tech_sme_total")
    assert "2 registered<" in row
    assert "1 in the pipeline not counted: no pass rate from earlier years yet" in row
    assert "nothing in the pipeline" in target_row(page, "hte_total")


@MID_JUNE
def test_the_day_defaults_to_today_within_the_plan_year(client, staff_user, plan_year):
    client.force_login(staff_user)
    response = client.get(URL)
    assert response.context["as_of"] == D(2024, 6, 15)
    assert response.context["is_default_day"]
    assert response.context["notices"] == []


def test_a_past_plan_year_defaults_to_its_last_day(english_client, staff_user, plan_year):
    english_client.force_login(staff_user)
    with time_machine.travel(datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC), tick=False):
        response = english_client.get(URL)
    assert response.context["as_of"] == D(2024, 12, 31)
    assert "The year is over" in target_row(response.content.decode(), "hte_total")


def test_another_day_shows_the_figures_of_that_day(client, staff_user, plan_year, taozhou):
    holders(1, taozhou, issued_on=D(2024, 3, 1))
    client.force_login(staff_user)
    assert items(client.get(URL, {"as_of": "2024-02-01"}))["hte_total"].actual == 0
    response = client.get(URL, {"as_of": "2024-03-01"})
    assert items(response)["hte_total"].actual == 1
    assert not response.context["is_default_day"]
    assert 'value="2024-03-01"' in response.content.decode()  # the date field keeps it


@MID_JUNE
@pytest.mark.parametrize(
    "value", ["yesterday", "2024-13-45", "2024-02-30", "2024-6-1", "20240601", "２０２４-06-01"]
)
def test_a_malformed_day_falls_back_to_the_default_with_a_warning(
    client, staff_user, plan_year, value
):
    client.force_login(staff_user)
    response = client.get(URL, {"as_of": value})
    assert response.status_code == 200
    assert response.context["as_of"] == D(2024, 6, 15)
    assert len(response.context["notices"]) == 1
    assert value in response.context["notices"][0]
    assert 'data-testid="dashboard-notice"' in response.content.decode()


def test_a_day_outside_the_plan_year_is_brought_into_it(client, staff_user, plan_year):
    client.force_login(staff_user)
    response = client.get(URL, {"as_of": "2025-02-01"})
    assert response.context["as_of"] == D(2024, 12, 31)
    assert "2025-02-01" in response.context["notices"][0]


def test_target_picks_the_unit_table(client, staff_user, plan_year, taozhou, xinhang):
    TechSmeRegistrationFactory.create_batch(2, enterprise__org_unit=taozhou, year=2024)
    TechSmeRegistrationFactory(enterprise__org_unit=xinhang, year=2024)
    client.force_login(staff_user)
    response = client.get(URL, {"as_of": JUNE, "target": "tech_sme_total"})
    assert response.context["chosen"].target.code == "tech_sme_total"
    page = response.content.decode()
    assert linked_figure(unit_row(page, taozhou.code), "unit-actual")[1] == "2"
    assert linked_figure(unit_row(page, xinhang.code), "unit-actual")[1] == "1"
    assert '<option value="tech_sme_total" selected>' in page


def test_an_unknown_target_falls_back_to_the_default(client, staff_user, plan_year):
    client.force_login(staff_user)
    response = client.get(URL, {"as_of": JUNE, "target": "no_such_target"})
    assert response.status_code == 200
    assert response.context["chosen"].target.code == "hte_total"
    assert "no_such_target" in response.context["notices"][0]


def test_a_target_typed_for_the_whole_city_has_no_unit_breakdown(
    client, staff_user, plan_year, typed_target
):
    TargetValue.objects.create(target=typed_target, recorded_on=D(2024, 5, 1), value=9)
    client.force_login(staff_user)
    response = client.get(URL, {"as_of": JUNE, "target": typed_target.code})
    page = response.content.decode()
    assert 'data-testid="no-breakdown"' in page
    assert page.count('<span data-testid="unit-actual">—</span>') == 13
    assert '<a href="' not in unit_row(page, "341882100")


def test_quotas_that_do_not_add_up_are_flagged(
    english_client, staff_user, plan_year, taozhou, xinhang
):
    target = Target.objects.get(code="hte_total")
    TargetQuota.objects.create(target=target, org_unit=taozhou, value=120)
    TargetQuota.objects.create(target=target, org_unit=xinhang, value=70)
    holders(6, taozhou)
    english_client.force_login(staff_user)
    page = english_client.get(URL, {"as_of": JUNE}).content.decode()
    assert 'data-testid="quotas-warning"' in page
    assert "add up to 190, not to the city target (≥ 200 家)" in page
    row = unit_row(page, taozhou.code)
    assert ">120<" in row and "5%" in row  # 6 of 120
    assert 'data-testid="no-quotas"' not in page


def test_quotas_that_add_up_raise_no_warning(client, staff_user, plan_year, taozhou, xinhang):
    target = Target.objects.get(code="hte_total")
    TargetQuota.objects.create(target=target, org_unit=taozhou, value=120)
    TargetQuota.objects.create(target=target, org_unit=xinhang, value=80)
    client.force_login(staff_user)
    page = client.get(URL, {"as_of": JUNE}).content.decode()
    assert 'data-testid="quotas-warning"' not in page
    assert 'data-testid="no-quotas"' not in page


def test_a_target_without_quotas_says_so(client, staff_user, plan_year):
    client.force_login(staff_user)
    page = client.get(URL, {"as_of": JUNE}).content.decode()
    assert 'data-testid="no-quotas"' in page
    assert 'data-testid="quotas-warning"' not in page


def test_another_plan_year_can_be_chosen(client, staff_user, plan_year):
    older = PlanYear.objects.create(year=2023, title="广德市科技局2023年工作计划")
    Target.objects.create(
        plan_year=older, code="hte_total", name="高新技术企业", section="enterprises", value=150
    )
    client.force_login(staff_user)
    response = client.get(URL, {"year": "2023"})
    assert response.context["plan_year"] == older
    assert response.context["as_of"] == D(2023, 12, 31)
    assert list(items(response)) == ["hte_total"]
    assert "?year=2024" in response.content.decode()  # the year picker


@pytest.mark.parametrize("year", ["2019", "abc", "99999999999999999999", "２０２４", "-1"])
def test_an_unknown_year_is_a_404(client, staff_user, plan_year, year):
    client.force_login(staff_user)
    assert client.get(URL, {"year": year}).status_code == 404


def test_without_a_plan_year_the_page_says_how_to_set_one_up(client, staff_user):
    client.force_login(staff_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert "setup_guangde" in response.content.decode()


def test_the_registry_figures_link_to_the_records(client, staff_user, taozhou):
    client.force_login(staff_user)
    page = client.get(URL).content.decode()
    assert f"{LIST_URL}?org_unit={taozhou.pk}&amp;above_size=true" in page


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_refuses_post(client, staff_user):
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


def _count_on_list(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200
    assert not response.context["filter"].errors
    return response.context["page"].paginator.count


@pytest.fixture
def english_client(client):
    """These tests read the wording itself, written in English source strings."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def recognitions(taozhou, xinhang):
    """Holders, a lapsed and a future certificate, one holder with two certificates, and
    registrations for two years, in two units."""
    holders(3, taozhou)
    holders(2, xinhang, issued_on=D(2022, 1, 10))
    holders(1, taozhou, issued_on=D(2021, 3, 1))  # lapsed on 1 March 2024
    holders(1, xinhang, issued_on=D(2024, 9, 1))  # not yet issued on 1 June
    twice = EnterpriseFactory(org_unit=taozhou)
    HteCertificateFactory(enterprise=twice, issued_on=D(2021, 12, 1))
    HteCertificateFactory(enterprise=twice, issued_on=D(2023, 12, 1))
    TechSmeRegistrationFactory.create_batch(4, enterprise__org_unit=taozhou, year=2024)
    TechSmeRegistrationFactory.create_batch(2, enterprise__org_unit=xinhang, year=2024)
    TechSmeRegistrationFactory(enterprise__org_unit=xinhang, year=2023)


@pytest.mark.parametrize(
    ("code", "city", "in_taozhou"), [("hte_total", 6, 4), ("tech_sme_total", 6, 4)]
)
def test_every_figure_links_to_a_list_of_the_same_count(
    client, staff_user, plan_year, taozhou, recognitions, code, city, in_taozhou
):
    client.force_login(staff_user)
    response = client.get(URL, {"as_of": JUNE, "target": code})
    assert items(response)[code].actual == city
    page = response.content.decode()
    href, text = linked_figure(target_row(page, code), "actual")
    assert text == str(city)
    assert _count_on_list(client, href) == city
    href, text = linked_figure(unit_row(page, taozhou.code), "unit-actual")
    assert text == str(in_taozhou)
    assert _count_on_list(client, href) == in_taozhou


def test_a_liaisons_figure_links_to_a_list_of_the_same_count(
    client, liaison, plan_year, taozhou, recognitions
):
    client.force_login(liaison)
    page = client.get(URL, {"as_of": JUNE}).content.decode()
    href, text = linked_figure(unit_row(page, taozhou.code), "unit-actual")
    assert text == "4"
    assert _count_on_list(client, href) == 4


def test_the_hte_link_carries_the_day(client, staff_user, plan_year, recognitions):
    client.force_login(staff_user)
    page = client.get(URL, {"as_of": "2024-09-15"}).content.decode()
    href, text = linked_figure(target_row(page, "hte_total"), "actual")
    assert href == f"{LIST_URL}?hte_valid_on=2024-09-15"
    assert _count_on_list(client, href) == int(text) == 7


@pytest.mark.parametrize("count", [10, 200])
def test_the_query_count_is_constant(
    client, leader_user, plan_year, taozhou, django_assert_num_queries, count
):
    for number in range(count):
        enterprise = EnterpriseFactory(org_unit=taozhou)
        HteCertificateFactory(
            enterprise=enterprise, issued_on=D(2022, 1, 1) + datetime.timedelta(days=number)
        )
        TechSmeRegistrationFactory(enterprise=enterprise, year=2024)
        AnnualFiguresFactory(enterprise=enterprise, year=2023)
        AnnualFiguresFactory(enterprise=enterprise, year=2024)
    client.force_login(leader_user)
    # Nothing cached yet: session, user, the latest plan year, the visible units, the
    # registry counts by unit; the progress engine's 21: targets, quotas, typed values,
    # the plan year's evaluation rules (the three-zero thresholds, part of the cache key);
    # hte_total: holders by unit, holders on 1 January, expiring, pass rate, pipeline;
    # tech_sme_total: registrations by unit, pass rate, pipeline; whether the plan year
    # has figures (the figures year), the R&D sums by enterprise (once, for two targets),
    # the 规上 enterprises with their figures (once, for the three lists); the two platform
    # targets: granted by unit, applications submitted, earlier pass rate, each; then the
    # chosen target's weekly snapshots for the chart, the plan years for the picker
    with django_assert_num_queries(28):
        response = client.get(URL, {"as_of": JUNE})
    assert response.status_code == 200
    assert items(response)["hte_total"].actual == count
    # Again: the registry counts and the engine's eleven scans come from the figures cache
    # (the rules are read again: they are part of its key)
    with django_assert_num_queries(10):
        response = client.get(URL, {"as_of": JUNE})
    assert items(response)["hte_total"].actual == count


def test_a_liaisons_query_count_adds_only_the_menus_units(
    client, liaison, plan_year, taozhou, django_assert_num_queries
):
    holders(20, taozhou)
    client.force_login(liaison)
    # the 28 above, and the liaison's own units for the user menu
    with django_assert_num_queries(29):
        assert client.get(URL, {"as_of": JUNE}).status_code == 200


def test_the_chart_shows_the_snapshots_and_the_day_against_the_expected_line(
    client, staff_user, plan_year, taozhou
):
    from guangde_plan.models import ProgressSnapshot

    target = Target.objects.get(plan_year=plan_year, code="hte_total")
    for week, actual in [(datetime.date(2024, 5, 27), 3), (datetime.date(2024, 6, 3), 4)]:
        ProgressSnapshot.objects.create(
            target=target,
            week=week,
            taken_on=week + datetime.timedelta(days=6),
            actual=actual,
            status="behind",
        )
    HteCertificateFactory.create_batch(
        5, enterprise__org_unit=taozhou, issued_on=datetime.date(2024, 1, 2)
    )
    client.force_login(staff_user)
    chart = client.get(URL, {"as_of": "2024-06-30"}).context["chart"]
    assert [(p["date"], p["value"]) for p in chart["actual"]] == [
        ("2024-06-02", 3.0),
        ("2024-06-09", 4.0),
        ("2024-06-30", 5.0),
    ]
    assert chart["actual"][-1]["url"] == "/enterprises/?hte_valid_on=2024-06-30"
    assert chart["expected"][0] == {"date": "2024-01-01", "value": 0.5}
    assert chart["expected"][-1] == {"date": "2024-12-31", "value": 200.0}
    assert chart["target"] == 200.0


def test_liaisons_get_no_drill_down_links_in_the_chart(client, liaison, plan_year):
    client.force_login(liaison)
    chart = client.get(URL, {"as_of": "2024-06-30"}).context["chart"]
    assert all(point["url"] is None for point in chart["actual"])


def test_the_dashboard_exports_its_figures_for_the_day(
    client, leader_user, plan_year, taozhou, django_assert_num_queries
):
    import io

    import openpyxl

    from guangde_plan.models import TargetQuota

    holders(3, taozhou)
    TargetQuota.objects.create(
        target=Target.objects.get(plan_year=plan_year, code="hte_total"), org_unit=taozhou, value=24
    )
    client.force_login(leader_user)
    # session, user, the plan year, the units and their registry counts, the engine's
    # 21 (targets, quotas, typed values, the sources' reads): no chart, no page
    with django_assert_num_queries(26):
        response = client.get(URL, {"year": 2024, "as_of": JUNE, "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    targets, units = book.worksheets
    by_code = {row[1]: row for row in targets.iter_rows(min_row=2, values_only=True)}
    page = items(client.get(URL, {"year": 2024, "as_of": JUNE}))
    assert set(by_code) == set(page)
    hte = by_code["hte_total"]
    assert (hte[4], hte[5], hte[8]) == (200, 3, "滞后")
    assert float(hte[7]) == float(page["hte_total"].expected)
    assert ("高新技术企业数", "桃州镇", 3, 24, 12.5) in list(
        units.iter_rows(min_row=2, values_only=True)
    )
