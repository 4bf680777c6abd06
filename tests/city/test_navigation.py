"""The innovative-city menu: everyone reads the indicators, notices and units; only bureau
staff and administrators are offered to issue a notice (the others would get a 403)."""

import pytest
from django.urls import reverse

ISSUE = f'href="{reverse("platforms:notice_create")}"'
READS = [
    reverse("platforms:indicator_list"),
    reverse("platforms:notice_list"),
    reverse("platforms:department_list"),
]


@pytest.mark.parametrize(
    ("persona", "offered"),
    [("staff_user", True), ("admin_user", True), ("leader_user", False), ("liaison", False)],
)
def test_issuing_a_notice_is_offered_to_bureau_writers_only(
    request, client, plan_year, persona, offered
):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(reverse("home")).content.decode()
    assert all(f'href="{url}"' in page for url in READS)
    assert (ISSUE in page) is offered
