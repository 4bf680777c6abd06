"""The dashboard in a real browser: it fits a phone and a laptop, and its figures lead to the
records behind them."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from guangde_plan.models import OrgUnit, Target, TargetQuota, User
from tests.factories import (
    EnterpriseFactory,
    HteCertificateFactory,
    TechSmeRegistrationFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-word-123"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
# A day inside the 2024 plan, so that expected values and forecasts show.
DASHBOARD = "/?as_of=2024-06-01"


@pytest.fixture
def world(live_server):
    call_command("setup_guangde", verbosity=0)
    taozhou = OrgUnit.objects.get(code="341882100")
    xinhang = OrgUnit.objects.get(code="341882104")
    for unit, count in [(taozhou, 4), (xinhang, 3)]:
        for _ in range(count):
            HteCertificateFactory(
                enterprise=EnterpriseFactory(org_unit=unit), issued_on=datetime.date(2023, 3, 1)
            )
    # A lapsed certificate: not a holder on the day, and not on the list either.
    HteCertificateFactory(enterprise__org_unit=taozhou, issued_on=datetime.date(2021, 1, 5))
    TechSmeRegistrationFactory.create_batch(5, enterprise__org_unit=taozhou, year=2024)
    hte_total = Target.objects.get(code="hte_total")
    TargetQuota.objects.create(target=hte_total, org_unit=taozhou, value=120)
    TargetQuota.objects.create(target=hte_total, org_unit=xinhang, value=70)
    UserFactory(username="staff", role=User.Role.STAFF)
    UserFactory(username="liaison_taozhou", role=User.Role.LIAISON, org_units=[taozhou])
    return live_server.url


def log_in(page: Page, base_url: str, username: str):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_test_id("user-menu")).to_contain_text(username)


def sideways_overflow(page: Page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize(
    ("width", "height", "username"),
    [(375, 740, "staff"), (375, 740, "liaison_taozhou"), (1366, 768, "staff")],
)
def test_the_dashboard_fits_the_screen(page: Page, world, width, height, username):
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, world, username)
    page.goto(f"{world}{DASHBOARD}")
    expect(page.get_by_test_id("dashboard-summary")).to_be_visible()
    overflow = sideways_overflow(page)
    assert overflow <= 0, f"the dashboard scrolls sideways by {overflow}px at {width}px"
    # Tables scroll inside their own box rather than widening the page.
    for box in page.locator(".table-responsive").all():
        assert box.bounding_box()["width"] <= width
    if width >= 1366:
        # At a glance: the summary and the first section's targets in the first screen.
        for locator in [
            page.get_by_test_id("dashboard-summary"),
            page.locator('[data-target-code="tech_sme_total"]'),
        ]:
            box = locator.bounding_box()
            assert box["y"] + box["height"] <= height, "not visible without scrolling"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"dashboard-{width}-{username}.png", full_page=True)


@pytest.mark.parametrize("width", [375, 1366])
def test_clicking_the_hte_figure_lists_the_holders(page: Page, world, width):
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, world, "staff")
    page.goto(f"{world}{DASHBOARD}")
    figure = page.locator('[data-target-code="hte_total"] [data-testid="actual"]')
    expect(figure).to_have_text("7")
    figure.click()
    expect(page).to_have_url(f"{world}/enterprises/?hte_valid_on=2024-06-01")
    expect(page.get_by_test_id("result-count")).to_contain_text("7")
    expect(page.get_by_test_id("enterprise-table").locator("tbody tr")).to_have_count(7)
    expect(page.locator("#id_hte_valid_on")).to_have_value("2024-06-01")  # the filter shows


def test_a_liaison_follows_their_units_figure(page: Page, world):
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, world, "liaison_taozhou")
    page.goto(f"{world}{DASHBOARD}")
    rows = page.get_by_test_id("unit-table").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("桃州镇")
    rows.first.get_by_test_id("unit-actual").click()
    expect(page.get_by_test_id("result-count")).to_contain_text("4")
    expect(page.get_by_test_id("enterprise-table")).not_to_contain_text("新杭镇")


def test_choosing_a_target_redraws_the_unit_table(page: Page, world):
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, world, "staff")
    page.goto(f"{world}{DASHBOARD}")
    expect(page.get_by_test_id("quotas-warning")).to_be_visible()  # 120 + 70 ≠ 200
    page.locator("#unit-target").select_option("tech_sme_total")
    expect(page).to_have_url(f"{world}/?year=2024&as_of=2024-06-01&target=tech_sme_total")
    taozhou = page.locator('[data-unit-code="341882100"] [data-testid="unit-actual"]')
    expect(taozhou).to_have_text("5")
    expect(page.get_by_test_id("no-quotas")).to_be_visible()


def test_the_trend_chart_draws_offline(page: Page, world):
    """ECharts comes from the app's own static files (npm at setup), never a CDN."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    log_in(page, world, "staff")
    page.goto(f"{world}{DASHBOARD}")
    chart = page.locator("#progress-chart")
    expect(chart).to_have_attribute("data-ready", "true")
    expect(chart.locator("canvas")).to_have_count(1)
    assert all(url.startswith(world) for url in requested), [
        url for url in requested if not url.startswith(world)
    ]
