"""The preview reads its records in a fixed number of queries, however long the file."""

import pytest

from enterprises.ledger.importer import plan_import
from tests.factories import AnnualFiguresFactory, EnterpriseFactory, make_uscc

from .conftest import (
    CERTIFICATE_HEADERS,
    ENTERPRISE_HEADERS,
    FIGURES_HEADERS,
    PIPELINE_HEADERS,
    REGISTRATION_HEADERS,
    enterprise_row,
    figures_row,
    frozen,
    read,
)

pytestmark = frozen


def ledger_of(rows: int, taozhou):
    """`rows` rows in every sheet, half of them about enterprises already registered."""
    codes = [make_uscc(600000 + n) for n in range(rows)]
    for code in codes[: rows // 2]:
        AnnualFiguresFactory(enterprise=EnterpriseFactory(uscc=code, org_unit=taozhou))
    return read(
        {
            "企业名录": [ENTERPRISE_HEADERS, *(enterprise_row(c, f"企业{c[-5:]}") for c in codes)],
            "年度数据": [FIGURES_HEADERS, *(figures_row(code, 2023) for code in codes)],
            "高企证书": [
                CERTIFICATE_HEADERS,
                *([c, f"GR2024{n:08d}", "2024-01-10"] for n, c in enumerate(codes)),
            ],
            "科小入库": [
                REGISTRATION_HEADERS,
                *([c, 2024, f"2024341882{n:06d}"] for n, c in enumerate(codes)),
            ],
            "培育库": [PIPELINE_HEADERS, *([c, "科小", 2024, "已入库"] for c in codes)],
        }
    )


@pytest.mark.parametrize("rows", [5, 50])
def test_the_preview_runs_the_same_queries_for_5_and_50_rows(
    django_assert_num_queries, liaison, plan_year, taozhou, rows
):
    ledger = ledger_of(rows, taozhou)
    # Org units, their former names, the liaison's writable units, enterprises by code,
    # their figures, certificates, registrations, plan years, pipeline entries.
    with django_assert_num_queries(9):
        plan = plan_import(ledger, user=liaison)
    assert plan.ok, plan.errors[:3]
    assert plan.counts["培育库"]["create"] == rows
