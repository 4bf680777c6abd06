import pytest
from django.urls import reverse

from tests.factories import UserFactory

LOGIN = reverse("login")
PASSWORD = "pass-word-123"


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def user(db):
    return UserFactory(username="liaison_a")


@pytest.mark.smoke
def test_the_login_page_is_chinese_by_default(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="zh-hans">' in page
    assert "登录" in page


def test_a_user_logs_in_and_lands_on_the_dashboard(client, user):
    response = attempt(client, "liaison_a", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_wrong_password_is_explained(client, user):
    response = attempt(client, "liaison_a", "wrong")
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_repeated_failures_lock_that_username_from_that_address_only(client, user, settings):
    other = UserFactory(username="liaison_b")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "liaison_a", "wrong", ip="10.0.0.1")

    locked = attempt(client, "liaison_a", PASSWORD, ip="10.0.0.1")
    assert locked.status_code == 429
    assert "分钟后重试" in locked.content.decode()
    assert "30" in locked.content.decode()

    # The same office (same NAT address), another colleague: not locked.
    assert attempt(client, other.username, PASSWORD, ip="10.0.0.1").status_code == 302
    client.logout()
    # The same user from another address: not locked.
    assert attempt(client, "liaison_a", PASSWORD, ip="10.9.9.9").status_code == 302


def test_a_forwarded_for_header_does_not_dodge_the_lock(client, user, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "liaison_a", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{number}",
        )
    assert attempt(client, "liaison_a", PASSWORD, ip="10.0.0.1").status_code == 429


def test_the_proxy_header_is_used_when_configured(client, user, settings):
    settings.TRUSTED_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "liaison_a", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP="10.0.0.7",
        )
    ok = client.post(
        LOGIN,
        {"username": "liaison_a", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP="10.0.0.8",
    )
    assert ok.status_code == 302


def test_logout_needs_a_post(client, user):
    client.force_login(user)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_a_leader_may_change_their_own_password(client, leader_user):
    client.force_login(leader_user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-password-9",
            "new_password2": "a-new-long-password-9",
        },
    )
    assert response.status_code == 302
    leader_user.refresh_from_db()
    assert leader_user.check_password("a-new-long-password-9")


def test_a_weak_new_password_is_refused_in_chinese(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"},
    )
    assert response.status_code == 200
    assert "密码" in response.context["form"].errors["new_password2"][0]
    staff_user.refresh_from_db()
    assert staff_user.check_password(PASSWORD)
