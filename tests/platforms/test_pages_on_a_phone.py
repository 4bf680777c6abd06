"""The platform pages on a phone (390 px wide), in a real browser: tables and the board
scroll inside their boxes; the page itself never scrolls sideways."""

from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from playwright.sync_api import Page, expect

from guangde_plan.models import PlanYear, User
from platforms.models import Level, Platform
from platforms.services import application_start
from tests.factories import UserFactory

from .factories import D, figures, grant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def world(live_server):
    # The platform kinds come from a data migration, which the flush after a transactional
    # test removes; setup_guangde needs them. (The migration's step is safe to run again.)
    import_module("platforms.migrations.0002_kinds_and_national_criteria").add(apps, None)
    call_command("setup_guangde", verbosity=0)
    staff = UserFactory(username="staff", role=User.Role.STAFF)
    port = Platform.objects.get(name="广德创新港")
    port.opened_on = D(2021, 9, 1)
    port.address = "广德经济开发区国华路与桐汭路交叉口东南侧创新港大楼"
    port.save()
    grant(port, Level.MUNICIPAL, D(2022, 5, 1), by=staff, number="宣科〔2022〕3号")
    grant(port, Level.PROVINCIAL, D(2023, 10, 1), by=staff, number="皖科区〔2023〕21号")
    figures(port, 2023, area=Decimal(12000), incubatees=45, graduates=22, fund=Decimal(380))
    application_start(
        platform=port,
        target_level=Level.NATIONAL,
        plan_year=PlanYear.objects.get(year=2024),
        stage="applied",
        on=D(2024, 4, 1),
        by=staff,
        note="已向科技部火炬中心报送材料",
    )
    return live_server.url, port


def log_in(page: Page, url: str):
    page.goto(url)  # the login page, with ?next= back
    page.locator("#id_username").fill("staff")
    page.locator("#id_password").fill("pass-word-123")
    page.locator("form button[type=submit]").click()
    # On a phone the user menu hides behind the toggler: wait for the page asked for.
    page.wait_for_url(lambda address: "/accounts/login/" not in address)
    expect(page.locator("main h1")).to_be_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/platforms/",
        "detail",
        "/platforms/new/",
        "recognition",
        "figures",
        "/platforms/applications/",
    ],
)
def test_pages_fit_a_phone_screen(page: Page, world, path):
    base, port = world
    paths = {
        "detail": port.get_absolute_url(),
        "recognition": f"/platforms/{port.pk}/recognitions/new/",
        "figures": f"/platforms/{port.pk}/figures/new/",
    }
    page.set_viewport_size(PHONE)
    log_in(page, f"{base}{paths.get(path, path)}")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"


def test_the_gap_to_national_level_reads_on_a_phone(page: Page, world):
    base, port = world
    page.set_viewport_size(PHONE)
    log_in(page, f"{base}{port.get_absolute_url()}")
    gap = page.get_by_test_id("gap-table")
    expect(gap.locator("[data-met='no']")).to_have_count(3)
    gap.scroll_into_view_if_needed()
    expect(gap).to_be_visible()
