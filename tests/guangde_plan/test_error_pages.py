import pytest
from django.test import Client
from django.urls import reverse


def test_404_uses_the_site_layout(client, staff_user, org_units):
    client.force_login(staff_user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "app-navbar" in page
    assert "该页面或记录不存在" in page


def test_403_uses_the_site_layout(client, leader_user, org_units):
    client.force_login(leader_user)
    response = client.get(reverse("enterprises:create"))
    assert response.status_code == 403
    assert "app-navbar" in response.content.decode()


@pytest.mark.django_db
def test_500_renders_without_a_request_context(settings):
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "app-navbar" in page
    assert "500" in page


@pytest.mark.django_db
def test_an_unexpected_error_shows_the_500_page(settings, monkeypatch):
    import guangde_plan.views

    def boom(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(guangde_plan.views, "plan_year_current", boom)
    from tests.factories import UserFactory

    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert response.status_code == 500
    assert "系统出现错误" in response.content.decode()


def test_a_404_without_a_reader_message_keeps_djangos_wording_out(client, staff_user, plan_year):
    client.force_login(staff_user)
    # get_object_or_404's "No Enterprise matches the given query." is for developers.
    response = client.get(reverse("enterprises:detail", args=[999999]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "matches the given query" not in page
    assert "不属于您负责的区域" in page


@pytest.mark.parametrize(
    "path, query",
    [
        ("/", {"year": "2031"}),
        ("/", {"year": "20x1"}),
        ("/plan/2031/targets/", {}),
        ("/enterprises/candidates/hte/", {"year": "2031"}),
        ("/enterprises/pipelines/hte/board/", {"year": "2031"}),
    ],
)
def test_an_unknown_plan_year_says_so(client, staff_user, plan_year, path, query):
    client.force_login(staff_user)
    response = client.get(path, query)
    assert response.status_code == 404
    message = f"{query.get('year', '2031')}年没有工作计划。"
    assert response.context["message"] == message
    assert message in response.content.decode()


def test_an_unknown_track_says_so(client, staff_user, plan_year):
    client.force_login(staff_user)
    response = client.get("/enterprises/candidates/nope/")
    assert response.status_code == 404
    assert "不存在该认定类别。" in response.content.decode()
