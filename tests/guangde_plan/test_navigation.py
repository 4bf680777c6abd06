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


def test_every_section_of_the_plan_has_its_pages_now(client, staff_user, org_units):
    assert all(item.url_name for section in SECTIONS for item in section.items)
    client.force_login(staff_user)
    page = client.get(reverse("home")).content.decode()
    assert 'aria-disabled="true"' not in page


def test_a_section_still_to_come_is_shown_disabled(client, staff_user, org_units, monkeypatch):
    from guangde_plan import context_processors
    from guangde_plan.navigation import NavItem, NavSection

    coming = NavSection("Coming", "hourglass", items=[NavItem("Later", None)])
    monkeypatch.setattr(context_processors, "SECTIONS", [*SECTIONS, coming])
    client.force_login(staff_user)
    page = client.get(reverse("home")).content.decode()
    assert '<span class="dropdown-item disabled" aria-disabled="true">Later' in page
