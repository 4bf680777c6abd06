"""The innovative-city pages in a real browser: they fit a phone (390 px wide) without
sideways scrolling, and a notice prints without the menu. Staff issue a notice to the
statistics bureau and record its reply, as a user would."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from guangde_plan import seed_guangde
from guangde_plan.models import PlanYear, User
from platforms.models import IndicatorGroup, IndicatorValue, Notice
from tests.factories import UserFactory

from .factories import DepartmentFactory, IndicatorFactory, IndicatorValueFactory, issue_notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-word-123"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
D = datetime.date


@pytest.fixture
def world(live_server):
    """The 2024 plan and the five lines of work, made here rather than by setup_guangde:
    each transactional test starts from an empty database, without the rows that data
    migrations seed (which setup_guangde needs)."""
    PlanYear.objects.get_or_create(year=2024, defaults={"title": "2024年工作计划"})
    for order, (name, _description) in enumerate(seed_guangde.INDICATOR_GROUPS, start=1):
        IndicatorGroup.objects.get_or_create(name=name, defaults={"sort_order": order})
    stats = DepartmentFactory(
        name="宣城市广德市统计局（综合统计科）",
        contact_person="王主任",
        contact_phone="0563-6012345",
        email="guangde.statistics.bureau@example.gov.cn",
    )
    long_name = "规模以上工业企业研究与试验发展（R&D）活动覆盖率及有研发机构企业占比"
    rd = IndicatorFactory(name="全社会研发经费投入强度", department=stats, target=Decimal("2.5"))
    coverage = IndicatorFactory(name=long_name, department=stats, target=Decimal("50"))
    IndicatorValueFactory(indicator=rd, as_of=D(2024, 3, 1), value=Decimal("2.31"))
    issue_notice(department=stats, indicators=[rd, coverage], due_on=D(2024, 3, 20))
    UserFactory(username="staff", role=User.Role.STAFF)
    return live_server.url, stats, rd


def log_in(page: Page, base_url: str, username: str):
    page.goto(f"{base_url}/accounts/login/?next=/city/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_test_id("user-menu")).to_contain_text(username)


def sideways_overflow(page: Page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_the_pages_fit_a_phone(page: Page, world):
    base_url, stats, rd = world
    notice = Notice.objects.get()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, base_url, "staff")
    for name, path in [
        ("indicators", "/city/"),
        ("indicator", f"/city/indicators/{rd.pk}/"),
        ("notices", "/city/notices/"),
        ("notice", f"/city/notices/{notice.pk}/"),
        ("departments", "/city/departments/"),
        ("issue", f"/city/notices/new/?department={stats.pk}"),
        ("reply", f"/city/notices/{notice.pk}/reply/"),
    ]:
        page.goto(base_url + path)
        page.screenshot(path=SCREENSHOTS / f"city-{name}-390.png", full_page=True)
        assert sideways_overflow(page) <= 0, name


def test_a_notice_prints_without_the_menu(page: Page, world):
    base_url, _stats, _rd = world
    log_in(page, base_url, "staff")
    page.goto(f"{base_url}/city/notices/{Notice.objects.get().pk}/")
    page.emulate_media(media="print")
    expect(page.locator(".app-navbar")).to_be_hidden()
    expect(page.get_by_test_id("print")).to_be_hidden()
    expect(page.get_by_test_id("reply-form")).to_be_hidden()
    expect(page.get_by_test_id("notice-sheet")).to_contain_text("2024-001")


def test_staff_issue_a_notice_and_record_the_reply(page: Page, world):
    base_url, stats, rd = world
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, base_url, "staff")
    page.goto(f"{base_url}/city/indicators/{rd.pk}/")
    page.get_by_test_id("issue-notice").click()
    page.locator("#id_subject").fill("报送上半年研发投入强度")
    page.locator("#id_content").fill("请于月底前报送。")
    page.locator("#id_issued_on").fill("2024-06-01")
    page.locator("#id_due_on").fill("2024-06-30")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("notice-sheet")).to_contain_text("2024-002")
    notice = Notice.objects.get(number=2)
    assert notice.department == stats and list(notice.indicators.all()) == [rd]

    form = page.get_by_test_id("reply-form")
    form.locator("#id_replied_on").fill("2024-06-28")
    form.locator("#id_reply").fill("已报送。")
    form.locator(f"#id_value_{rd.pk}").fill("2.45")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("reply")).to_contain_text("已报送。")
    expect(page.get_by_test_id("notice-indicators")).to_contain_text("2.45")
    assert IndicatorValue.objects.get(notice=notice).value == Decimal("2.45")
