"""The import_ledger and export_ledger commands."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from enterprises.ledger.reading import read_ledger
from enterprises.models import Enterprise
from tests.factories import make_uscc

from .conftest import ENTERPRISE_HEADERS, enterprise_row, frozen, xlsx_bytes

pytestmark = frozen
CODE = make_uscc(300001)


def run(name, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(name, *args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(name, *args, stdout=out, stderr=err)
    return caught.value.returncode, str(caught.value), err.getvalue()


@pytest.fixture
def ledger_file(tmp_path):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(xlsx_bytes({"企业名录": [ENTERPRISE_HEADERS, enterprise_row(CODE)]}))
    return path


def test_a_dry_run_previews_and_writes_nothing(ledger_file, staff_user, org_units):
    out, _err = run("import_ledger", str(ledger_file), "--as", "staff", "--dry-run")
    assert "企业名录：新增1条，更新0条，无变化0条" in out
    assert "试运行：未写入任何内容。" in out
    assert "桃州新材料有限公司" in out
    assert not Enterprise.objects.exists()


def test_it_imports_as_the_named_user(ledger_file, liaison):
    run("import_ledger", str(ledger_file), "--as", "liaison_taozhou")
    enterprise = Enterprise.objects.get(uscc=CODE)
    assert enterprise.history.get().history_user == liaison
    out, _err = run("import_ledger", str(ledger_file), "--as", "liaison_taozhou")
    assert Enterprise.objects.count() == 1
    assert "企业名录：新增0条，更新0条，无变化1条" in out
    assert "没有变化，无需写入。" in out


def test_refused_rows_exit_1_with_the_report_and_the_rejected_workbook(
    tmp_path, outsider, org_units
):
    path = tmp_path / "in.xlsx"
    rejected = tmp_path / "rejected.xlsx"
    path.write_bytes(xlsx_bytes({"企业名录": [ENTERPRISE_HEADERS, enterprise_row(CODE)]}))
    code, _message, err = refused(
        "import_ledger", str(path), "--as", "liaison_xinhang", "--rejected", str(rejected)
    )
    assert code == 1
    assert "企业名录" in err and "所属乡镇园区" in err and "2" in err
    ledger = read_ledger(io.BytesIO(rejected.read_bytes()), filename="rejected.xlsx")
    assert ledger.get("企业名录").ignored_columns == ["错误原因"]
    assert not Enterprise.objects.exists()


def test_a_refused_file_exits_1(tmp_path, staff_user):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"not a workbook")
    code, message, _err = refused("import_ledger", str(path), "--as", "staff")
    assert code == 1
    assert message


@pytest.mark.parametrize(
    ("args", "fixture"),
    [
        (["--as", "nobody"], "staff_user"),
        (["--as", "leader"], "leader_user"),
    ],
)
def test_bad_arguments_exit_2(request, ledger_file, args, fixture):
    request.getfixturevalue(fixture)
    code, _message, _err = refused("import_ledger", str(ledger_file), *args)
    assert code == 2


def test_a_missing_file_exits_2(tmp_path, staff_user):
    code, _message, _err = refused("import_ledger", str(tmp_path / "none.xlsx"), "--as", "staff")
    assert code == 2


def test_export_then_import_changes_nothing(tmp_path, staff_user, taozhou_enterprise):
    path = tmp_path / "export.xlsx"
    run("export_ledger", "--year", "2024", str(path))
    out, _err = run("import_ledger", str(path), "--as", "staff")
    assert Enterprise.objects.get().history.count() == 1  # only the factory's creation
    assert "桃州测试科技有限公司" not in out  # no row listed as a change


def test_export_of_an_unknown_unit_exits_1(tmp_path, org_units):
    code, _message, _err = refused(
        "export_ledger", "--year", "2024", "--org-unit", "999", str(tmp_path / "x.xlsx")
    )
    assert code == 1


def test_a_template_needs_one_unit(tmp_path, taozhou_enterprise):
    code, _message, _err = refused(
        "export_ledger", "--year", "2024", "--template", str(tmp_path / "x.xlsx")
    )
    assert code == 2
    path = tmp_path / "t.xlsx"
    run("export_ledger", "--year", "2024", "--template", "--org-unit", "341882100", str(path))
    rows = read_ledger(io.BytesIO(path.read_bytes()), filename="t.xlsx").get("年度数据").rows
    assert [(row.values["统一社会信用代码"], row.values["年度"]) for row in rows] == [
        (taozhou_enterprise.uscc, 2024)
    ]
