"""A notice as printed (工作提示单), and the reply recorded on it with the values received,
which then show on the notice and in each indicator's history."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from platforms.models import IndicatorValue, Notice

from .factories import IndicatorFactory, issue_notice

D = datetime.date
pytestmark = pytest.mark.usefixtures("frozen_today")


def detail_url(notice):
    return reverse("platforms:notice_detail", kwargs={"notice_id": notice.pk})


def reply_url(notice):
    return reverse("platforms:notice_reply", kwargs={"notice_id": notice.pk})


@pytest.fixture
def indicators(plan_year, stats_bureau):
    return (
        IndicatorFactory(name="全社会研发经费投入强度", department=stats_bureau, target=2.5),
        IndicatorFactory(name="规上工业企业研发活动覆盖率", department=stats_bureau, target=50),
    )


@pytest.fixture
def notice(indicators, stats_bureau, staff_user):
    return issue_notice(
        department=stats_bureau,
        indicators=indicators,
        subject="报送研发投入相关指标",
        issued_on=D(2024, 6, 1),
        due_on=D(2024, 6, 14),
        by=staff_user,
    )


def test_the_notice_prints_what_is_due_by_when(client, liaison, notice):
    client.force_login(liaison)
    response = client.get(detail_url(notice))
    assert response.status_code == 200
    content = response.content.decode()
    assert "2024-001" in content and "市统计局" in content and "报送研发投入相关指标" in content
    assert "≥ 2.5 %" in content and "全社会研发经费投入强度" in content
    assert 'data-testid="print"' in content and '<style media="print">' in content
    assert response.context["overdue_days"] == 1  # due 14 June, today 15 June
    assert 'data-status="overdue"' in content
    assert response.context["reply_form"] is None
    assert reply_url(notice) not in content


@pytest.mark.smoke
def test_staff_record_the_reply_and_the_values_received(client, staff_user, notice, indicators):
    """Done when: as staff, send a notice to the statistics bureau and record its reply."""
    rd, coverage = indicators
    client.force_login(staff_user)
    assert reply_url(notice) in client.get(detail_url(notice)).content.decode()
    response = client.post(
        reply_url(notice),
        {
            "replied_on": "2024-06-15",
            "reply": "已按统计年报口径报送。",
            f"value_{rd.pk}": "2.31",
            f"value_{coverage.pk}": "",
        },
    )
    assert response.status_code == 302 and response["Location"] == detail_url(notice)
    notice.refresh_from_db()
    assert notice.replied_on == D(2024, 6, 15) and notice.reply_recorded_by == staff_user
    value = IndicatorValue.objects.get()
    assert (value.indicator, value.value, value.notice) == (rd, Decimal("2.31"), notice)

    page = client.get(detail_url(notice))
    assert page.context["rows"] == [(rd, value), (coverage, None)]
    assert page.context["reply_form"] is None and page.context["overdue_days"] is None
    content = page.content.decode()
    assert 'data-testid="reply"' in content and "已按统计年报口径报送。" in content
    assert 'data-status="replied"' in content
    history = client.get(reverse("platforms:indicator_detail", args=[rd.pk]))
    assert history.context["values"] == [value]
    assert detail_url(notice) in history.content.decode()


def test_a_value_for_an_indicator_not_on_the_notice_is_ignored(client, staff_user, notice):
    stranger = IndicatorFactory(name="不在提示单上")
    client.force_login(staff_user)
    client.post(
        reply_url(notice), {"replied_on": "2024-06-15", "reply": "x", f"value_{stranger.pk}": "9"}
    )
    assert not IndicatorValue.objects.filter(indicator=stranger).exists()


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"replied_on": "2024-05-31", "reply": "x"}, "replied_on", "reply_before_notice"),
        ({"replied_on": "2024-06-16", "reply": "x"}, "replied_on", "future_date"),
        ({"replied_on": "", "reply": "x"}, "replied_on", "required"),
        ({"replied_on": "2024-06-15", "reply": " "}, "__all__", "empty_reply"),
    ],
)
def test_a_bad_reply_is_explained_and_nothing_written(
    client, staff_user, notice, indicators, data, field, code
):
    client.force_login(staff_user)
    response = client.post(reply_url(notice), {**data, f"value_{indicators[0].pk}": ""})
    assert response.status_code == 200
    assert code in [e.code for e in response.context["form"].errors.as_data()[field]]
    assert 'data-testid="form-errors"' in response.content.decode()
    assert not IndicatorValue.objects.exists()
    assert Notice.objects.get(pk=notice.pk).replied_on is None


def test_a_bad_value_is_explained_beside_its_field(client, staff_user, notice, indicators):
    rd, _coverage = indicators
    client.force_login(staff_user)
    response = client.post(
        reply_url(notice), {"replied_on": "2024-06-15", "reply": "x", f"value_{rd.pk}": "两点三"}
    )
    assert f"value_{rd.pk}" in response.context["form"].errors
    assert Notice.objects.get(pk=notice.pk).replied_on is None


def test_a_zero_is_a_value(client, staff_user, notice, indicators):
    rd, _coverage = indicators
    client.force_login(staff_user)
    response = client.post(reply_url(notice), {"replied_on": "2024-06-15", f"value_{rd.pk}": "0"})
    assert response.status_code == 302
    assert IndicatorValue.objects.get().value == 0


def test_a_replied_notice_is_not_answered_again(client, staff_user, notice, indicators):
    rd, _coverage = indicators
    client.force_login(staff_user)
    data = {"replied_on": "2024-06-15", "reply": "x", f"value_{rd.pk}": "1"}
    assert client.post(reply_url(notice), data).status_code == 302
    again = client.post(reply_url(notice), {**data, "reply": "y"})
    assert again.status_code == 302 and again["Location"] == detail_url(notice)
    assert IndicatorValue.objects.count() == 1
    assert Notice.objects.get(pk=notice.pk).reply == "x"


@pytest.mark.parametrize("persona", ["leader_user", "liaison"])
def test_leaders_and_liaisons_may_not_record_replies(request, client, persona, notice):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reply_url(notice)).status_code == 403
    assert client.post(reply_url(notice), {"replied_on": "2024-06-15"}).status_code == 403
    assert Notice.objects.get(pk=notice.pk).replied_on is None


def test_unknown_notices_methods_and_anonymous_users(client, staff_user, notice):
    response = client.get(detail_url(notice))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.get(reverse("platforms:notice_detail", args=[999999])).status_code == 404
    assert client.post(reverse("platforms:notice_reply", args=[999999])).status_code == 404
    assert client.post(detail_url(notice)).status_code == 405
    assert client.put(reply_url(notice)).status_code == 405


@pytest.mark.parametrize("size", [1, 12])
def test_the_query_count_does_not_grow_with_the_indicators(
    client, staff_user, plan_year, stats_bureau, django_assert_num_queries, size
):
    indicators = [IndicatorFactory(department=stats_bureau) for _ in range(size)]
    notice = issue_notice(department=stats_bureau, indicators=indicators)
    client.force_login(staff_user)
    # session, user, the notice with its unit, year and users, its indicators with their
    # lines of work, the values received
    with django_assert_num_queries(5):
        assert client.get(detail_url(notice)).status_code == 200
    data = {"replied_on": "2024-06-15", "reply": "x"}
    data.update({f"value_{indicator.pk}": "1" for indicator in indicators})
    client.post(reply_url(notice), data)
    assert IndicatorValue.objects.count() == size
    with django_assert_num_queries(5):
        assert client.get(detail_url(notice)).status_code == 200
