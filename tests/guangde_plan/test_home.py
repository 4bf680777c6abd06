import pytest
from django.urls import reverse

from tests.factories import EnterpriseFactory

URL = reverse("home")


@pytest.mark.smoke
def test_staff_see_every_unit_and_the_plan_targets(client, staff_user, org_units):
    client.force_login(staff_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["units"]) == 13
    page = response.content.decode()
    assert "广德市科技局2024年工作计划" in page
    assert 'data-target-code="hte_total"' in page
    assert "暂未统计" in page  # actuals arrive with later releases, not invented


def test_a_liaison_sees_their_own_unit_only(client, liaison, taozhou, xinhang):
    EnterpriseFactory.create_batch(3, org_unit=taozhou)
    EnterpriseFactory.create_batch(2, org_unit=xinhang, is_above_designated_size=True)
    client.force_login(liaison)
    response = client.get(URL)
    assert [unit.name for unit in response.context["units"]] == ["桃州镇"]
    assert response.context["totals"]["enterprise_count"] == 3
    assert response.context["totals"]["above_size_count"] == 0


def test_the_figures_link_to_the_records_behind_them(client, staff_user, taozhou):
    client.force_login(staff_user)
    page = client.get(URL).content.decode()
    assert f"{reverse('enterprises:list')}?org_unit={taozhou.pk}&amp;above_size=true" in page


@pytest.mark.parametrize("count", [10, 150])
def test_the_query_count_is_constant(
    client, leader_user, taozhou, django_assert_num_queries, count
):
    EnterpriseFactory.create_batch(count, org_unit=taozhou)
    client.force_login(leader_user)
    # session, user, the latest plan year, its targets, units with their counts
    with django_assert_num_queries(5):
        assert client.get(URL).status_code == 200
