"""Adding an intermediary: bureau staff and administrators only (a city-wide record)."""

import pytest
from django.urls import reverse

from enterprises.models import Intermediary

from .factories import IntermediaryFactory

URL = reverse("enterprises:intermediary_create")


def form_data(**overrides):
    data = {
        "name": "长三角知识产权服务（广德）有限公司",
        "services": "高企申报、知识产权",
        "origin": "yangtze_delta",
        "home_city": "杭州",
        "org_unit": "",
        "contact_person": "王经理",
        "contact_phone": "0563-6012345",
        "whitelisted_on": "2024-01-01",
        "whitelist_until": "2024-12-31",
        "note": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("persona", ["staff_user", "admin_user"])
def test_bureau_staff_add_a_yangtze_delta_branch(request, client, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(URL, form_data())
    intermediary = Intermediary.objects.get()
    assert response["Location"] == reverse(
        "enterprises:intermediary_detail", args=[intermediary.pk]
    )
    assert intermediary.origin == Intermediary.Origin.YANGTZE_DELTA
    assert intermediary.home_city == "杭州"


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"name": ""}, "name", "required"),
        ({"name": "已有机构"}, "name", "unique"),
        ({"home_city": ""}, "home_city", "required"),
        ({"contact_phone": "12345"}, "contact_phone", "phone"),
        ({"whitelist_until": "2023-12-31"}, "whitelist_until", "end_before_start"),
        ({"whitelisted_on": "", "whitelist_until": "2024-12-31"}, "whitelisted_on", None),
        ({"whitelisted_on": "2024-02-30"}, "whitelisted_on", "invalid"),
        ({"origin": "mars"}, "origin", "invalid_choice"),
    ],
)
def test_bad_input_is_refused_beside_its_field(client, staff_user, overrides, field, code):
    IntermediaryFactory(name="已有机构")
    client.force_login(staff_user)
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error(field, code) if code else form.errors[field]
    assert Intermediary.objects.count() == 1


@pytest.mark.parametrize("persona", ["liaison", "leader_user"])
def test_liaisons_and_leaders_get_403(request, client, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert not Intermediary.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, db):
    assert client.post(URL, form_data())["Location"].startswith(reverse("login"))


def test_it_refuses_other_methods(client, staff_user):
    client.force_login(staff_user)
    assert client.put(URL).status_code == 405


def test_the_form_query_count(client, staff_user, org_units, django_assert_num_queries):
    client.force_login(staff_user)
    # session, user, the units for the "located in" choices
    with django_assert_num_queries(3):
        assert client.get(URL).status_code == 200
