from dataclasses import fields, replace
from decimal import Decimal

import pytest
from django.urls import reverse

from enterprises.forms_figures import rule_text
from enterprises.models import EvaluationRules
from enterprises.readiness import DEFAULT_RULES, Band, Rules
from guangde_plan.models import PlanYear


def url(year=2024):
    return reverse("enterprises:rules_update", kwargs={"year": year})


def form_data(rules=DEFAULT_RULES, **overrides):
    data = {f.name: rule_text(f.name, getattr(rules, f.name)) for f in fields(Rules)}
    data.update(overrides)
    return data


def stored_rules(plan_year):
    return EvaluationRules.objects.get(plan_year=plan_year).as_rules()


@pytest.mark.smoke
def test_an_administrator_changes_the_thresholds(client, admin_user, plan_year):
    client.force_login(admin_user)
    response = client.post(
        url(),
        form_data(
            hte_min_tech_staff_pct="12.5",
            hte_rd_ratio_bands="5000:5; 20000：4.5，*:3",  # full-width punctuation pasted
            sme_staff_bands="30:20, 20:10",
            sme_pass_score="65",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == url()
    rules = stored_rules(plan_year)
    assert rules.hte_min_tech_staff_pct == Decimal("12.5")
    assert rules.hte_rd_ratio_bands == (
        (Decimal("5000"), Decimal("5")),
        (Decimal("20000"), Decimal("4.5")),
        (None, Decimal("3")),
    )
    assert rules.sme_staff_bands == (Band(Decimal("30"), 20), Band(Decimal("20"), 10))
    assert rules.sme_pass_score == 65
    assert rules.sme_rd_sales_bands == DEFAULT_RULES.sme_rd_sales_bands
    record = EvaluationRules.objects.get(plan_year=plan_year).history.latest()
    assert record.history_type == "~"
    assert record.history_user == admin_user
    assert [str(m) for m in client.get(url()).context["messages"]]


def test_the_form_shows_the_stored_rules_and_the_national_defaults(client, admin_user, plan_year):
    stored = EvaluationRules.objects.get(plan_year=plan_year)
    stored.rules = replace(DEFAULT_RULES, sme_max_employees=450).to_dict()
    stored.save()
    client.force_login(admin_user)
    response = client.get(url())
    form = response.context["form"]
    assert form["sme_max_employees"].value() == "450"
    assert form.defaults["sme_max_employees"] == "500"
    assert form["hte_rd_ratio_bands"].value() == "5000:5, 20000:4, *:3"
    assert form["sme_staff_bands"].value() == "30:20, 25:16, 20:12, 15:8, 10:4"
    assert 'data-default-for="sme_max_employees">500<' in response.content.decode()


def test_saving_the_form_unchanged_keeps_the_rules(client, admin_user, plan_year):
    client.force_login(admin_user)
    assert client.post(url(), form_data()).status_code == 302
    assert stored_rules(plan_year) == DEFAULT_RULES


def test_a_plan_year_without_rules_starts_from_the_defaults(client, admin_user, org_units):
    later = PlanYear.objects.create(year=2030, title="2030")
    client.force_login(admin_user)
    response = client.get(url(2030))
    assert response.context["form"]["sme_pass_score"].value() == "60"
    assert not EvaluationRules.objects.filter(plan_year=later).exists()  # GET writes nothing
    assert client.post(url(2030), form_data(sme_pass_score="70")).status_code == 302
    assert stored_rules(later).sme_pass_score == 70


def test_unreadable_stored_rules_can_be_repaired_here(client, admin_user, plan_year):
    EvaluationRules.objects.filter(plan_year=plan_year).update(rules={"no_such_rule": 1})
    client.force_login(admin_user)
    response = client.get(url())
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]
    assert client.post(url(), form_data()).status_code == 302
    assert stored_rules(plan_year) == DEFAULT_RULES


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"hte_min_tech_staff_pct": "-1"}, "hte_min_tech_staff_pct", "min_value"),
        ({"sme_max_employees": "-500"}, "sme_max_employees", "min_value"),
        ({"sme_pass_score": "abc"}, "sme_pass_score", "invalid"),
        ({"sme_max_sales": ""}, "sme_max_sales", "required"),
        ({"sme_staff_bands": "10:4, 30:20"}, "sme_staff_bands", "bands_unsorted"),
        ({"sme_staff_bands": "30:20, 30:16"}, "sme_staff_bands", "bands_unsorted"),
        ({"sme_rd_sales_bands": "6:10, 5:40"}, "sme_rd_sales_bands", "bands_unsorted"),
        ({"sme_class2_ip_bands": "4:24, -1:6"}, "sme_class2_ip_bands", "negative_number"),
        ({"sme_rd_costs_bands": "30:50, 25"}, "sme_rd_costs_bands", "band_format"),
        ({"sme_rd_costs_bands": "30:50:1"}, "sme_rd_costs_bands", "band_format"),
        ({"sme_rd_costs_bands": "x:50"}, "sme_rd_costs_bands", "band_format"),
        ({"sme_staff_bands": "30:20.5"}, "sme_staff_bands", "points_not_whole"),
        ({"sme_staff_bands": " , "}, "sme_staff_bands", "required"),
        ({"hte_rd_ratio_bands": "5000:5, 20000:4"}, "hte_rd_ratio_bands", "hte_open_band"),
        ({"hte_rd_ratio_bands": "5000:5, *:4, *:3"}, "hte_rd_ratio_bands", "hte_open_band"),
        ({"hte_rd_ratio_bands": "*:3, 5000:5"}, "hte_rd_ratio_bands", "hte_open_band"),
        ({"hte_rd_ratio_bands": "20000:4, 5000:5, *:3"}, "hte_rd_ratio_bands", "bands_unsorted"),
        ({"hte_rd_ratio_bands": "5000:-5, *:3"}, "hte_rd_ratio_bands", "negative_number"),
        ({"hte_rd_ratio_bands": "5000:NaN, *:3"}, "hte_rd_ratio_bands", "band_format"),
        ({"sme_staff_bands": "30:1e999999999"}, "sme_staff_bands", "band_format"),
    ],
)
def test_bad_input_is_refused_on_its_field(client, admin_user, plan_year, overrides, field, code):
    client.force_login(admin_user)
    response = client.post(url(), form_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert stored_rules(plan_year) == DEFAULT_RULES
    assert EvaluationRules.objects.get(plan_year=plan_year).history.count() == 1


def test_an_unknown_plan_year_is_404(client, admin_user, plan_year):
    client.force_login(admin_user)
    assert client.get(url(2019)).status_code == 404


@pytest.mark.parametrize("persona", ["staff_user", "liaison", "leader_user", "outsider"])
def test_only_administrators_may_change_the_rules(request, client, plan_year, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url()).status_code == 403
    assert client.post(url(), form_data(sme_pass_score="1")).status_code == 403
    assert stored_rules(plan_year).sme_pass_score == 60


def test_anonymous_users_are_sent_to_log_in(client, plan_year):
    for response in (client.get(url()), client.post(url(), form_data())):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_it_refuses_other_methods(client, admin_user, plan_year):
    client.force_login(admin_user)
    assert client.put(url()).status_code == 405
    assert client.delete(url()).status_code == 405


@pytest.mark.parametrize("count", [1, 10])
def test_the_query_count_is_constant(
    client, admin_user, plan_year, django_assert_num_queries, count
):
    for year in range(2030, 2030 + count):
        PlanYear.objects.create(year=year, title=str(year))
    client.force_login(admin_user)
    # session, user, the plan year with its rules
    with django_assert_num_queries(3):
        assert client.get(url()).status_code == 200
    # session, user, the plan year with its rules, full_clean's checks that the plan year
    # exists and has no other rules, UPDATE, history INSERT
    with django_assert_num_queries(7):
        assert client.post(url(), form_data(sme_pass_score="61")).status_code == 302
