"""One indicator: its values (typed in or received with a notice), the notices about it,
the form that records a value, and its change history."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from platforms.models import IndicatorValue
from platforms.services import notice_record_reply

from .factories import IndicatorFactory, IndicatorValueFactory, issue_notice

D = datetime.date


def detail_url(indicator):
    return reverse("platforms:indicator_detail", kwargs={"indicator_id": indicator.pk})


def value_url(indicator):
    return reverse("platforms:indicator_value_create", kwargs={"indicator_id": indicator.pk})


@pytest.fixture
def indicator(plan_year, stats_bureau):
    return IndicatorFactory(name="全社会研发经费投入强度", department=stats_bureau, target=2)


def test_values_show_their_source(client, liaison, indicator, staff_user, stats_bureau):
    IndicatorValueFactory(indicator=indicator, as_of=D(2024, 1, 10), value=1, note="统计年鉴")
    notice = issue_notice(department=stats_bureau, indicators=[indicator])
    notice_record_reply(
        notice=notice, replied_on=D(2024, 3, 18), reply="", values={indicator.pk: 2.3}, by=None
    )
    client.force_login(liaison)
    response = client.get(detail_url(indicator))
    assert response.status_code == 200
    assert [v.value for v in response.context["values"]] == [Decimal("2.3"), Decimal("1")]
    assert response.context["met"] is True
    content = response.content.decode()
    assert reverse("platforms:notice_detail", args=[notice.pk]) in content
    assert "统计年鉴" in content and "2024-001" in content
    assert response.context["value_form"] is None
    assert 'data-testid="value-form"' not in content
    assert response.context["notices"] == [notice]


def test_staff_record_a_value(client, staff_user, indicator, frozen_today):
    client.force_login(staff_user)
    assert 'data-testid="value-form"' in client.get(detail_url(indicator)).content.decode()
    response = client.post(
        value_url(indicator), {"as_of": "2024-06-15", "value": "2.41", "note": "快报"}
    )
    assert response.status_code == 302 and response["Location"] == detail_url(indicator)
    value = IndicatorValue.objects.get()
    assert (value.value, value.as_of, value.recorded_by, value.notice) == (
        Decimal("2.41"),
        frozen_today,
        staff_user,
        None,
    )
    assert client.get(detail_url(indicator)).context["latest"] == value


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"as_of": "2024-06-16", "value": "1"}, "as_of"),  # tomorrow
        ({"as_of": "2024-02-30", "value": "1"}, "as_of"),
        ({"as_of": "2024-06-01", "value": "很多"}, "value"),
        ({"as_of": "2024-06-01", "value": ""}, "value"),
        ({"as_of": "2024-06-01", "value": "1" * 20}, "value"),
    ],
)
def test_a_bad_value_is_explained_and_nothing_saved(
    client, staff_user, indicator, frozen_today, data, field
):
    client.force_login(staff_user)
    response = client.post(value_url(indicator), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize("persona", ["leader_user", "liaison"])
def test_leaders_and_liaisons_may_not_record_values(request, client, persona, indicator):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(value_url(indicator), {"as_of": "2024-03-01", "value": "1"})
    assert response.status_code == 403
    assert not IndicatorValue.objects.exists()


def test_unknown_indicators_are_not_found(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.get(reverse("platforms:indicator_detail", args=[999999])).status_code == 404
    missing = reverse("platforms:indicator_value_create", args=[999999])
    assert client.post(missing, {"as_of": "2024-03-01", "value": "1"}).status_code == 404


def test_wrong_methods_and_anonymous_users(client, staff_user, indicator):
    response = client.get(detail_url(indicator))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.post(detail_url(indicator)).status_code == 405
    assert client.delete(value_url(indicator)).status_code == 405


@pytest.mark.parametrize("size", [1, 10])
def test_the_query_count_does_not_grow_with_values_and_notices(
    client, staff_user, indicator, stats_bureau, django_assert_num_queries, size
):
    for day in range(1, size + 1):
        IndicatorValueFactory(indicator=indicator, as_of=D(2024, 1, day))
        notice = issue_notice(department=stats_bureau, indicators=[indicator])
        notice_record_reply(
            notice=notice,
            replied_on=D(2024, 3, 18),
            reply="",
            values={indicator.pk: day},
            by=staff_user,
        )
    client.force_login(staff_user)
    # session, user, the indicator with its year, line of work and unit, its values with
    # their notices and recorders, its notices with their years and units, its history
    # rows with their users, and one query per foreign key the history names (plan
    # years, lines of work, units)
    with django_assert_num_queries(9):
        assert client.get(detail_url(indicator)).status_code == 200
