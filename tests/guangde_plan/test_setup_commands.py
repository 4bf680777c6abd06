import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command

from enterprises.models import Enterprise
from guangde_plan.lib.uscc import is_valid_uscc
from guangde_plan.models import OrgUnit, OrgUnitName, PlanYear, Target, User

pytestmark = pytest.mark.django_db

PLAN_CODES = {
    "hte_total": 200,
    "tech_sme_total": 200,
    "rd_spend_total": None,
    "rd_growth_pct": 10,
    "three_zero_rd_activity": 0,
    "three_zero_rd_institution": 0,
    "three_zero_innovation": 0,
    "provincial_rd_centres_new": 16,
    "municipal_incubators_new": 2,
}


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.smoke
def test_setup_guangde_loads_13_units_and_the_2024_plan():
    run("setup_guangde")
    assert OrgUnit.objects.count() == 13
    kinds = list(OrgUnit.objects.values_list("kind", flat=True))
    # Since July 2025 the three 乡 are 镇: 3 街道, 9 镇, 1 开发区.
    assert (kinds.count("subdistrict"), kinds.count("town"), kinds.count("park")) == (3, 9, 1)
    plan = PlanYear.objects.get(year=2024)
    targets = {t.code: t.value for t in plan.targets.all()}
    assert targets == PLAN_CODES
    assert Target.objects.get(code="three_zero_innovation").direction == "zero"


def test_renamed_units_keep_their_code_and_their_old_name():
    run("setup_guangde")
    lucun = OrgUnit.objects.get(code="341882200")
    assert (lucun.name, lucun.kind) == ("卢村镇", "town")
    assert lucun.name_on(datetime.date(2024, 12, 31)) == "卢村乡"
    assert lucun.name_on(datetime.date(2025, 7, 1)) == "卢村镇"


def test_setup_guangde_can_run_again_without_undoing_edits():
    run("setup_guangde")
    Target.objects.filter(code="hte_total").update(value=210)
    OrgUnitName.objects.create(
        org_unit=OrgUnit.objects.get(code="341882100"),
        name="桃州新镇",
        kind="town",
        valid_from=datetime.date(2026, 1, 1),
    )
    run("setup_guangde")
    assert OrgUnit.objects.count() == 13
    assert Target.objects.count() == len(PLAN_CODES)
    assert Target.objects.get(code="hte_total").value == 210
    assert OrgUnit.objects.get(code="341882100").name == "桃州新镇"


@pytest.mark.smoke
def test_seed_demo_adds_300_fictitious_enterprises_and_the_demo_users():
    output = run("seed_demo")
    enterprises = list(Enterprise.objects.all())
    assert len(enterprises) == 300
    assert all(e.name.startswith("【演示】") for e in enterprises)
    assert all(is_valid_uscc(e.uscc) for e in enterprises)
    divisions = {e.uscc[2:8] for e in enterprises}
    assert divisions == {"341882", "341822"}
    assert len({e.org_unit_id for e in enterprises}) == 13
    assert Enterprise.history.filter(history_type="+").count() == 300

    users = {u.username: u for u in User.objects.prefetch_related("org_units")}
    assert users["liaison_taozhou"].role == "liaison"
    assert [u.code for u in users["liaison_taozhou"].org_units.all()] == ["341882100"]
    assert [u.code for u in users["liaison_kfq"].org_units.all()] == ["341882400"]
    assert users["leader"].role == "leader" and not users["leader"].is_staff
    assert users["admin"].is_superuser
    password = re.search(r"password for all: (\S+)\)", output).group(1)
    assert all(user.check_password(password) for user in users.values())


def test_seed_demo_is_idempotent():
    run("seed_demo")
    output = run("seed_demo")
    assert "0 demo enterprises added" in output
    assert Enterprise.objects.count() == 300
    assert User.objects.count() == 5


def test_seed_demo_refuses_unless_demo_data_is_allowed(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="not allowed"):
        run("seed_demo")
    assert not Enterprise.objects.exists()
    run("seed_demo", "--allow-production", "--enterprises", "5")
    assert Enterprise.objects.count() == 5


def test_setup_guangde_stores_the_national_evaluation_rules_for_each_plan_year():
    from enterprises.models import EvaluationRules
    from enterprises.readiness import DEFAULT_RULES

    run("setup_guangde")
    run("setup_guangde")
    stored = EvaluationRules.objects.get(plan_year__year=2024)
    assert stored.as_rules() == DEFAULT_RULES


def test_seed_demo_adds_consistent_cultivation_records_once():
    from enterprises.models import (
        AnnualFigures,
        HelpActivity,
        HteCertificate,
        PipelineEntry,
        TechSmeRegistration,
    )
    from guangde_plan.lib.dates import add_years

    run("seed_demo")
    counts = [
        model.objects.count()
        for model in (AnnualFigures, HteCertificate, TechSmeRegistration, PipelineEntry)
    ]
    assert all(counts), counts
    for figures in AnnualFigures.objects.all():
        figures.full_clean()  # every invented row obeys the real rules
    for certificate in HteCertificate.objects.all():
        assert certificate.expires_on == add_years(certificate.issued_on, 3)
    for entry in PipelineEntry.objects.filter(stage="recognised").select_related("plan_year"):
        assert HteCertificate.objects.filter(
            enterprise=entry.enterprise_id, issued_on__year=entry.plan_year.year
        ).exists()
    assert all(entry.moves.count() == 1 for entry in PipelineEntry.objects.all())
    assert HelpActivity.objects.filter(enterprises__isnull=False).exists()

    run("seed_demo")
    assert counts == [
        model.objects.count()
        for model in (AnnualFigures, HteCertificate, TechSmeRegistration, PipelineEntry)
    ]


def test_seed_demo_splits_the_count_targets_into_quotas_that_add_up():
    from guangde_plan.models import TargetQuota

    run("seed_demo")
    run("seed_demo")
    for code in ("hte_total", "tech_sme_total"):
        quotas = TargetQuota.objects.filter(target__code=code)
        assert quotas.count() == 13
        assert sum(q.value for q in quotas) == 200


def test_setup_guangde_adds_the_lines_of_work_and_the_named_carriers_once():
    from platforms.models import IndicatorGroup, Platform

    run("setup_guangde")
    Platform.objects.filter(name="广德创新港").update(note="局里改过的说明")
    run("setup_guangde")
    assert list(IndicatorGroup.objects.values_list("name", flat=True)) == [
        "补短板",
        "强基础",
        "增优势",
        "优环境",
        "多交流",
    ]
    carriers = {p.name: p for p in Platform.objects.select_related("kind", "org_unit")}
    assert set(carriers) == {
        "广德创新港",
        "西安交通大学国家大学科技园广德分园",
        "新杭科技企业孵化器",
    }
    assert carriers["广德创新港"].note == "局里改过的说明"
    assert carriers["广德创新港"].kind.code == "incubator"
    assert carriers["新杭科技企业孵化器"].org_unit.code == "341882104"
    # No level without a recorded recognition.
    assert {p.level for p in carriers.values()} == {"none"}


def test_seed_demo_platform_records_obey_the_services_and_feed_the_targets():
    from guangde_plan.progress import plan_progress
    from platforms.models import Application, Notice, Platform, Recognition

    run("seed_demo")
    hub = Platform.objects.get(name="广德创新港")
    assert hub.level == "provincial"
    assert hub.incubation_figures.count() == 3
    for platform in Platform.objects.all():
        granted = platform.recognitions.filter(act="granted").order_by("-recognised_on").first()
        assert platform.level == (granted.level if granted else "none")
    # A recognition closes the open application for its level and year.
    for application in Application.objects.filter(stage="recognised"):
        assert Recognition.objects.filter(
            platform=application.platform_id,
            level=application.target_level,
            recognised_on__year=application.plan_year.year,
        ).exists()
    assert [n.reference for n in Notice.objects.order_by("number")] == [
        "2024-001",
        "2024-002",
        "2024-003",
        "2024-004",
    ]
    progress = plan_progress(
        plan_year=PlanYear.objects.get(year=2024),
        as_of=datetime.date(2024, 12, 31),
        org_units=[],
    )
    actual = {item.target.code: item.actual for item in progress}
    assert actual["provincial_rd_centres_new"] == 9
    assert actual["municipal_incubators_new"] == 1
    count = Recognition.objects.count()
    run("seed_demo")
    assert Recognition.objects.count() == count
