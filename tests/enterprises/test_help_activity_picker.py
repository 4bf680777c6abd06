"""The enterprise picker of the activity form in a real browser, at phone size
(static/js/enterprise-picker.js)."""

import datetime

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from enterprises.models import HelpActivity
from guangde_plan.models import OrgUnit, User
from tests.factories import EnterpriseFactory, UserFactory, make_uscc

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-word-123"


@pytest.fixture
def world(live_server):
    call_command("setup_guangde", verbosity=0)
    taozhou = OrgUnit.objects.get(code="341882100")
    EnterpriseFactory.create_batch(120, org_unit=taozhou)
    EnterpriseFactory(org_unit=taozhou, name="桃州目标科技有限公司", uscc=make_uscc(4242))
    UserFactory(username="liaison_taozhou", role=User.Role.LIAISON, org_units=[taozhou])
    return live_server.url


def test_a_liaison_finds_and_ticks_an_enterprise_among_many(page: Page, world):
    base_url = world
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=username]").fill("liaison_taozhou")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.goto(f"{base_url}/enterprises/help/activities/new/")

    picker = page.get_by_test_id("enterprise-picker")
    options = picker.locator("[data-picker-option]")
    expect(options).to_have_count(121)
    search = picker.locator("[data-picker-search]")
    expect(search).to_be_visible()

    search.fill("目标")
    expect(options.locator("visible=true")).to_have_count(1)
    # Enter in the filter box must not submit the form.
    search.press("Enter")
    expect(page).to_have_url(f"{base_url}/enterprises/help/activities/new/")
    # Full-width digits of a pasted credit code match too.
    search.fill(make_uscc(4242)[-8:].translate(str.maketrans("0123456789", "０１２３４５６７８９")))
    expect(options.locator("visible=true")).to_have_count(1)
    options.locator("visible=true").locator("input").check()
    expect(picker.locator("[data-picker-count]")).to_contain_text("1")

    search.fill("没有这家企业")
    expect(picker.locator("[data-picker-none]")).to_be_visible()
    search.fill("")
    picker.locator("[data-picker-ticked-only]").check()
    expect(options.locator("visible=true")).to_have_count(1)

    page.locator("select[name=kind]").select_option("visit")
    page.locator("input[name=title]").fill("上门走访")
    page.locator("input[name=held_on]").fill(datetime.date.today().isoformat())
    page.locator("form.card button[type=submit]").click()

    expect(page.get_by_test_id("activity-enterprises")).to_contain_text("桃州目标科技有限公司")
    activity = HelpActivity.objects.get()
    assert [enterprise.name for enterprise in activity.enterprises.all()] == [
        "桃州目标科技有限公司"
    ]
