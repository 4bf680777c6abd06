import pytest
from django.urls import reverse

from tests.factories import EnterpriseFactory

from .help_factories import HelpActivityFactory


def url(activity):
    return reverse("enterprises:help_activity_detail", kwargs={"activity_id": activity.pk})


def edit_url(activity):
    return reverse("enterprises:help_activity_update", kwargs={"activity_id": activity.pk})


@pytest.mark.smoke
def test_it_shows_the_activity_and_links_each_enterprise(
    client, liaison, taozhou, taozhou_enterprise
):
    activity = HelpActivityFactory(
        title="高企申报政策宣讲",
        org_unit=taozhou,
        with_tax_office=True,
        enterprises=[taozhou_enterprise],
    )
    client.force_login(liaison)
    response = client.get(url(activity))
    assert response.status_code == 200
    assert response.context["enterprises"] == [taozhou_enterprise]
    page = response.content.decode()
    assert "高企申报政策宣讲" in page
    assert f'href="{taozhou_enterprise.get_absolute_url()}"' in page
    assert f'href="{edit_url(activity)}"' in page


def test_a_liaison_sees_a_city_wide_activity_with_only_their_enterprises_named(
    client, liaison, taozhou_enterprise, xinhang_enterprise
):
    activity = HelpActivityFactory(enterprises=[taozhou_enterprise, xinhang_enterprise])
    client.force_login(liaison)
    response = client.get(url(activity))
    assert response.status_code == 200
    assert response.context["enterprises"] == [taozhou_enterprise]
    assert response.context["other_enterprise_count"] == 1
    page = response.content.decode()
    assert xinhang_enterprise.name not in page
    assert 'data-testid="other-enterprises"' in page
    # City-wide activities are the bureau's to change.
    assert edit_url(activity) not in page


def test_staff_see_every_enterprise_and_may_edit_a_city_wide_activity(
    client, staff_user, taozhou_enterprise, xinhang_enterprise
):
    activity = HelpActivityFactory(enterprises=[taozhou_enterprise, xinhang_enterprise])
    client.force_login(staff_user)
    response = client.get(url(activity))
    assert set(response.context["enterprises"]) == {xinhang_enterprise, taozhou_enterprise}
    assert response.context["other_enterprise_count"] == 0
    assert edit_url(activity) in response.content.decode()


def test_leaders_read_it_without_an_edit_button(client, leader_user, taozhou, taozhou_enterprise):
    activity = HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
    client.force_login(leader_user)
    response = client.get(url(activity))
    assert response.status_code == 200
    assert edit_url(activity) not in response.content.decode()


def test_outsiders_get_404(client, outsider, taozhou, taozhou_enterprise):
    own_unit = HelpActivityFactory(org_unit=taozhou, enterprises=[taozhou_enterprise])
    city_wide = HelpActivityFactory(enterprises=[taozhou_enterprise])
    client.force_login(outsider)
    assert client.get(url(own_unit)).status_code == 404
    assert client.get(url(city_wide)).status_code == 404


def test_a_missing_activity_gives_404(client, staff_user, org_units):
    client.force_login(staff_user)
    response = client.get(reverse("enterprises:help_activity_detail", kwargs={"activity_id": 9999}))
    assert response.status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, taozhou):
    activity = HelpActivityFactory(org_unit=taozhou)
    response = client.get(url(activity))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_refuses_post(client, staff_user, taozhou):
    activity = HelpActivityFactory(org_unit=taozhou)
    client.force_login(staff_user)
    assert client.post(url(activity)).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_enterprises(
    client, liaison, taozhou, xinhang, django_assert_num_queries, count
):
    enterprises = EnterpriseFactory.create_batch(count, org_unit=taozhou)
    enterprises += EnterpriseFactory.create_batch(count, org_unit=xinhang)
    activity = HelpActivityFactory(enterprises=enterprises)
    client.force_login(liaison)
    # session, user, the activity with its unit, recorder, enterprise count and whether the
    # user may edit it, the enterprises the user may see with their units, the liaison's
    # units for the menu
    with django_assert_num_queries(5):
        response = client.get(url(activity))
    assert len(response.context["enterprises"]) == count
    assert response.context["other_enterprise_count"] == count
