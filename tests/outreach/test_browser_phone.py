"""The issue's "done when", in Chromium on a 390 px wide phone: a liaison records a 5.30
event with photos; staff see a month's theme coverage and the societies due for renewal.
No page of the section is wider than the phone. (Fields are found by their ids, not their
labels, which the catalogue translates.)"""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from guangde_plan.models import OrgUnit, User
from outreach.models import Event
from tests.factories import UserFactory

from .factories import EventFactory, SocietyFactory, ThemeFactory, image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-word-123"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def world(live_server):
    call_command("setup_guangde", verbosity=0)
    taozhou = OrgUnit.objects.get(code="341882100")
    UserFactory(username="liaison_taozhou", role=User.Role.LIAISON, org_units=[taozhou])
    UserFactory(username="staff", role=User.Role.STAFF)
    ThemeFactory(month=5, title="弘扬科学家精神")
    SocietyFactory(name="广德市竹产业协会", term_started_on=datetime.date(2019, 3, 1))
    return live_server.url


def log_in(page: Page, base_url: str, username: str):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_test_id("user-menu")).to_be_attached()


def fits_the_phone(page: Page) -> bool:
    # Wide tables and the tabs scroll inside their own boxes; the page itself never does.
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_may_30_event_and_the_staff_views_on_a_phone(page: Page, world, tmp_path):
    page.set_viewport_size(PHONE)
    log_in(page, world, "liaison_taozhou")
    page.goto(world + reverse("outreach:key_day", kwargs={"key_day": "workers_day"}))
    assert fits_the_phone(page)
    page.get_by_test_id("record-event").click()
    expect(page.locator("#id_held_on")).to_have_value("2024-05-30")
    page.locator("#id_title").fill("5.30 科技志愿服务进社区")
    page.locator("#id_kind").select_option("volunteer")
    page.locator("#id_theme").select_option(label="2024-05 弘扬科学家精神")
    page.locator("#id_audience").fill("320")
    photos = []
    for name, image_format in (("现场1.jpg", "JPEG"), ("现场2.png", "PNG")):
        path = tmp_path / name
        path.write_bytes(image_bytes(image_format, size=(800, 600)))
        photos.append(str(path))
    page.locator("#id_photos").set_input_files(photos)
    assert fits_the_phone(page)
    page.locator("main form.card button[type=submit]").first.click()
    expect(page.get_by_test_id("photos").locator("img")).to_have_count(2)
    page.get_by_test_id("photos").scroll_into_view_if_needed()  # the images load lazily
    page.wait_for_function(
        "Array.from(document.querySelectorAll('[data-testid=photos] img'))"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    assert fits_the_phone(page)
    event = Event.objects.get()
    assert event.org_unit.code == "341882100" and event.photos.count() == 2

    EventFactory(org_unit=OrgUnit.objects.get(code="341882104"), held_on=datetime.date(2024, 5, 3))
    page.context.clear_cookies()
    log_in(page, world, "staff")
    page.goto(world + reverse("outreach:theme_month", kwargs={"year": 2024, "month": 5}))
    expect(page.get_by_test_id("coverage-table").locator("[data-not-covered]")).to_have_count(12)
    assert fits_the_phone(page)
    page.goto(world + reverse("outreach:figures"))
    expect(page.get_by_test_id("renewals")).to_contain_text("广德市竹产业协会")
    assert fits_the_phone(page)
    for name in ("themes", "event_list", "base_list", "honoree_list", "society_list", "paper_list"):
        page.goto(world + reverse(f"outreach:{name}"))
        assert fits_the_phone(page), name
    page.goto(world + reverse("outreach:society_list") + "?renewal=overdue")
    expect(page.locator("[data-renewal=overdue]")).to_have_count(1)
