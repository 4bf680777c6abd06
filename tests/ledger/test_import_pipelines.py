"""培育库 rows follow the pipeline rules of enterprises/services.py."""

import datetime

from enterprises.ledger.importer import apply_import
from enterprises.models import PipelineEntry, PipelineMove, Stage, Track
from enterprises.services import pipeline_start
from tests.factories import HteCertificateFactory, TechSmeRegistrationFactory

from .conftest import CERTIFICATE_HEADERS, PIPELINE_HEADERS, frozen, plan, where

pytestmark = frozen
MARCH_1 = datetime.date(2024, 3, 1)


def start(enterprise, plan_year, user, stage, track=Track.HTE):
    return pipeline_start(
        enterprise=enterprise, track=track, plan_year=plan_year, stage=stage, on=MARCH_1, by=user
    )


def test_moving_an_entry_records_the_move(staff_user, liaison, plan_year, taozhou_enterprise):
    entry = start(taozhou_enterprise, plan_year, staff_user, Stage.SURVEYED)
    row = [taozhou_enterprise.uscc, "高企", 2024, "申报中"]
    result = plan({"培育库": [PIPELINE_HEADERS, row]}, liaison)
    (change,) = result.changes
    assert (change.action, change.fields) == ("update", (("阶段", "摸排", "申报中"),))
    assert change.label == "桃州测试科技有限公司 高企 2024"

    apply_import(result, user=liaison)
    entry.refresh_from_db()
    assert (entry.stage, entry.stage_changed_on) == (Stage.APPLIED, datetime.date(2024, 6, 15))
    move = entry.moves.order_by("-pk").first()
    assert (move.from_stage, move.to_stage, move.moved_by) == (
        Stage.SURVEYED,
        Stage.APPLIED,
        liaison,
    )


def test_the_same_stage_is_no_change(staff_user, plan_year, taozhou_enterprise):
    start(taozhou_enterprise, plan_year, staff_user, Stage.CULTIVATING)
    row = [taozhou_enterprise.uscc, "高新技术企业", 2024, "入库培育"]  # the full name too
    result = plan({"培育库": [PIPELINE_HEADERS, row]}, staff_user)
    assert [change.action for change in result.changes] == ["unchanged"]


def test_a_recognised_entry_is_final(staff_user, plan_year, taozhou_enterprise):
    HteCertificateFactory(enterprise=taozhou_enterprise, issued_on=datetime.date(2024, 2, 1))
    start(taozhou_enterprise, plan_year, staff_user, Stage.RECOGNISED)
    row = [taozhou_enterprise.uscc, "高企", 2024, "申报中"]
    result = plan({"培育库": [PIPELINE_HEADERS, row]}, staff_user)
    assert where(result) == [("培育库", 2, "阶段")]
    assert result.errors[0].message == "已认定（已入库）的条目当年不能再变更阶段。"


def test_recognised_needs_a_certificate_of_the_plan_year(staff_user, plan_year, taozhou_enterprise):
    HteCertificateFactory(enterprise=taozhou_enterprise, issued_on=datetime.date(2023, 11, 30))
    row = [taozhou_enterprise.uscc, "高企", 2024, "已认定"]
    result = plan({"培育库": [PIPELINE_HEADERS, row]}, staff_user)
    assert where(result) == [("培育库", 2, "阶段")]
    assert not PipelineEntry.objects.exists()


def test_the_certificate_may_come_in_the_same_file(staff_user, plan_year, taozhou_enterprise):
    start(taozhou_enterprise, plan_year, staff_user, Stage.APPLIED)
    sheets = {
        "高企证书": [CERTIFICATE_HEADERS, [taozhou_enterprise.uscc, "GR202434000777", "2024/6/1"]],
        "培育库": [PIPELINE_HEADERS, [taozhou_enterprise.uscc, "高企", 2024, "已认定/已入库"]],
    }
    result = plan(sheets, staff_user)
    assert where(result) == []
    apply_import(result, user=staff_user)
    assert PipelineEntry.objects.get().stage == Stage.RECOGNISED
    assert PipelineMove.objects.filter(to_stage=Stage.RECOGNISED, moved_by=staff_user).exists()


def test_a_registration_on_record_lets_a_tech_sme_be_registered(
    staff_user, plan_year, taozhou_enterprise
):
    TechSmeRegistrationFactory(enterprise=taozhou_enterprise, year=2024)
    row = [taozhou_enterprise.uscc, "科小", 2024, "已入库"]
    result = plan({"培育库": [PIPELINE_HEADERS, row]}, staff_user)
    assert where(result) == []
    apply_import(result, user=staff_user)
    entry = PipelineEntry.objects.get()
    assert (entry.track, entry.stage) == (Track.TECH_SME, Stage.RECOGNISED)
