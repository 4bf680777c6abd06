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
