"""A platform's page: information, recognitions, applications with their moves, incubation
figures and the gap to the next level, history; who may see it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from guangde_plan.models import PlanYear
from platforms.models import Level, Platform
from platforms.services import application_move, application_start, platform_close

from .factories import D, PlatformFactory, figures, grant, kind


def url(platform):
    return reverse("platforms:detail", args=[platform.pk])


@pytest.fixture
def innovation_port(org_units, staff_user):
    """广德创新港 (seeded by setup_guangde) at provincial level, with two years of figures."""
    port = Platform.objects.get(name="广德创新港")
    port.opened_on = D(2021, 9, 1)
    port.save()
    grant(port, Level.MUNICIPAL, D(2022, 5, 1), by=staff_user, number="宣科〔2022〕3号")
    grant(port, Level.PROVINCIAL, D(2023, 10, 1), by=staff_user, number="皖科区〔2023〕21号")
    figures(port, 2022, area=Decimal(9000), incubatees=30)
    figures(
        port,
        2023,
        area=Decimal(12000),
        incubatees=45,
        graduates=22,
        fund=Decimal("380.5"),
        staff=6,
    )
    return port


def test_guangde_innovation_port_shows_what_it_lacks_for_national_level(
    client, staff_user, innovation_port
):
    client.force_login(staff_user)
    response = client.get(url(innovation_port))
    assert response.status_code == 200
    gap = response.context["gap"]
    assert gap.level == Level.NATIONAL and gap.figures.year == 2023
    lacking = {row.field: row.shortfall for row in gap.lacking}
    assert lacking == {"min_operating_years": 1, "min_incubatees": 5, "min_fund": Decimal("119.5")}
    page = response.content.decode()
    gap_card = page.split('data-testid="gap"')[1].split('data-testid="figures-table"')[0]
    assert gap_card.count('data-met="no"') == 3
    assert gap_card.count('data-met="yes"') == 3
    assert "119.5" in gap_card
    assert "国科发区〔2018〕300号" in gap_card
    assert response.context["operating_years"] == 2
    assert [row[0].year for row in response.context["figure_rows"]] == [2023, 2022]
    assert response.context["figure_rows"][0][1] == Decimal("3.75")  # per 1,000 m²
    # Two recognitions, newest first, with their document numbers.
    assert [r.document_number for r in response.context["recognitions"]] == [
        "皖科区〔2023〕21号",
        "宣科〔2022〕3号",
    ]
    assert 'data-level="provincial"' in page.split('data-testid="level"')[1][:200]
    # History: no delete button, but close.
    assert 'data-testid="delete"' not in page
    assert 'data-testid="close"' in page


def test_without_criteria_for_the_next_level_it_says_so(client, staff_user, taozhou):
    maker = PlatformFactory(kind=kind("maker_space"), org_unit=taozhou)
    client.force_login(staff_user)
    response = client.get(url(maker))
    assert response.context["gap"].criteria is None
    assert 'data-testid="no-criteria"' in response.content.decode()
    # Nothing recorded yet: it can still be deleted.
    assert 'data-testid="delete"' in response.content.decode()


def test_at_national_level_there_is_no_next_level(client, staff_user, taozhou):
    incubator = PlatformFactory(kind=kind("incubator"), org_unit=taozhou)
    grant(incubator, Level.NATIONAL, D(2024, 1, 5), by=staff_user)
    client.force_login(staff_user)
    response = client.get(url(incubator))
    assert response.context["gap"].level is None
    assert not response.context["can_apply"]
    assert 'data-testid="start-application"' not in response.content.decode()


def test_an_rd_centre_has_no_incubation_card_and_confirms_its_host(
    client, staff_user, rd_centre, taozhou_enterprise
):
    client.force_login(staff_user)
    response = client.get(url(rd_centre))
    page = response.content.decode()
    assert response.context["gap"] is None
    assert 'data-testid="incubation"' not in page
    assert 'data-testid="confirms-host"' not in page
    grant(rd_centre, Level.PROVINCIAL, D(2024, 5, 1), by=staff_user)
    page = client.get(url(rd_centre)).content.decode()
    note = page.split('data-testid="confirms-host"')[1].split("</div>")[0]
    assert reverse("enterprises:detail", args=[taozhou_enterprise.pk]) in note
    platform_close(platform=rd_centre, on=D(2024, 6, 1), reason="撤销")
    assert 'data-testid="confirms-host"' not in client.get(url(rd_centre)).content.decode()


def test_applications_show_with_their_moves(client, liaison, incubator, plan_year, staff_user):
    application = application_start(
        platform=incubator,
        target_level=Level.MUNICIPAL,
        plan_year=plan_year,
        on=D(2024, 3, 1),
        by=staff_user,
    )
    application_move(application=application, to_stage="applied", on=D(2024, 4, 2), by=liaison)
    client.force_login(liaison)
    response = client.get(url(incubator))
    shown = response.context["applications"]
    assert [a.stage for a in shown] == ["applied"]
    assert [m.to_stage for m in shown[0].moves.all()] == ["applied", "preparing"]
    page = response.content.decode()
    assert reverse("platforms:application_move", args=[application.pk]) in page
    assert "2024-04-02" in page


def test_the_change_history_is_shown(client, staff_user, incubator):
    incubator.address = "桃州镇建设路1号"
    incubator.save()
    client.force_login(staff_user)
    history = client.get(url(incubator)).context["history"]
    assert [entry["record"].history_type for entry in history] == ["~", "+"]
    assert [change["new"] for change in history[0]["changes"]] == ["桃州镇建设路1号"]


def test_leaders_read_without_buttons(client, leader_user, incubator):
    client.force_login(leader_user)
    page = client.get(url(incubator)).content.decode()
    for testid in ("add-recognition", "start-application", "add-figures", "close", "delete"):
        assert f'data-testid="{testid}"' not in page


def test_an_outsider_gets_404(client, outsider, incubator):
    client.force_login(outsider)
    assert client.get(url(incubator)).status_code == 404


def test_a_liaison_sees_their_units_platform(client, liaison, incubator, xinhang_incubator):
    client.force_login(liaison)
    assert client.get(url(incubator)).status_code == 200
    assert client.get(url(xinhang_incubator)).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, incubator):
    assert client.get(url(incubator))["Location"].startswith(reverse("login"))


def test_post_is_not_allowed(client, staff_user, incubator):
    client.force_login(staff_user)
    assert client.post(url(incubator)).status_code == 405


@pytest.mark.parametrize("count", [1, 8])
def test_the_query_count_does_not_grow_with_the_records(
    client, liaison, staff_user, incubator, django_assert_num_queries, count
):
    grant(incubator, Level.MUNICIPAL, D(2010, 1, 1), by=staff_user)
    for n in range(count):
        year = 2011 + n
        grant(incubator, Level.MUNICIPAL, D(year, 1, 1), by=staff_user, act="confirmed")
        application = application_start(
            platform=incubator,
            target_level=Level.PROVINCIAL,
            plan_year=PlanYear.objects.get_or_create(year=year, defaults={"title": year})[0],
            on=D(2024, 1, 1),
            by=staff_user,
        )
        application_move(application=application, to_stage="applied", on=D(2024, 2, 1), by=liaison)
        figures(incubator, year, area=Decimal(1000), incubatees=n)
    client.force_login(liaison)
    # session, user, the platform with kind, unit and host, its recognitions with who
    # recorded them, its applications with their plan years, their moves with who moved
    # them, its figures, its kind's criteria, the history with its users, the kinds and
    # units named in it (no host enterprise here: no query for those), the liaison's units
    # for the menu
    with django_assert_num_queries(12):
        response = client.get(url(incubator))
    assert len(response.context["recognitions"]) == count + 1


def test_the_enterprise_page_lists_the_platforms_it_hosts(client, staff_user, org_units):
    from tests.factories import EnterpriseFactory

    enterprise = EnterpriseFactory(org_unit=org_units["341882100"])
    platform = PlatformFactory(host_enterprise=enterprise, org_unit=enterprise.org_unit)
    client.force_login(staff_user)
    page = client.get(reverse("enterprises:detail", args=[enterprise.pk])).content.decode()
    assert f'href="{platform.get_absolute_url()}"' in page
    assert f"{reverse('platforms:create')}?host_enterprise={enterprise.pk}" in page
    form = client.get(reverse("platforms:create"), {"host_enterprise": enterprise.pk})
    assert form.context["form"].initial["host_enterprise"] == str(enterprise.pk)
