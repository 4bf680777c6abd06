"""The platform list: filters, columns, scoping, Excel export, query count."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from platforms.models import Level
from platforms.services import application_start, platform_close

from .factories import D, PlatformFactory, figures, grant, kind

URL = reverse("platforms:list")


def names(response) -> list[str]:
    return [platform.name for platform, _ in response.context["rows"]]


@pytest.fixture
def mixed(taozhou, xinhang, taozhou_enterprise, staff_user, plan_year):
    """Platforms of both liaisons' units, of each category and level."""
    rd = PlatformFactory(
        name="甲 研发中心",
        kind=kind("rd_centre"),
        host_enterprise=taozhou_enterprise,
        host_organisation="",
        org_unit=taozhou,
    )
    grant(rd, Level.PROVINCIAL, D(2024, 3, 1), by=staff_user)
    incubator = PlatformFactory(name="乙 孵化器", kind=kind("incubator"), org_unit=taozhou)
    grant(incubator, Level.MUNICIPAL, D(2023, 3, 1), by=staff_user)
    application_start(
        platform=incubator,
        target_level=Level.PROVINCIAL,
        plan_year=plan_year,
        stage="applied",
        on=D(2024, 4, 1),
        by=staff_user,
    )
    maker = PlatformFactory(
        name="丙 众创空间",
        kind=kind("maker_space"),
        org_unit=xinhang,
        host_organisation="新杭镇政府",
    )
    grant(maker, Level.MUNICIPAL, D(2024, 2, 1), by=staff_user)
    closed = PlatformFactory(name="丁 已关闭孵化器", kind=kind("incubator"), org_unit=xinhang)
    platform_close(platform=closed, on=D(2024, 1, 1), reason="场地到期")
    return {"rd": rd, "incubator": incubator, "maker": maker, "closed": closed}


def test_staff_see_every_platform_with_its_level_and_open_application(client, staff_user, mixed):
    client.force_login(staff_user)
    response = client.get(URL)
    assert response.status_code == 200
    # With the three carriers setup_guangde records for the plan.
    assert names(response) == [
        "丁 已关闭孵化器",
        "丙 众创空间",
        "乙 孵化器",
        "广德创新港",
        "新杭科技企业孵化器",
        "甲 研发中心",
        "西安交通大学国家大学科技园广德分园",
    ]
    page = response.content.decode()
    assert response.context["page"].paginator.count == 7
    assert page.count('data-testid="closed"') == 1
    row = page.split(f'data-platform="{mixed["incubator"].pk}"')[1].split("</tr>")[0]
    assert 'data-level="municipal"' in row
    assert 'data-stage="applied"' in row
    assert 'data-testid="add-platform"' in page


def test_a_liaison_sees_the_platforms_of_their_unit_only(client, liaison, mixed):
    client.force_login(liaison)
    response = client.get(URL)
    assert names(response) == ["乙 孵化器", "甲 研发中心"]
    # Their units only in the unit filter: another unit's id is refused, not obeyed.
    response = client.get(URL, {"org_unit": mixed["maker"].org_unit_id})
    assert response.context["filter"].form.has_error("org_unit")
    assert "丙 众创空间" not in names(response)


def test_leaders_read_without_the_add_button(client, leader_user, mixed):
    client.force_login(leader_user)
    response = client.get(URL)
    assert len(names(response)) == 7
    assert 'data-testid="add-platform"' not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "研发"}, ["甲 研发中心"]),
        ({"q": "桃州测试"}, ["甲 研发中心"]),  # the host enterprise's name
        ({"q": "新杭镇政府"}, ["丙 众创空间"]),  # the host organisation
        ({"category": "rd_institution"}, ["甲 研发中心"]),
        ({"level": "municipal"}, ["丙 众创空间", "乙 孵化器"]),
        ({"status": "closed"}, ["丁 已关闭孵化器"]),
        ({"granted_level": "municipal", "granted_year": "2024"}, ["丙 众创空间"]),
        ({"granted_level": "municipal"}, ["丙 众创空间", "乙 孵化器"]),
        ({"granted_year": "2024"}, ["丙 众创空间", "甲 研发中心"]),
        ({"granted_year": "2023"}, ["乙 孵化器"]),
    ],
)
def test_filters(client, staff_user, mixed, params, expected):
    client.force_login(staff_user)
    response = client.get(URL, params)
    assert names(response) == expected
    assert response.context["is_filtered"]


def test_the_kind_and_unit_filters(client, staff_user, mixed, xinhang):
    client.force_login(staff_user)
    incubators = names(client.get(URL, {"kind": kind("incubator").pk, "org_unit": xinhang.pk}))
    assert incubators == ["丁 已关闭孵化器", "新杭科技企业孵化器"]


def test_a_bad_year_is_shown_as_an_error_not_a_500(client, staff_user, mixed):
    client.force_login(staff_user)
    response = client.get(URL, {"granted_year": "二〇二四"})
    assert response.status_code == 200
    assert response.context["filter"].form.has_error("granted_year")


def test_the_gap_to_the_next_level_of_incubation_carriers(client, staff_user, mixed):
    port = mixed["incubator"].__class__.objects.get(name="广德创新港")
    grant(port, Level.PROVINCIAL, D(2023, 10, 1), by=staff_user)
    figures(port, 2023, area=Decimal(12000), incubatees=45, graduates=22, fund=Decimal(380))
    client.force_login(staff_user)
    response = client.get(URL)
    gaps = {platform.name: gap for platform, gap in response.context["rows"]}
    assert gaps["甲 研发中心"] is None  # not an incubation carrier
    assert gaps["乙 孵化器"].level == Level.PROVINCIAL and gaps["乙 孵化器"].criteria is None
    # National criteria seeded: years (not recorded), incubatees and fund lacking.
    assert {row.field for row in gaps["广德创新港"].lacking} == {"min_incubatees", "min_fund"}
    assert {row.field for row in gaps["广德创新港"].unknown} == {"min_operating_years"}
    page = response.content.decode()
    assert page.count('data-gap="lacking"') == 1
    assert page.count('data-gap="no-criteria"') >= 1


def test_anonymous_users_are_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith(reverse("login"))


def test_post_is_not_allowed(client, staff_user):
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


def test_the_export_has_the_filtered_rows(client, liaison, mixed):
    client.force_login(liaison)
    response = client.get(URL, {"format": "xlsx", "category": "incubation"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2  # the header and the liaison's one incubator
    assert rows[1][0] == "乙 孵化器"
    assert rows[1][5] == "桃州镇"
    assert "2024" in rows[1][7]  # the open application


def test_the_dashboard_link_shows_the_platforms_counted(client, staff_user, mixed, plan_year):
    client.force_login(staff_user)
    url = reverse("platforms:counted", args=["municipal_incubators_new"])
    response = client.get(url, {"year": "2024"})
    assert response.status_code == 302
    assert response["Location"] == (
        f"{URL}?category=incubation&granted_level=municipal&granted_year=2024"
    )
    assert names(client.get(response["Location"])) == ["丙 众创空间"]
    # Without a year (or with garbage): the latest plan year.
    assert client.get(url, {"year": "x"})["Location"].endswith("granted_year=2024")
    assert client.get(reverse("platforms:counted", args=["hte_total"])).status_code == 404


@pytest.mark.parametrize("count", [2, 20])
def test_the_query_count_does_not_grow_with_the_rows(
    client, liaison, staff_user, taozhou, plan_year, django_assert_num_queries, count
):
    for n in range(count):
        platform = PlatformFactory(
            kind=kind("incubator" if n % 2 else "rd_centre"), org_unit=taozhou
        )
        grant(platform, Level.MUNICIPAL, D(2023, 3, 1), by=staff_user)
        figures(platform, 2023, area=Decimal(1000), incubatees=5)
        application_start(
            platform=platform,
            target_level=Level.PROVINCIAL,
            plan_year=plan_year,
            on=D(2024, 3, 1),
            by=staff_user,
        )
    client.force_login(liaison)
    # session, user, the count, the page's platforms with kind, unit and host, their open
    # applications, the carriers' figures, their kinds' criteria, the kinds and the units
    # for the filter's choices, the liaison's units for the menu
    with django_assert_num_queries(10):
        response = client.get(URL)
    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("count", [2, 20])
def test_the_export_query_count_does_not_grow_with_the_rows(
    client, staff_user, taozhou, plan_year, django_assert_num_queries, count
):
    for _ in range(count):
        platform = PlatformFactory(kind=kind("incubator"), org_unit=taozhou)
        figures(platform, 2023, area=Decimal(1000), incubatees=5)
    client.force_login(staff_user)
    # session, user, the filter's unit lookup, the platforms with kind, unit and host, their
    # open applications, the carriers' figures, their kinds' criteria
    with django_assert_num_queries(7):
        response = client.get(URL, {"format": "xlsx", "org_unit": taozhou.pk})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == count + 1
