"""Reading ledger files, and refusing the ones that are not (or are hostile)."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from defusedxml import DefusedXmlException

from enterprises.ledger import reading
from enterprises.ledger.reading import LedgerFileError, read_ledger
from tests.factories import make_uscc

from .conftest import ENTERPRISE_HEADERS, FIGURES_HEADERS, enterprise_row, read, xlsx_bytes

CODE = make_uscc(500001)


def refusal(data: bytes, filename: str = "台账.xlsx") -> str:
    with pytest.raises(LedgerFileError) as caught:
        read_ledger(io.BytesIO(data), filename=filename)
    return caught.value.message


def test_it_reads_the_rows_with_their_row_numbers():
    ledger = read(
        {
            "年度数据": [FIGURES_HEADERS[:3], [CODE, 2023, "1,000"], [None, None], [CODE, 2022]],
            "企业名录": [
                ENTERPRISE_HEADERS,
                enterprise_row(CODE, 成立日期=datetime.date(2015, 3, 1)),
            ],
        }
    )
    assert [data.sheet.name for data in ledger.sheets] == ["企业名录", "年度数据"]
    figures = ledger.get("年度数据")
    assert figures.headers == ["统一社会信用代码", "年度", "营业收入(万元)"]
    assert [(row.number, row.values["营业收入(万元)"]) for row in figures.rows] == [
        (2, "1,000"),
        (4, None),  # row 3 is blank: left out
    ]
    assert ledger.get("企业名录").rows[0].values["成立日期"] == datetime.datetime(2015, 3, 1)


def test_headers_may_be_typed_loosely_and_unknown_ones_are_ignored():
    headers = [" 统一社会信用代码 ＊", "年度", "营业收入（万元）", "备注"]
    ledger = read({"年度数据": [headers, [CODE, 2023, 5, "x"]], "说明": [["…"]]})
    figures = ledger.get("年度数据")
    assert figures.headers == ["统一社会信用代码", "年度", "营业收入(万元)"]
    assert figures.ignored_columns == ["备注"]
    assert ledger.ignored_sheets == ["说明"]


def test_a_missing_required_column_is_named():
    message = refusal(xlsx_bytes({"年度数据": [["统一社会信用代码", "营业收入(万元)"]]}))
    assert "年度数据" in message and "年度" in message


def test_a_column_twice_is_refused():
    assert "年度" in refusal(xlsx_bytes({"年度数据": [["统一社会信用代码", "年度", "年度"]]}))


def test_a_workbook_without_ledger_sheets_is_refused():
    assert "企业名录" in refusal(xlsx_bytes({"Sheet1": [["a", "b"]]}))


# CSV ---------------------------------------------------------------------------------------

CSV_TEXT = (
    "统一社会信用代码,企业名称,所属乡镇园区,地址\r\n"
    + f"{CODE},广德市桃州镇测试有限公司,桃州镇,“东门”路1号\r\n"
)


@pytest.mark.parametrize(
    "data",
    [
        CSV_TEXT.encode("utf-8"),
        CSV_TEXT.encode("utf-8-sig"),  # Excel's "CSV UTF-8" starts with a BOM
        CSV_TEXT.encode("gbk"),  # Excel on Chinese Windows
    ],
    ids=["utf-8", "utf-8-bom", "gbk"],
)
def test_a_csv_file_in_utf8_or_gbk(data):
    ledger = read_ledger(io.BytesIO(data), filename="export.csv")
    (sheet,) = ledger.sheets
    assert sheet.sheet.name == "企业名录"  # told by its columns
    assert sheet.rows[0].values["企业名称"] == "广德市桃州镇测试有限公司"
    assert sheet.rows[0].values["地址"] == "“东门”路1号"


def test_a_csv_file_named_after_its_sheet():
    data = "统一社会信用代码,年度\r\n".encode() + f"{CODE},2023\r\n".encode()
    assert read_ledger(io.BytesIO(data), filename="桃州镇-年度数据.csv").sheets[0].sheet.name == (
        "年度数据"
    )
    # Without the name, these two columns fit 年度数据 only (培育库 also needs 类别, 阶段).
    assert read_ledger(io.BytesIO(data), filename="x.csv").sheets[0].sheet.name == "年度数据"


def test_a_csv_file_of_no_sheet_is_refused():
    assert "企业名录" in refusal("姓名,电话\r\n张三,1\r\n".encode(), "x.csv")


def test_a_csv_file_in_another_encoding_is_refused():
    assert "GBK" in refusal(b"\xff\xfe\xfd\xfc", "x.csv")


# Limits and hostile files ------------------------------------------------------------------


def test_a_file_over_10_mb_is_refused():
    assert "10 MB" in refusal(b"PK\x03\x04" + b"\0" * (10 * 1024 * 1024))


def test_more_than_50000_rows_are_refused():
    rows = "".join(f"{CODE},{2000 + n % 25}\r\n" for n in range(50_001))
    data = ("统一社会信用代码,年度\r\n" + rows).encode()
    assert "50,000" in refusal(data, "年度数据.csv")


def test_50000_rows_are_read():
    rows = "".join(f"{CODE},{2000 + n % 25}\r\n" for n in range(50_000))
    ledger = read_ledger(
        io.BytesIO(("统一社会信用代码,年度\r\n" + rows).encode()), filename="a.csv"
    )
    assert ledger.row_count == 50_000


def test_a_zip_bomb_is_refused_before_it_is_parsed(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not see this file")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (reading.MAX_UNPACKED_BYTES + 1))
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024  # small to upload, 100 MB to unpack
    assert "100 MB" in refusal(data)


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
def test_an_xml_entity_attack_is_refused(member):
    """A "billion laughs" DOCTYPE, in the part parsed on opening or the one parsed row by
    row afterwards."""
    assert openpyxl.DEFUSEDXML  # defusedxml is installed, so openpyxl parses with it
    laughs = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    )
    rows = [ENTERPRISE_HEADERS, enterprise_row(CODE)]
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes({"企业名录": rows})))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            content = source.read(item).decode()
            if item.filename == member:
                declaration, separator, body = content.partition("?>")
                if not separator:
                    declaration, body = "", content
                else:
                    declaration += separator
                content = declaration + laughs + body.replace("</t>", "&lol3;</t>", 1)
            archive.writestr(item, content)
    with pytest.raises(LedgerFileError) as caught:
        read_ledger(io.BytesIO(buffer.getvalue()), filename="台账.xlsx")
    causes, error = [], caught.value
    while error is not None:
        causes.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(cause, DefusedXmlException) for cause in causes), causes


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"hello, world", "台账.xlsx"),
        (b"\x89PNG\r\n\x1a\n", "photo.png"),
        (b"PK\x03\x04 not really a zip", "台账.xlsx"),
    ],
)
def test_other_files_are_refused(data, filename):
    assert "Excel" in refusal(data, filename)


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "Excel" in refusal(buffer.getvalue())


def test_an_old_xls_workbook_is_refused_with_advice():
    message = refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "台账.xls")
    assert ".xlsx" in message


def test_an_empty_file_is_refused():
    assert refusal(b"", "a.csv")
