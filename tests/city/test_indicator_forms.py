"""Adding and changing an indicator (bureau staff only)."""

import pytest
from django.urls import reverse

from guangde_plan.models import PlanYear
from platforms.models import Department, Indicator, IndicatorGroup

from .factories import IndicatorFactory

CREATE_URL = reverse("platforms:indicator_create")


def update_url(indicator):
    return reverse("platforms:indicator_update", kwargs={"indicator_id": indicator.pk})


@pytest.fixture
def data(plan_year, stats_bureau):
    return {
        "plan_year": plan_year.pk,
        "group": IndicatorGroup.objects.get(name="补短板").pk,
        "name": "  全社会研发经费投入强度 ",
        "department": stats_bureau.pk,
        "target": "2.50",
        "unit": "%",
        "direction": "at_least",
        "description": "研发经费支出与地区生产总值之比。",
        "sort_order": "10",
    }


def test_staff_add_an_indicator(client, staff_user, data, stats_bureau):
    client.force_login(staff_user)
    group = IndicatorGroup.objects.get(name="强基础")
    form = client.get(CREATE_URL, {"year": 2024, "group": group.pk}).context["form"]
    assert form.initial["plan_year"].year == 2024 and form.initial["group"] == group.pk
    response = client.post(CREATE_URL, data)
    indicator = Indicator.objects.get()
    assert response.status_code == 302 and response["Location"] == indicator.get_absolute_url()
    assert indicator.name == "全社会研发经费投入强度"
    assert indicator.department == stats_bureau and str(indicator.target) == "2.50"


def test_a_name_taken_in_the_year_is_refused_beside_the_field(client, staff_user, data):
    IndicatorFactory(name="全社会研发经费投入强度")
    client.force_login(staff_user)
    response = client.post(CREATE_URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["name"][0].code == "name_taken"
    assert "__all__" not in response.context["form"].errors
    assert Indicator.objects.count() == 1


def test_its_own_name_is_not_taken(client, staff_user, data):
    indicator = IndicatorFactory(name="全社会研发经费投入强度")
    client.force_login(staff_user)
    assert client.post(update_url(indicator), data).status_code == 302


@pytest.mark.parametrize(
    ("field", "value"),
    [("target", "两个"), ("name", ""), ("direction", "sideways"), ("department", "999999")],
)
def test_bad_input_is_explained_and_nothing_saved(client, staff_user, data, field, value):
    client.force_login(staff_user)
    response = client.post(CREATE_URL, {**data, field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'data-testid="form-errors"' in response.content.decode()
    assert not Indicator.objects.exists()


def test_an_inactive_unit_cannot_be_chosen_for_a_new_indicator(client, staff_user, data):
    Department.objects.filter(pk=data["department"]).update(is_active=False)
    client.force_login(staff_user)
    response = client.post(CREATE_URL, data)
    assert "department" in response.context["form"].errors


def test_staff_change_an_indicator_but_not_its_year(client, staff_user, data, plan_year):
    indicator = IndicatorFactory(name="旧名称")
    other = PlanYear.objects.create(year=2023, title="2023年")
    client.force_login(staff_user)
    response = client.post(update_url(indicator), {**data, "plan_year": other.pk})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "全社会研发经费投入强度"
    assert indicator.plan_year == plan_year
    page = client.get(update_url(indicator))
    assert page.context["history"][0]["changes"]


def test_a_number_with_thousands_separators_is_read(client, staff_user, data):
    client.force_login(staff_user)
    client.post(CREATE_URL, {**data, "target": "１２,５００"})
    assert str(Indicator.objects.get().target) == "12500.00"


@pytest.mark.parametrize("persona", ["leader_user", "liaison"])
def test_leaders_and_liaisons_may_not_write(request, client, persona, data):
    indicator = IndicatorFactory()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, data).status_code == 403
    assert client.post(update_url(indicator), data).status_code == 403
    assert Indicator.objects.count() == 1


def test_an_unknown_indicator_is_not_found(client, staff_user, plan_year):
    client.force_login(staff_user)
    big = "99999999999999999999"
    assert client.get(CREATE_URL, {"year": big, "group": big}).status_code == 200
    assert client.get(CREATE_URL, {"year": "²⁰²⁴", "group": "²"}).status_code == 200
    assert client.get(reverse("platforms:indicator_update", args=[999999])).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, plan_year):
    response = client.post(CREATE_URL, {})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_other_methods_are_refused(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.put(CREATE_URL).status_code == 405
