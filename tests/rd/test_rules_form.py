"""The three-zero thresholds on the rules page /enterprises/rules/<year>/."""

from decimal import Decimal

import pytest
from django.urls import reverse

from enterprises.forms_figures import RulesForm, rule_text
from enterprises.models import EvaluationRules
from enterprises.readiness import DEFAULT_RULES

URL = reverse("enterprises:rules_update", kwargs={"year": 2024})
THREE_ZERO = (
    "three_zero_rd_activity_min_sales",
    "three_zero_rd_institution_min_sales",
    "three_zero_innovation_min_sales",
)


def defaults():
    """Every field at its national default, as the form shows it."""
    names = RulesForm(rules=DEFAULT_RULES).fields
    return {name: rule_text(name, getattr(DEFAULT_RULES, name)) for name in names}


def test_the_form_has_a_three_zero_section():
    sections = RulesForm(rules=DEFAULT_RULES).sections
    assert [field.name for field, _default in sections[-1][1]] == list(THREE_ZERO)


def test_an_admin_sets_the_thresholds(client, admin_user, plan_year):
    client.force_login(admin_user)
    data = defaults() | {"three_zero_rd_activity_min_sales": "12,000"}
    response = client.post(URL, data)
    assert response.status_code == 302
    stored = EvaluationRules.objects.get(plan_year=plan_year).as_rules()
    assert stored.three_zero_rd_activity_min_sales == Decimal("12000")
    assert stored.three_zero_innovation_min_sales == Decimal("100000")


def test_a_negative_threshold_is_refused(client, admin_user, plan_year):
    client.force_login(admin_user)
    response = client.post(URL, defaults() | {"three_zero_innovation_min_sales": "-1"})
    assert response.status_code == 200
    assert "three_zero_innovation_min_sales" in response.context["form"].errors


def test_stored_rules_without_the_keys_show_the_defaults(client, admin_user, plan_year):
    rules = EvaluationRules.objects.get(plan_year=plan_year)
    rules.rules = {
        key: value for key, value in rules.rules.items() if not key.startswith("three_zero_")
    }
    rules.save()
    client.force_login(admin_user)
    form = client.get(URL).context["form"]
    assert form["three_zero_rd_activity_min_sales"].value() == "10000"


@pytest.mark.parametrize("persona", ["staff_user", "liaison"])
def test_only_admins_may_change_them(client, request, plan_year, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(URL, defaults()).status_code == 403
