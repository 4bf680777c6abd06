"""Recommending a base to a higher level (views/bases.py, services.base_recommendation_save):
a recognition raises the base's level; the bureau recommends, liaisons read."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from outreach.models import BaseRecommendation

from .factories import BaseFactory, BaseRecommendationFactory

TODAY = datetime.datetime(2024, 10, 8, 12, tzinfo=datetime.UTC)


def create(base):
    return reverse("outreach:base_recommendation_create", kwargs={"base_id": base.pk})


def update(recommendation):
    return reverse(
        "outreach:base_recommendation_update", kwargs={"base_recommendation_id": recommendation.pk}
    )


def form_data(**overrides):
    data = {
        "to_level": "municipal",
        "recommended_on": "2024-04-01",
        "outcome": "pending",
        "decided_on": "",
        "note": "",
    }
    data.update(overrides)
    return data


@time_machine.travel(TODAY, tick=False)
def test_staff_recommend_a_base_and_its_recognition_raises_the_level(
    client, staff_user, taozhou, plan_year
):
    base = BaseFactory(org_unit=taozhou, level="county")
    client.force_login(staff_user)
    response = client.post(create(base), form_data())
    assert response["Location"] == reverse("outreach:base_detail", kwargs={"base_id": base.pk})
    recommendation = BaseRecommendation.objects.get()
    base.refresh_from_db()
    assert base.level == "county"
    client.post(update(recommendation), form_data(outcome="recognised", decided_on="2024-09-01"))
    base.refresh_from_db()
    assert (base.level, base.level_since) == ("municipal", datetime.date(2024, 9, 1))
    assert base.history.first().history_type == "~"
    # A new recommendation must aim higher than the level it now has.
    response = client.post(create(base), form_data(to_level="municipal"))
    assert response.context["form"].has_error("to_level", "not_higher")


@time_machine.travel(TODAY, tick=False)
def test_a_refusal_leaves_the_level(client, staff_user, taozhou, plan_year):
    base = BaseFactory(org_unit=taozhou, level="municipal")
    client.force_login(staff_user)
    client.post(
        create(base),
        form_data(to_level="provincial", outcome="not_recognised", decided_on="2024-08-01"),
    )
    base.refresh_from_db()
    assert base.level == "municipal"


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"outcome": "recognised"}, "decided_on", "result_without_date"),
        ({"decided_on": "2024-05-01"}, "decided_on", "date_without_result"),
        (
            {"outcome": "recognised", "decided_on": "2024-03-01"},
            "decided_on",
            "result_before_recommendation",
        ),
        ({"recommended_on": "2024-12-01"}, "recommended_on", "future_date"),
        ({"to_level": "county"}, "to_level", "invalid_choice"),
    ],
)
def test_bad_input_is_refused_beside_its_field(
    client, staff_user, taozhou, plan_year, overrides, field, code
):
    base = BaseFactory(org_unit=taozhou)
    client.force_login(staff_user)
    response = client.post(create(base), form_data(**overrides))
    assert response.context["form"].has_error(field, code)
    assert not BaseRecommendation.objects.exists()


def test_liaisons_and_leaders_get_403(client, liaison, leader_user, taozhou, plan_year):
    base = BaseFactory(org_unit=taozhou)
    recommendation = BaseRecommendationFactory(base=base)
    for user in (liaison, leader_user):
        client.force_login(user)
        assert client.get(create(base)).status_code == 403
        assert (
            client.post(
                update(recommendation), form_data(outcome="recognised", decided_on="2024-05-01")
            ).status_code
            == 403
        )
    base.refresh_from_db()
    assert base.level == "county"


def test_unknown_records_are_404_anonymous_log_in_wrong_method_405(
    client, staff_user, taozhou, plan_year
):
    base = BaseFactory(org_unit=taozhou)
    assert client.get(create(base))["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert (
        client.get(
            reverse("outreach:base_recommendation_create", kwargs={"base_id": 999999})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse(
                "outreach:base_recommendation_update", kwargs={"base_recommendation_id": 999999}
            )
        ).status_code
        == 404
    )
    assert client.put(create(base)).status_code == 405


@pytest.mark.parametrize("changes", [1, 12])
def test_the_query_count_does_not_grow_with_the_history(
    client, staff_user, taozhou, plan_year, django_assert_num_queries, changes
):
    recommendation = BaseRecommendationFactory(base=BaseFactory(org_unit=taozhou))
    for n in range(changes):
        recommendation.note = str(n)
        recommendation.save()
    client.force_login(staff_user)
    # session, user, the recommendation with its base and unit, the history with users,
    # the bases named in the history
    with django_assert_num_queries(5):
        assert client.get(update(recommendation)).status_code == 200
