"""Real-browser tests: Playwright drives Debian's Chromium against a live server."""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from enterprises.models import Enterprise
from guangde_plan.models import OrgUnit, User
from tests.factories import EnterpriseFactory, UserFactory, make_uscc

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-word-123"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def world(live_server):
    call_command("setup_guangde", verbosity=0)
    taozhou = OrgUnit.objects.get(code="341882100")
    xinhang = OrgUnit.objects.get(code="341882104")
    EnterpriseFactory(org_unit=taozhou, name="桃州已有科技有限公司")
    EnterpriseFactory.create_batch(3, org_unit=xinhang)
    EnterpriseFactory(org_unit=xinhang, name="新杭测试材料有限公司")
    UserFactory(username="liaison_taozhou", role=User.Role.LIAISON, org_units=[taozhou])
    return live_server.url


def log_in(page: Page, base_url: str, username: str):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_test_id("user-menu")).to_contain_text(username)


def test_a_liaison_adds_an_enterprise_and_sees_only_their_unit(page: Page, world):
    log_in(page, world, "liaison_taozhou")

    page.get_by_role("button", name="企业").click()
    page.get_by_role("link", name="新增企业").click()
    page.get_by_label("企业名称").fill("桃州浏览器测试科技有限公司")
    # Pasted the way it comes out of Word: lower case, full-width digits, spaces.
    code = make_uscc(777)
    page.get_by_label("统一社会信用代码").fill(
        " " + code[:4].replace("9", "９") + " " + code[4:].lower()
    )
    # A liaison of one unit finds it chosen already.
    expect(page.get_by_label("所属乡镇园区")).to_have_value(
        str(OrgUnit.objects.get(code="341882100").pk)
    )
    page.get_by_label("技术领域").select_option(label="新材料")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("桃州浏览器测试科技有限公司")
    expect(page.get_by_text(code, exact=True)).to_be_visible()
    assert Enterprise.objects.get(uscc=code).org_unit.code == "341882100"

    page.get_by_role("link", name="企业名录").first.click()
    page.get_by_label("搜索").fill("浏览器测试")
    page.get_by_role("button", name="筛选").click()
    table = page.get_by_test_id("enterprise-table")
    expect(table.get_by_role("link", name="桃州浏览器测试科技有限公司")).to_be_visible()

    page.goto(f"{world}/enterprises/")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).not_to_contain_text("新杭镇")
    expect(table).not_to_contain_text("新杭测试材料有限公司")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "liaison-enterprise-list.png", full_page=True)


def test_a_bad_code_is_explained_beside_the_field(page: Page, world):
    log_in(page, world, "liaison_taozhou")
    page.goto(f"{world}/enterprises/new/")
    page.get_by_label("企业名称").fill("错误代码有限公司")
    page.get_by_label("统一社会信用代码").fill(make_uscc(5)[:-1] + "0")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#id_uscc + .invalid-feedback, .invalid-feedback")).to_contain_text(
        "校验码"
    )
    assert not Enterprise.objects.filter(name="错误代码有限公司").exists()


@pytest.mark.parametrize("path", ["/", "/enterprises/", "/enterprises/new/", "detail"])
def test_pages_fit_a_phone_screen(page: Page, world, path):
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, world, "liaison_taozhou")
    if path == "detail":
        path = Enterprise.objects.get(name="桃州已有科技有限公司").get_absolute_url()
    page.goto(f"{world}{path}")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    # The menu is collapsed behind the toggler and opens on tap.
    toggler = page.get_by_role("button", name="菜单")
    expect(toggler).to_be_visible()
    toggler.click()
    expect(page.get_by_role("button", name="企业")).to_be_visible()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_menu_fits_one_line_on_a_laptop_in_both_languages(page: Page, world, language):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, world, "liaison_taozhou")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": world}])
    page.goto(f"{world}/enterprises/")
    assert page.evaluate("document.documentElement.lang") == language
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px in {language}"
    navbar_height = page.locator("nav.app-navbar").bounding_box()["height"]
    assert navbar_height < 70, f"the menu wraps onto a second line in {language}"
