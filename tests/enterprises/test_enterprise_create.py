import pytest
from django.urls import reverse

from enterprises.models import Enterprise
from tests.factories import EnterpriseFactory, make_uscc

URL = reverse("enterprises:create")


def form_data(unit, **overrides):
    data = {
        "name": "新建测试科技有限公司",
        "uscc": make_uscc(424242),
        "org_unit": unit.pk,
        "tech_field": "new_materials",
        "registered_on": "2020-03-01",
        "production_started_on": "2021-05-01",
        "is_above_designated_size": "on",
        "address": "桃州镇测试路1号",
        "contact_person": "张三",
        "contact_phone": "13800000000",
        "notes": "",
    }
    data.update(overrides)
    return data


@pytest.mark.smoke
def test_a_liaison_adds_an_enterprise_in_their_unit(client, liaison, taozhou):
    client.force_login(liaison)
    response = client.post(URL, form_data(taozhou))
    enterprise = Enterprise.objects.get()
    assert response.status_code == 302
    assert response["Location"] == enterprise.get_absolute_url()
    assert enterprise.org_unit == taozhou
    assert enterprise.is_above_designated_size is True
    record = enterprise.history.get()
    assert record.history_type == "+"
    assert record.history_user == liaison


def test_it_normalises_a_pasted_code(client, staff_user, taozhou):
    client.force_login(staff_user)
    pasted = " ９１３４１８８２ 000424242" + make_uscc(424242)[-1].lower() + " "
    client.post(URL, form_data(taozhou, uscc=pasted, contact_phone="０５６３-６０１２３４５"))
    enterprise = Enterprise.objects.get()
    assert enterprise.uscc == make_uscc(424242)
    assert enterprise.contact_phone == "0563-6012345"


def test_a_liaison_cannot_add_in_another_unit(client, liaison, xinhang):
    client.force_login(liaison)
    response = client.post(URL, form_data(xinhang))
    assert response.status_code == 200
    assert response.context["form"].has_error("org_unit", "invalid_choice")
    assert not Enterprise.objects.exists()


def test_the_unit_choices_are_the_liaisons_own(client, liaison, taozhou):
    client.force_login(liaison)
    choices = list(client.get(URL).context["form"].fields["org_unit"].queryset)
    assert choices == [taozhou]


@pytest.mark.parametrize(
    ("uscc", "code", "text"),
    [
        ("9134188200042424", "uscc_length", "应为18位"),
        ("91341882000424I42X", "uscc_character", "第15位字符（“I”）"),
        (
            make_uscc(424242)[:-1] + ("0" if make_uscc(424242)[-1] != "0" else "1"),
            "uscc_checksum",
            "应为",
        ),
    ],
)
def test_a_bad_code_is_explained_in_chinese_beside_the_field(
    client, staff_user, taozhou, uscc, code, text
):
    client.force_login(staff_user)
    response = client.post(URL, form_data(taozhou, uscc=uscc))
    form = response.context["form"]
    assert form.has_error("uscc", code)
    assert text in form.errors["uscc"][0]
    assert "invalid-feedback" in response.content.decode()
    assert not Enterprise.objects.exists()


def test_a_duplicate_code_names_the_existing_enterprise_and_its_unit(
    client, liaison, taozhou, xinhang
):
    existing = EnterpriseFactory(org_unit=xinhang, name="已登记材料有限公司", uscc=make_uscc(7))
    client.force_login(liaison)
    response = client.post(URL, form_data(taozhou, uscc=make_uscc(7).lower()))
    form = response.context["form"]
    assert form.has_error("uscc", "uscc_duplicate")
    assert existing.name in form.errors["uscc"][0]
    assert "新杭镇" in form.errors["uscc"][0]
    assert Enterprise.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("name", "", "required"),
        ("name", "长" * 201, "max_length"),
        ("org_unit", "", "required"),
        ("tech_field", "space", "invalid_choice"),
        ("registered_on", "2020-13-01", "invalid"),
        ("registered_on", "2999-01-01", "future_date"),
        ("production_started_on", "1900-01-01", "too_early"),
        ("contact_phone", "call me", "phone"),
        ("contact_phone", "123", "phone"),
    ],
)
def test_each_field_is_checked_and_nothing_is_saved(
    client, staff_user, taozhou, field, value, code
):
    client.force_login(staff_user)
    response = client.post(URL, form_data(taozhou, **{field: value}))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert not Enterprise.objects.exists()


def test_an_empty_post_shows_errors(client, staff_user, org_units):
    client.force_login(staff_user)
    response = client.post(URL, {})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "请更正" in response.content.decode()


def test_leaders_may_not_add(client, leader_user, taozhou):
    client.force_login(leader_user)
    assert client.post(URL, form_data(taozhou)).status_code == 403
    assert not Enterprise.objects.exists()


def test_it_refuses_other_methods(client, staff_user):
    client.force_login(staff_user)
    assert client.put(URL).status_code == 405


def test_a_liaison_of_one_unit_finds_it_preselected(client, liaison, taozhou):
    client.force_login(liaison)
    assert client.get(URL).context["form"].initial["org_unit"] == taozhou.pk


def test_staff_choose_the_unit_themselves(client, staff_user, org_units):
    client.force_login(staff_user)
    assert "org_unit" not in client.get(URL).context["form"].initial
