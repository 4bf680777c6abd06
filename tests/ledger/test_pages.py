"""The ledger pages in the browser: upload, preview, confirm, the rows to correct, paste,
the township template and the export."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enterprises.ledger.reading import MAX_FILE_BYTES
from enterprises.models import AnnualFigures, Enterprise, LedgerUpload
from guangde_plan.figures_cache import GENERATION_KEY
from tests.factories import AnnualFiguresFactory, EnterpriseFactory, make_uscc

from .conftest import (
    ENTERPRISE_HEADERS,
    FIGURES_HEADERS,
    enterprise_row,
    figures_row,
    frozen,
    xlsx_bytes,
)

pytestmark = frozen
LEDGER = reverse("enterprises:ledger")
UPLOAD = reverse("enterprises:ledger_upload")
PASTE = reverse("enterprises:figures_paste")


def upload(client, sheets, name="台账.xlsx"):
    file = SimpleUploadedFile(name, xlsx_bytes(sheets))
    return client.post(UPLOAD, {"file": file})


def preview_url(response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def workbook(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_a_liaison_previews_then_confirms_and_the_records_are_theirs(
    client, liaison, plan_year, django_capture_on_commit_callbacks
):
    client.force_login(liaison)
    uscc = make_uscc(501)
    url = preview_url(
        upload(
            client,
            {
                "企业名录": [ENTERPRISE_HEADERS, enterprise_row(uscc)],
                "年度数据": [FIGURES_HEADERS, figures_row(uscc)],
            },
        )
    )
    page = client.get(url)
    assert page.status_code == 200
    assert Enterprise.objects.count() == 0  # nothing written by the preview
    summary = {sheet["name"]: sheet["counts"]["create"] for sheet in page.context["sheets"]}
    assert summary == {"企业名录": 1, "年度数据": 1}
    assert "桃州新材料有限公司" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("enterprises:ledger_confirm", args=[page.context["upload"].pk]),
            {"fingerprint": page.context["fingerprint"]},
        )
    assert response.status_code == 302
    enterprise = Enterprise.objects.get(uscc=uscc)
    assert enterprise.history.get().history_user == liaison
    assert AnnualFigures.objects.get(enterprise=enterprise).sales_revenue == Decimal(3000)
    upload_row = LedgerUpload.objects.get()
    assert upload_row.status == LedgerUpload.Status.IMPORTED
    assert upload_row.content is None
    assert upload_row.summary["企业名录"]["create"] == 1
    done = client.get(url)
    assert "已导入" in done.content.decode()
    # The dashboard counts the new enterprise at once.
    home = client.get(reverse("home"))
    assert [unit.enterprise_count for unit in home.context["units"]] == [1]


def test_one_bad_row_stops_everything_and_says_where(client, liaison, plan_year):
    client.force_login(liaison)
    good, bad = make_uscc(502), make_uscc(503)
    url = preview_url(
        upload(
            client,
            {
                "企业名录": [
                    ENTERPRISE_HEADERS,
                    enterprise_row(good),
                    enterprise_row(bad, 成立日期="2015-02-30"),
                ]
            },
        )
    )
    page = client.get(url)
    errors = page.context["plan"].errors
    assert [(e.sheet, e.row, e.column) for e in errors] == [("企业名录", 3, "成立日期")]
    content = page.content.decode()
    assert 'data-testid="confirm-form"' not in content
    assert "成立日期" in content
    # Confirming anyway writes nothing.
    response = client.post(
        reverse("enterprises:ledger_confirm", args=[page.context["upload"].pk]),
        {"fingerprint": page.context["fingerprint"]},
    )
    assert response.status_code == 200
    assert Enterprise.objects.count() == 0
    # The rows to correct, with their reasons, in the same format.
    rejected = workbook(
        client.get(reverse("enterprises:ledger_rejected", args=[page.context["upload"].pk]))
    )
    rows = list(rejected["企业名录"].iter_rows(values_only=True))
    assert rows[0][-1] == "错误原因"
    assert [row[0] for row in rows[1:]] == [good, bad]
    assert rows[1][-1] is None
    assert "成立日期" in rows[2][-1]


def test_a_file_that_is_no_ledger_is_refused_on_the_form(client, liaison, plan_year):
    client.force_login(liaison)
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("台账.xlsx", b"not a zip at all")})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert LedgerUpload.objects.count() == 0


def test_a_file_over_the_limit_is_refused_before_it_is_read(client, liaison, plan_year):
    client.force_login(liaison)
    big = SimpleUploadedFile("大.xlsx", b"0" * (MAX_FILE_BYTES + 1))
    response = client.post(UPLOAD, {"file": big})
    assert "10 MB" in response.context["form"].errors["file"][0]
    assert LedgerUpload.objects.count() == 0


def test_records_changed_after_the_preview_are_not_overwritten_blindly(
    client, liaison, taozhou, plan_year
):
    client.force_login(liaison)
    enterprise = EnterpriseFactory(org_unit=taozhou, name="旧名称有限公司")
    url = preview_url(
        upload(
            client,
            {
                "企业名录": [
                    ENTERPRISE_HEADERS,
                    enterprise_row(enterprise.uscc, name="新名称有限公司"),
                ]
            },
        )
    )
    page = client.get(url)
    enterprise.name = "别人改过的名称有限公司"
    enterprise.save()
    response = client.post(
        reverse("enterprises:ledger_confirm", args=[page.context["upload"].pk]),
        {"fingerprint": page.context["fingerprint"]},
    )
    assert response.status_code == 200
    assert response.context["notice"]
    enterprise.refresh_from_db()
    assert enterprise.name == "别人改过的名称有限公司"
    assert LedgerUpload.objects.get().status == LedgerUpload.Status.PREVIEWED


def test_another_users_upload_is_not_found(client, liaison, staff_user, plan_year):
    client.force_login(liaison)
    url = preview_url(
        upload(client, {"企业名录": [ENTERPRISE_HEADERS, enterprise_row(make_uscc(504))]})
    )
    client.force_login(staff_user)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("with_header", [True, False])
def test_pasted_rows_go_through_the_same_preview(client, liaison, taozhou, plan_year, with_header):
    client.force_login(liaison)
    first, second = EnterpriseFactory(org_unit=taozhou), EnterpriseFactory(org_unit=taozhou)
    lines = [figures_row(first.uscc), figures_row(second.uscc, **{"研发费用(万元)": "1,234.5"})]
    if with_header:
        lines.insert(0, FIGURES_HEADERS)
    text = "\r\n".join(
        "\t".join("" if cell is None else str(cell) for cell in line) for line in lines
    )
    page = client.get(preview_url(client.post(PASTE, {"text": text})))
    assert page.context["plan"].errors == []
    assert page.context["totals"]["create"] == 2
    client.post(
        reverse("enterprises:ledger_confirm", args=[page.context["upload"].pk]),
        {"fingerprint": page.context["fingerprint"]},
    )
    assert AnnualFigures.objects.get(enterprise=second).rd_expense == Decimal("1234.5")


def test_pasting_nothing_is_refused(client, liaison, plan_year):
    client.force_login(liaison)
    response = client.post(PASTE, {"text": "   \n  "})
    assert response.status_code == 200
    assert response.context["form"].errors["text"]


def test_the_township_template_holds_the_units_enterprises_and_last_years_figures(
    client, liaison, taozhou, xinhang, plan_year
):
    own = EnterpriseFactory(org_unit=taozhou)
    AnnualFiguresFactory(enterprise=own, year=2023, employees=77)
    EnterpriseFactory(org_unit=xinhang)
    client.force_login(liaison)
    response = client.get(
        reverse("enterprises:ledger_template"), {"org_unit": taozhou.pk, "year": 2024}
    )
    book = workbook(response)
    assert [row[0] for row in book["企业名录"].iter_rows(min_row=2, values_only=True)] == [own.uscc]
    figures = list(book["年度数据"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[1]) for row in figures] == [(own.uscc, 2023), (own.uscc, 2024)]


def test_another_units_template_is_refused_with_a_message(client, liaison, xinhang, plan_year):
    client.force_login(liaison)
    response = client.get(
        reverse("enterprises:ledger_template"), {"org_unit": xinhang.pk, "year": 2024}, follow=True
    )
    assert response.redirect_chain[-1][0] == LEDGER
    assert any("选择" in str(message) for message in response.context["messages"])


def test_a_liaisons_export_holds_only_their_units(client, liaison, taozhou, xinhang, plan_year):
    own, other = EnterpriseFactory(org_unit=taozhou), EnterpriseFactory(org_unit=xinhang)
    client.force_login(liaison)
    book = workbook(client.get(reverse("enterprises:ledger_export"), {"year": 2024}))
    usccs = [row[0] for row in book["企业名录"].iter_rows(min_row=2, values_only=True)]
    assert usccs == [own.uscc]
    assert other.uscc not in usccs


def test_a_leader_downloads_but_cannot_upload(client, leader_user, taozhou, plan_year):
    EnterpriseFactory(org_unit=taozhou)
    client.force_login(leader_user)
    page = client.get(LEDGER)
    assert page.status_code == 200
    assert page.context["form"] is None
    assert workbook(client.get(reverse("enterprises:ledger_export"), {"year": 2024}))
    assert client.post(UPLOAD).status_code == 403


@pytest.mark.parametrize("rows", [5, 50])
def test_the_preview_runs_the_same_queries_whatever_the_rows(
    client, liaison, plan_year, django_assert_num_queries, rows
):
    client.force_login(liaison)
    usccs = [make_uscc(600 + n) for n in range(rows)]
    url = preview_url(
        upload(
            client,
            {
                "企业名录": [ENTERPRISE_HEADERS]
                + [enterprise_row(uscc, name=f"企业{n}") for n, uscc in enumerate(usccs)],
                "年度数据": [FIGURES_HEADERS] + [figures_row(uscc) for uscc in usccs],
            },
        )
    )
    # session, user, the upload; the importer's lookups: the units (with their former
    # names), the user's writable units, the enterprises by credit code (none yet, so no
    # figures to read); the user's units for the menu
    with django_assert_num_queries(PREVIEW_QUERIES):
        assert client.get(url).status_code == 200


PREVIEW_QUERIES = 8


def test_the_upload_needs_no_generation_bump_until_confirmed(client, liaison, plan_year):
    from django.core.cache import cache

    client.force_login(liaison)
    client.get(reverse("home"))
    before = cache.get(GENERATION_KEY)
    preview_url(upload(client, {"企业名录": [ENTERPRISE_HEADERS, enterprise_row(make_uscc(505))]}))
    assert cache.get(GENERATION_KEY) == before
