from django.urls import reverse

from guangde_plan.navigation import SECTIONS


def test_every_available_item_resolves():
    for section in SECTIONS:
        if section.url_name:
            assert reverse(section.url_name)
        for item in section.items:
            assert item.url is None or item.url.startswith("/")


def test_read_only_users_are_not_offered_writes(client, leader_user, staff_user, org_units):
    create = f'href="{reverse("enterprises:create")}"'
    client.force_login(leader_user)
    assert create not in client.get(reverse("home")).content.decode()
    client.force_login(staff_user)
    assert create in client.get(reverse("home")).content.decode()


def test_sections_still_to_come_are_shown_disabled(client, staff_user, org_units):
    client.force_login(staff_user)
    page = client.get(reverse("home")).content.decode()
    assert 'aria-disabled="true"' in page
