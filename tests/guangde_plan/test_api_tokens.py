import datetime
import hashlib
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from guangde_plan.models import ApiToken

URL = reverse("api_progress", args=[2024])
T0 = datetime.datetime(2024, 6, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _token(user, **fields) -> tuple[ApiToken, str]:
    token = ApiToken(user=user, name="city dashboard", **fields)
    secret = token.new_secret()
    token.save()
    return token, secret


def _bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_it_stores_only_the_hash_of_the_secret(staff_user):
    token, secret = _token(staff_user)
    token.refresh_from_db()
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:8]
    assert len(secret) >= 43  # token_urlsafe(32): 256 random bits
    stored = [str(value) for value in ApiToken.objects.values().get().values()]
    assert not any(secret in value for value in stored)


def test_it_acts_as_its_user_within_their_scope(client, liaison, plan_year, taozhou, xinhang):
    _, secret = _token(liaison)
    document = client.get(URL, **_bearer(secret)).json()
    assert {row["code"] for item in document["targets"] for row in item["by_unit"]} == {
        taozhou.code
    }
    response = client.get(URL, {"org_unit": xinhang.code}, **_bearer(secret))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "header",
    ["Bearer not-a-token", "Bearer ", "bearer wrong"],
)
def test_it_401s_on_an_unknown_token(client, staff_user, plan_year, header):
    _token(staff_user)
    response = client.get(URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["error"]


def test_it_401s_on_a_revoked_token(client, staff_user, plan_year):
    token, secret = _token(staff_user)
    assert client.get(URL, **_bearer(secret)).status_code == 200
    token.is_active = False
    token.save()
    assert client.get(URL, **_bearer(secret)).status_code == 401


def test_it_401s_when_the_tokens_user_is_inactive(client, staff_user, plan_year):
    _, secret = _token(staff_user)
    staff_user.is_active = False
    staff_user.save()
    assert client.get(URL, **_bearer(secret)).status_code == 401


def test_a_bad_token_is_refused_even_beside_a_valid_session(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.get(URL, HTTP_AUTHORIZATION="Bearer revoked-or-mistyped").status_code == 401


def test_a_token_opens_the_api_only(client, staff_user, plan_year):
    _, secret = _token(staff_user)
    response = client.get(reverse("home"), **_bearer(secret))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_records_last_use_at_most_once_a_minute(client, staff_user, plan_year):
    token, secret = _token(staff_user)
    with time_machine.travel(T0, tick=False) as traveller:
        client.get(URL, **_bearer(secret))
        token.refresh_from_db()
        assert token.last_used_at == T0
        traveller.shift(datetime.timedelta(seconds=59))
        client.get(URL, **_bearer(secret))
        token.refresh_from_db()
        assert token.last_used_at == T0
        traveller.shift(datetime.timedelta(seconds=1))
        client.get(URL, **_bearer(secret))
        token.refresh_from_db()
        assert token.last_used_at == T0 + datetime.timedelta(minutes=1)


def test_a_recently_used_token_costs_no_write(
    client, staff_user, plan_year, django_assert_num_queries
):
    token, secret = _token(staff_user)
    with time_machine.travel(T0, tick=False):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=T0)
        # As in test_api_progress's count, less the UPDATE of last_used_at.
        with django_assert_num_queries(24):
            assert client.get(URL, **_bearer(secret)).status_code == 200


def test_it_shows_the_secret_once_when_an_admin_adds_a_token(client, admin_user, liaison):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:guangde_plan_apitoken_add"),
        {"user": liaison.pk, "name": "Township report script"},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    # Found by its hash, not by the wording around it (the message gets translated).
    shown = re.findall(r"[A-Za-z0-9_-]{43}", " ".join(map(str, response.context["messages"])))
    secret = next(word for word in shown if ApiToken.hash_secret(word) == token.key_hash)
    assert (token.user, token.name, token.is_active) == (liaison, "Township report script", True)
    assert secret.encode() in response.content
    # Never again: not on the token's page, not in the list.
    change = client.get(reverse("admin:guangde_plan_apitoken_change", args=[token.pk]))
    assert change.status_code == 200
    assert secret.encode() not in change.content
    assert token.prefix.encode() in change.content
    assert (
        secret.encode() not in client.get(reverse("admin:guangde_plan_apitoken_changelist")).content
    )


def test_an_admin_revokes_tokens_in_bulk(client, admin_user, staff_user):
    tokens = [_token(staff_user)[0] for _ in range(2)]
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:guangde_plan_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk for token in tokens]},
    )
    assert response.status_code == 302
    assert not ApiToken.objects.filter(is_active=True).exists()


def test_only_administrators_reach_the_token_admin(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("admin:guangde_plan_apitoken_add"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
