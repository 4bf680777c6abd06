import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from enterprises.models import EvaluationRules
from guangde_plan.models import PlanYear, Target, TargetQuota, TargetValue
from guangde_plan.services import plan_year_rollover


def test_it_copies_targets_quotas_curves_and_rules(plan_year, taozhou):
    hte = Target.objects.get(plan_year=plan_year, code="hte_total")
    hte.expected_curve = [0, 0, 0, 0, 0, 0, 0, 0, 20, 40, 70, 100]
    hte.save()
    TargetQuota.objects.create(target=hte, org_unit=taozhou, value=30)
    TargetValue.objects.create(target=hte, recorded_on="2024-05-01", value=1)

    new = plan_year_rollover(source=plan_year, year=2025)

    assert new.title == "广德市科技局2025年工作计划"
    assert list(new.targets.values_list("code", flat=True)) == list(
        plan_year.targets.values_list("code", flat=True)
    )
    copied = new.targets.get(code="hte_total")
    assert copied.value == 200 and copied.expected_curve == hte.expected_curve
    assert list(copied.quotas.values_list("org_unit__code", "value")) == [("341882100", 30)]
    assert not copied.values.exists()  # typed values belong to their year
    assert EvaluationRules.objects.get(plan_year=new).rules == plan_year.evaluation_rules.rules
    # The source is untouched.
    assert plan_year.targets.get(code="hte_total").quotas.count() == 1


def test_an_existing_year_is_refused(plan_year):
    PlanYear.objects.create(year=2025, title="2025")
    with pytest.raises(ValidationError) as info:
        plan_year_rollover(source=plan_year, year=2025)
    assert info.value.code == "plan_year_exists"


def test_admins_roll_over_from_the_admin(client, admin_user, plan_year):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:guangde_plan_planyear_changelist"),
        {"action": "roll_over", "_selected_action": [plan_year.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert PlanYear.objects.filter(year=2025).exists()
    assert Target.objects.filter(plan_year__year=2025).count() == plan_year.targets.count()


def test_a_bad_expected_curve_is_refused(plan_year):
    target = Target.objects.get(plan_year=plan_year, code="hte_total")
    for curve in ([10, 20], [60, 50] + [100] * 10, [0] * 11 + [90], ["x"] * 12):
        target.expected_curve = curve
        with pytest.raises(ValidationError) as info:
            target.full_clean()
        assert "expected_curve" in info.value.message_dict
    target.expected_curve = [0] * 8 + [20, 40, 70, 100]
    target.full_clean()


def test_a_value_typed_in_the_admin_records_who(client, admin_user, plan_year):
    target = Target.objects.get(plan_year=plan_year, code="provincial_rd_centres_new")
    client.force_login(admin_user)
    url = reverse("admin:guangde_plan_target_change", args=[target.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        key: ("" if value is None else value)
        for key, value in form.initial.items()
        if key in form.fields
    }
    data.update(
        {
            "plan_year": plan_year.pk,
            "expected_curve": "",
            "quotas-TOTAL_FORMS": "0",
            "quotas-INITIAL_FORMS": "0",
            "values-TOTAL_FORMS": "1",
            "values-INITIAL_FORMS": "0",
            "values-0-recorded_on": "2024-06-30",
            "values-0-value": "9",
            "values-0-note": "省科技厅公示",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    value = TargetValue.objects.get(target=target)
    assert (value.value, value.recorded_by) == (9, admin_user)
