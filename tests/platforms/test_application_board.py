"""The applications board: a plan year's level applications by stage, scoped."""

import pytest
from django.urls import reverse

from guangde_plan.models import PlanYear
from platforms.models import Level
from platforms.services import application_move, application_start

from .factories import D, PlatformFactory, kind

URL = reverse("platforms:application_board")


def apply(platform, plan_year, user, level=Level.MUNICIPAL, stage="preparing"):
    return application_start(
        platform=platform,
        target_level=level,
        plan_year=plan_year,
        stage=stage,
        on=D(2024, 3, 1),
        by=user,
    )


def cards(response) -> dict[str, list[str]]:
    return {
        column["stage"]: [a.platform.name for a in column["applications"]]
        for column in response.context["columns"]
    }


def test_it_shows_a_column_per_stage(client, staff_user, incubator, xinhang_incubator, plan_year):
    apply(incubator, plan_year, staff_user)
    moved = apply(xinhang_incubator, plan_year, staff_user, stage="applied")
    application_move(application=moved, to_stage="rejected", on=D(2024, 6, 1), by=staff_user)
    other_year = PlanYear.objects.create(year=2023, title="2023")
    apply(incubator, other_year, staff_user, level=Level.PROVINCIAL)
    client.force_login(staff_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["plan_year"] == plan_year  # the latest by default
    assert cards(response) == {
        "preparing": ["桃州科技企业孵化器"],
        "applied": [],
        "recognised": [],
        "rejected": ["新杭众创空间"],
        "withdrawn": [],
    }
    assert response.context["total"] == 2
    assert incubator.get_absolute_url() in response.content.decode()
    earlier = client.get(URL, {"year": "2023"})
    assert cards(earlier)["preparing"] == ["桃州科技企业孵化器"]


def test_filters_by_unit_and_category(
    client, staff_user, incubator, xinhang_incubator, rd_centre, plan_year, taozhou
):
    for platform in (incubator, xinhang_incubator, rd_centre):
        apply(platform, plan_year, staff_user)
    client.force_login(staff_user)
    response = client.get(URL, {"org_unit": taozhou.pk, "category": "incubation"})
    assert cards(response)["preparing"] == ["桃州科技企业孵化器"]


def test_a_liaison_sees_their_units_applications(
    client, liaison, staff_user, incubator, xinhang_incubator, plan_year, xinhang
):
    apply(incubator, plan_year, staff_user)
    apply(xinhang_incubator, plan_year, staff_user)
    client.force_login(liaison)
    assert cards(client.get(URL))["preparing"] == ["桃州科技企业孵化器"]
    # Another unit is refused by the filter (an error), not obeyed.
    response = client.get(URL, {"org_unit": xinhang.pk})
    assert response.context["form"].has_error("org_unit")
    assert cards(response)["preparing"] == ["桃州科技企业孵化器"]


def test_a_year_without_a_plan_is_404(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.get(URL, {"year": "1999"}).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith(reverse("login"))


def test_post_is_not_allowed(client, staff_user):
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("count", [2, 20])
def test_the_query_count_does_not_grow_with_the_cards(
    client, liaison, staff_user, taozhou, plan_year, django_assert_num_queries, count
):
    for _ in range(count):
        apply(PlatformFactory(kind=kind("incubator"), org_unit=taozhou), plan_year, staff_user)
    client.force_login(liaison)
    # session, user, the plan years, the filter's unit lookup, the applications with their
    # platforms, kinds, units and hosts, the liaison's units for the menu, the units for
    # the filter's choices
    with django_assert_num_queries(7):
        response = client.get(URL, {"org_unit": taozhou.pk})
    assert response.context["total"] == count
