"""The units responsible for indicators: listed for everyone with their contacts and
counts, kept by bureau staff."""

import pytest
from django.urls import reverse

from platforms.models import Department

from .factories import DepartmentFactory, IndicatorFactory, issue_notice

LIST_URL = reverse("platforms:department_list")
CREATE_URL = reverse("platforms:department_create")


def update_url(department):
    return reverse("platforms:department_update", kwargs={"department_id": department.pk})


DATA = {
    "name": "市统计局",
    "contact_person": "王主任",
    "contact_phone": "0563 601 2345",
    "email": "tjj@example.gov.cn",
    "is_active": "on",
    "note": "",
}


def test_a_liaison_reads_the_units_with_their_counts(client, liaison, plan_year, stats_bureau):
    IndicatorFactory(department=stats_bureau)
    IndicatorFactory(department=stats_bureau)
    issue_notice(department=stats_bureau)
    DepartmentFactory(name="市财政局", email="")
    client.force_login(liaison)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    rows = {
        d.name: (d.indicator_count, d.open_notice_count) for d in response.context["departments"]
    }
    assert rows == {"市统计局": (2, 1), "市财政局": (0, 0)}
    content = response.content.decode()
    assert "mailto:tjj@example.gov.cn" in content and "王主任" in content
    assert CREATE_URL not in content and update_url(stats_bureau) not in content


def test_staff_add_a_unit(client, staff_user):
    client.force_login(staff_user)
    assert CREATE_URL in client.get(LIST_URL).content.decode()
    response = client.post(CREATE_URL, DATA)
    assert response.status_code == 302 and response["Location"] == LIST_URL
    department = Department.objects.get()
    assert department.contact_phone == "05636012345" and department.email == "tjj@example.gov.cn"


def test_staff_change_a_unit_with_its_history(client, staff_user, stats_bureau):
    client.force_login(staff_user)
    response = client.post(update_url(stats_bureau), {**DATA, "contact_person": "李科长"})
    assert response.status_code == 302
    stats_bureau.refresh_from_db()
    assert stats_bureau.contact_person == "李科长"
    history = client.get(update_url(stats_bureau)).context["history"]
    assert history[0]["changes"][0]["new"] == "李科长"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "tjj@"),
        ("contact_phone", "12345"),
        ("contact_phone", "电话"),
        ("name", ""),
        ("name", "甲" * 101),
    ],
)
def test_bad_input_is_explained_beside_the_field(client, staff_user, field, value):
    client.force_login(staff_user)
    response = client.post(CREATE_URL, {**DATA, field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Department.objects.exists()


def test_a_name_taken_is_refused(client, staff_user, stats_bureau):
    client.force_login(staff_user)
    response = client.post(CREATE_URL, DATA)
    assert "name" in response.context["form"].errors
    assert Department.objects.count() == 1


@pytest.mark.parametrize("persona", ["leader_user", "liaison"])
def test_leaders_and_liaisons_may_not_write(request, client, persona, stats_bureau):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, {**DATA, "name": "新单位"}).status_code == 403
    assert client.post(update_url(stats_bureau), DATA).status_code == 403
    assert Department.objects.count() == 1


def test_unknown_units_methods_and_anonymous_users(client, staff_user):
    response = client.get(LIST_URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.get(reverse("platforms:department_update", args=[999999])).status_code == 404
    assert client.post(LIST_URL).status_code == 405


@pytest.mark.parametrize("size", [1, 15])
def test_the_query_count_does_not_grow_with_the_units(
    client, staff_user, plan_year, django_assert_num_queries, size
):
    for _ in range(size):
        department = DepartmentFactory()
        IndicatorFactory(department=department)
        issue_notice(department=department)
    client.force_login(staff_user)
    # session, user, the units with their counts
    with django_assert_num_queries(3):
        assert client.get(LIST_URL).status_code == 200
