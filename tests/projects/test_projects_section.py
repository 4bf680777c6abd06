"""The projects section of the enterprise page (enterprises/sections_projects.py)."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from enterprises import sections_projects

from .factories import (
    CooperationFactory,
    IntermediaryServiceFactory,
    KeyProjectFactory,
    TechDemandFactory,
)


def url(enterprise):
    return reverse("enterprises:detail", args=[enterprise.pk])


def test_it_shows_the_enterprises_records_with_add_links(client, liaison, taozhou_enterprise):
    TechDemandFactory(enterprise=taozhou_enterprise, title="涂层需求")
    CooperationFactory(enterprise=taozhou_enterprise, partner="安徽工程大学")
    KeyProjectFactory(enterprise=taozhou_enterprise, title="揭榜项目")
    IntermediaryServiceFactory(enterprise=taozhou_enterprise, service="专利代理")
    KeyProjectFactory(title="别家的项目")
    client.force_login(liaison)
    response = client.get(url(taozhou_enterprise))
    assert response.status_code == 200
    assert [d.title for d in response.context["project_demands"]["rows"]] == ["涂层需求"]
    assert [p.title for p in response.context["project_key_projects"]["rows"]] == ["揭榜项目"]
    page = response.content.decode()
    for text in ("涂层需求", "安徽工程大学", "揭榜项目", "专利代理"):
        assert text in page
    assert "别家的项目" not in page
    create = reverse("enterprises:project_key_create")
    assert f"{create}?enterprise={taozhou_enterprise.pk}&amp;kind=challenge" in page
    assert (
        f"{reverse('enterprises:intermediary_service_create')}?enterprise={taozhou_enterprise.pk}"
        in page
    )


def test_leaders_get_no_add_links(client, leader_user, taozhou_enterprise):
    client.force_login(leader_user)
    page = client.get(url(taozhou_enterprise)).content.decode()
    assert 'data-testid="projects-section"' in page
    assert 'data-testid="projects-add"' not in page


def test_it_shows_the_latest_twenty_and_links_to_the_rest(liaison, taozhou_enterprise):
    TechDemandFactory.create_batch(21, enterprise=taozhou_enterprise)
    context = sections_projects.detail_context(enterprise=taozhou_enterprise, user=liaison)
    assert len(context["project_demands"]["rows"]) == 20
    assert context["project_demands"]["has_more"]
    assert not context["project_cooperations"]["has_more"]


@pytest.mark.parametrize("count", [3, 30])
def test_the_section_costs_four_queries_and_its_template_none(
    liaison, taozhou_enterprise, django_assert_num_queries, count
):
    for _ in range(count):
        TechDemandFactory(enterprise=taozhou_enterprise)
        CooperationFactory(enterprise=taozhou_enterprise)
        KeyProjectFactory(enterprise=taozhou_enterprise)
        IntermediaryServiceFactory(enterprise=taozhou_enterprise)
    # needs and results, cooperations, key projects, services with their intermediaries
    with django_assert_num_queries(4):
        context = sections_projects.detail_context(enterprise=taozhou_enterprise, user=liaison)
    assert len(context["project_services"]["rows"]) == min(count, 20)
    with django_assert_num_queries(0):
        html = render_to_string(
            "enterprises/_detail_projects.html",
            {**context, "enterprise": taozhou_enterprise, "user": liaison},
        )
    assert html.count("list-group-item") >= 4 * min(count, 20)
