"""Recording a cooperation with a university or institute (project_cooperation_create)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from enterprises.models import Cooperation

URL = reverse("enterprises:project_cooperation_create")


def form_data(for_enterprise, **overrides):
    data = {
        "enterprise": for_enterprise.pk,
        "partner": "中国科学技术大学",
        "subject": "锂电隔膜涂覆工艺",
        "amount": "１,２００.５",  # full-width, as pasted from Word
        "started_on": "2024-03-01",
        "ended_on": "",
        "note": "",
    }
    data.update(overrides)
    return data


def test_staff_record_a_cooperation_from_the_list(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    response = client.post(URL + "?from=list", form_data(taozhou_enterprise))
    assert response["Location"] == reverse("enterprises:project_cooperation_list")
    cooperation = Cooperation.objects.get()
    assert cooperation.amount == Decimal("1200.5")
    assert cooperation.ended_on is None


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"ended_on": "2024-02-29"}, "ended_on", "end_before_start"),
        ({"amount": "-5"}, "amount", "min_value"),
        ({"amount": "1e99"}, "amount", "max_digits"),
        ({"partner": ""}, "partner", "required"),
    ],
)
def test_bad_input_is_refused_beside_its_field(
    client, staff_user, taozhou_enterprise, overrides, field, code
):
    client.force_login(staff_user)
    response = client.post(URL, form_data(taozhou_enterprise, **overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert not Cooperation.objects.exists()


def test_leaders_get_403(client, leader_user):
    client.force_login(leader_user)
    assert client.get(URL).status_code == 403


def test_the_form_query_count(client, liaison, taozhou_enterprise, django_assert_num_queries):
    client.force_login(liaison)
    # session, user, the enterprise choices with their units, the liaison's units for the menu
    with django_assert_num_queries(4):
        assert client.get(URL).status_code == 200
