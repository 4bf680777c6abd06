"""Parsing the cells of a ledger file, and the file's fixed Chinese labels."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from enterprises.ledger import cells
from enterprises.ledger.schema import (
    FIGURES,
    RD_LEVEL_LABELS,
    STAGE_LABELS,
    TECH_FIELD_LABELS,
    TRACK_ALIASES,
)
from enterprises.models import RdInstitutionLevel, Stage, TechField, Track

D = datetime.date
SALES = FIGURES.column("营业收入(万元)")
EMPLOYEES = FIGURES.column("职工总数")


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(2024, 3, 1),  # an Excel date cell
        D(2024, 3, 1),
        "2024-03-01",
        "2024-3-1",
        "2024/3/1",
        "2024/3/1 0:00",  # a date cell saved as CSV by Excel
        "2024年3月1日",
        "２０２４年３月１日",
        " 2024.03.01 ",
    ],
)
def test_dates(value):
    assert cells.parse_date(value) == D(2024, 3, 1)


@pytest.mark.parametrize("value", ["2024-02-30", "3/1/2024", "昨天", 45352, "2024-03-01 12:30"])
def test_not_dates(value):
    with pytest.raises(ValidationError) as caught:
        cells.parse_date(value)
    assert caught.value.code == "invalid_date"


def test_a_blank_cell_is_none_everywhere():
    for parse in (cells.parse_date, cells.parse_bool, SALES.parse, EMPLOYEES.parse):
        assert parse("  ") is None
        assert parse(None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1,234.5", Decimal("1234.5")),
        ("１，２３４", Decimal("1234")),
        (1234.5, Decimal("1234.5")),
        (0.1 + 0.2, Decimal("0.3")),  # Excel's binary noise is not a third decimal
        (3000, Decimal("3000")),
    ],
)
def test_decimals(value, expected):
    assert SALES.parse(value) == expected


@pytest.mark.parametrize("value", ["-1", "12.345", "1e20", "abc", True, D(2024, 1, 1)])
def test_not_decimals(value):
    with pytest.raises(ValidationError):
        SALES.parse(value)


@pytest.mark.parametrize(("value", "expected"), [(12.0, 12), ("12", 12), ("1,200", 1200), (7, 7)])
def test_whole_numbers(value, expected):
    assert EMPLOYEES.parse(value) == expected


@pytest.mark.parametrize("value", [12.5, "12.5", "-3", "十二"])
def test_not_whole_numbers(value):
    with pytest.raises(ValidationError):
        EMPLOYEES.parse(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("是", True),
        ("否", False),
        ("Y", True),
        ("n", False),
        ("1", True),
        (0, False),
        (1.0, True),
        (True, True),
        ("yes", True),
        ("FALSE", False),
    ],
)
def test_yes_and_no(value, expected):
    assert cells.parse_bool(value) is expected


def test_not_yes_or_no():
    with pytest.raises(ValidationError) as caught:
        cells.parse_bool("也许")
    assert caught.value.code == "invalid_boolean"


def test_choices_by_label_stored_value_or_alias():
    labels = {Track.HTE: "高企", Track.TECH_SME: "科小"}
    assert cells.parse_choice("高企", labels, TRACK_ALIASES) == Track.HTE
    assert cells.parse_choice("Tech_SME", labels, TRACK_ALIASES) == Track.TECH_SME
    assert cells.parse_choice("科技型中小企业", labels, TRACK_ALIASES) == Track.TECH_SME
    with pytest.raises(ValidationError) as caught:
        cells.parse_choice("专精特新", labels)
    assert "高企、科小" in caught.value.messages[0]


def test_text_typed_as_a_number_keeps_its_digits():
    assert cells.parse_phone(13800000000) == "13800000000"
    assert cells.parse_phone(13800000000.0) == "13800000000"
    assert cells.parse_phone("１３８ 0000 0000") == "13800000000"
    assert cells.parse_name(" 桃州\n新材料  有限公司 ") == "桃州 新材料 有限公司"
    assert cells.parse_code(" 91341882ｍａ2 ") == "91341882MA2"


@pytest.mark.parametrize(
    ("choices", "labels"),
    [
        (TechField, TECH_FIELD_LABELS),
        (RdInstitutionLevel, RD_LEVEL_LABELS),
        (Stage, STAGE_LABELS),
    ],
)
def test_the_files_labels_are_the_catalogues(choices, labels):
    with translation.override("zh-hans"):
        assert {member: str(member.label) for member in choices} == labels


def test_the_catalogues_track_names_are_accepted():
    with translation.override("zh-hans"):
        assert {str(track.label): track for track in Track} == TRACK_ALIASES
