"""A liaison's ledger round in a real browser, on a phone-sized screen: upload a workbook
with a bad row, read the problems, download the marked file, correct it, upload it again,
confirm, and find the figures on the dashboard's registry table."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from enterprises.models import AnnualFigures, Enterprise
from guangde_plan.models import OrgUnit, User
from tests.factories import UserFactory, make_uscc
from tests.ledger.conftest import ENTERPRISE_HEADERS, FIGURES_HEADERS, enterprise_row, figures_row

from .test_dashboard import SCREENSHOTS, log_in, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _workbook(path, sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)


def test_a_liaison_corrects_a_refused_file_and_imports_it(page: Page, live_server, tmp_path):
    call_command("setup_guangde", verbosity=0)
    taozhou = OrgUnit.objects.get(code="341882100")
    UserFactory(username="liaison_taozhou", role=User.Role.LIAISON, org_units=[taozhou])
    first, second = make_uscc(7001), make_uscc(7002)
    original = tmp_path / "桃州镇台账.xlsx"
    _workbook(
        original,
        {
            "企业名录": [
                ENTERPRISE_HEADERS,
                enterprise_row(first, name="桃州甲科技有限公司"),
                enterprise_row(second, name="桃州乙科技有限公司", unit="新杭镇"),
            ],
            "年度数据": [FIGURES_HEADERS, figures_row(first, 2023, 职工总数="很多")],
        },
    )
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, "liaison_taozhou")
    page.goto(f"{live_server.url}/enterprises/ledger/")
    page.get_by_label("台账文件").set_input_files(original)
    page.get_by_role("button", name="上传并预览").click()

    # Refused: two problems, each where it is, nothing written.
    errors = page.get_by_test_id("errors")
    expect(errors).to_contain_text("职工总数")
    expect(errors).to_contain_text("所属乡镇园区")
    expect(page.get_by_test_id("confirm-form")).to_have_count(0)
    assert sideways_overflow(page) <= 0
    page.screenshot(path=SCREENSHOTS / "ledger-refused-phone.png", full_page=True)
    assert Enterprise.objects.count() == 0

    # The file back with the problems marked; corrected and uploaded again.
    with page.expect_download() as download_info:
        page.get_by_test_id("rejected-download").click()
    marked = openpyxl.load_workbook(io.BytesIO(download_info.value.path().read_bytes()))
    names = marked["企业名录"]
    assert names.cell(row=3, column=len(ENTERPRISE_HEADERS) + 1).value
    names.cell(row=3, column=3).value = "桃州镇"
    marked["年度数据"].cell(row=2, column=7).value = 120
    corrected = tmp_path / "桃州镇台账-改.xlsx"
    marked.save(corrected)
    page.goto(f"{live_server.url}/enterprises/ledger/")
    page.get_by_label("台账文件").set_input_files(corrected)
    page.get_by_role("button", name="上传并预览").click()

    expect(page.get_by_test_id("summary")).to_contain_text("企业名录")
    expect(page.get_by_test_id("ignored")).to_contain_text("错误原因")
    page.screenshot(path=SCREENSHOTS / "ledger-preview-phone.png", full_page=True)
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_test_id("summary")).to_contain_text("年度数据")
    assert Enterprise.objects.filter(org_unit=taozhou).count() == 2
    assert AnnualFigures.objects.get(enterprise__uscc=first, year=2023).employees == 120

    page.get_by_role("link", name="查看首页").click()
    expect(page.locator("body")).to_contain_text("桃州镇")
