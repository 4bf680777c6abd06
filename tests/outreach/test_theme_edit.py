"""Setting a month's theme (views/themes.py theme_edit): bureau staff only."""

import pytest
from django.urls import reverse

from outreach.models import MonthlyTheme

from .factories import ThemeFactory

URL = reverse("outreach:theme_edit", kwargs={"year": 2024, "month": 5})


def test_staff_set_then_change_a_theme_with_history(client, staff_user, plan_year):
    client.force_login(staff_user)
    response = client.post(URL, {"title": "  弘扬   科学家精神 ", "description": ""})
    assert response["Location"] == reverse("outreach:themes") + "?year=2024"
    theme = MonthlyTheme.objects.get()
    assert (theme.plan_year, theme.month, theme.title) == (plan_year, 5, "弘扬 科学家精神")
    client.post(URL, {"title": "科技助力乡村振兴"})
    assert MonthlyTheme.objects.get().title == "科技助力乡村振兴"
    assert 'data-testid="history"' in client.get(URL).content.decode()


def test_a_theme_needs_a_title(client, staff_user, plan_year):
    client.force_login(staff_user)
    response = client.post(URL, {"title": ""})
    assert response.context["form"].has_error("title", "required")
    assert not MonthlyTheme.objects.exists()


def test_liaisons_and_leaders_get_403(client, liaison, leader_user, plan_year):
    ThemeFactory(month=5, title="原主题")
    for user in (liaison, leader_user):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"title": "改"}).status_code == 403
    assert MonthlyTheme.objects.get().title == "原主题"


@pytest.mark.parametrize(("year", "month"), [(2024, 13), (2019, 5)])
def test_no_such_month_is_404(client, staff_user, plan_year, year, month):
    client.force_login(staff_user)
    assert (
        client.get(
            reverse("outreach:theme_edit", kwargs={"year": year, "month": month})
        ).status_code
        == 404
    )


def test_anonymous_and_wrong_method(client, staff_user, plan_year):
    assert client.get(URL)["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.put(URL).status_code == 405


@pytest.mark.parametrize("changes", [1, 15])
def test_the_query_count_does_not_grow_with_the_history(
    client, staff_user, plan_year, django_assert_num_queries, changes
):
    theme = ThemeFactory(month=5)
    for n in range(changes):
        theme.title = f"主题{n}"
        theme.save()
    client.force_login(staff_user)
    # session, user, the plan year, the theme, the history with its users, the plan
    # years named in the history
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200
