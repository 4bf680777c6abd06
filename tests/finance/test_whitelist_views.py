"""The bank white lists: read by everyone, generated and completed by bureau staff; a manual
entry needs a recognition valid on the list's day; the entries export to Excel."""

import datetime

import pytest
from django.urls import reverse

from enterprises.models import WhiteList, WhiteListEntry
from tests.factories import EnterpriseFactory, HteCertificateFactory, TechSmeRegistrationFactory

from .factories import WhiteListFactory, xlsx_rows

D = datetime.date
LIST_URL = reverse("enterprises:whitelist_list")
GENERATE_URL = reverse("enterprises:whitelist_generate")


def detail_url(white_list):
    return reverse("enterprises:whitelist_detail", kwargs={"whitelist_id": white_list.pk})


def add_url(white_list):
    return reverse("enterprises:whitelist_entry_add", kwargs={"whitelist_id": white_list.pk})


@pytest.mark.smoke
def test_staff_generate_a_list_and_export_it(client, staff_user, taozhou, xinhang, frozen_today):
    HteCertificateFactory(
        enterprise=EnterpriseFactory(org_unit=taozhou, name="桃州高企"),
        issued_on=D(2023, 3, 1),
        number="GR202334000001",
    )
    TechSmeRegistrationFactory(
        enterprise=EnterpriseFactory(org_unit=xinhang, name="新杭科小"),
        year=2024,
        number="2024341882000001",
    )
    HteCertificateFactory(enterprise=EnterpriseFactory(org_unit=taozhou), issued_on=D(2020, 1, 1))
    client.force_login(staff_user)
    assert client.get(GENERATE_URL).context["form"].initial["as_of"] == frozen_today
    response = client.post(GENERATE_URL, {"title": "2024年6月白名单", "as_of": "2024-06-01"})
    white_list = WhiteList.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(white_list)
    rows = xlsx_rows(client.get(detail_url(white_list), {"format": "xlsx"}))
    assert len(rows) == 3
    assert {(row[1], row[4]) for row in rows[1:]} == {
        ("桃州高企", "GR202334000001"),
        ("新杭科小", "2024341882000001"),
    }


def test_the_export_follows_the_filters(client, staff_user, taozhou, xinhang):
    white_list = WhiteListFactory()
    for unit, name in ((taozhou, "桃州"), (xinhang, "新杭")):
        WhiteListEntry.objects.create(
            white_list=white_list,
            enterprise=EnterpriseFactory(org_unit=unit, name=name),
            recognition="hte",
            number="GR202334000001",
        )
    client.force_login(staff_user)
    rows = xlsx_rows(client.get(detail_url(white_list), {"format": "xlsx", "org_unit": xinhang.pk}))
    assert [row[1] for row in rows[1:]] == ["新杭"]


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"title": "", "as_of": "2024-06-01"}, "title", "required"),
        ({"title": "x", "as_of": ""}, "as_of", "required"),
        ({"title": "x", "as_of": "2024-13-01"}, "as_of", "invalid"),
        ({"title": "x", "as_of": "2024-06-16"}, "as_of", "future_date"),
    ],
)
def test_a_bad_date_or_title_is_refused_beside_its_field(
    client, staff_user, frozen_today, data, field, code
):
    client.force_login(staff_user)
    response = client.post(GENERATE_URL, data)
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert not WhiteList.objects.exists()


def test_liaisons_read_lists_but_may_not_generate_or_add(client, liaison, taozhou, xinhang):
    white_list = WhiteListFactory()
    WhiteListEntry.objects.create(
        white_list=white_list,
        enterprise=EnterpriseFactory(org_unit=xinhang, name="新杭企业"),
        recognition="hte",
        number="GR202334000001",
    )
    client.force_login(liaison)
    assert client.get(LIST_URL).status_code == 200
    response = client.get(detail_url(white_list))
    # A bank list is a city document: the whole list, other units' enterprises included.
    assert [entry.enterprise.name for entry in response.context["page"]] == ["新杭企业"]
    assert not response.context["may_write"]
    assert client.get(GENERATE_URL).status_code == 403
    assert client.post(GENERATE_URL, {"title": "x", "as_of": "2024-06-01"}).status_code == 403
    assert client.post(add_url(white_list), {}).status_code == 403
    assert WhiteList.objects.count() == 1


def test_leaders_read_but_get_403_on_writes(client, leader_user):
    white_list = WhiteListFactory()
    client.force_login(leader_user)
    assert client.get(detail_url(white_list)).status_code == 200
    assert client.get(GENERATE_URL).status_code == 403
    assert client.get(add_url(white_list)).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client, db):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_missing_list_gives_404_and_other_methods_405(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("enterprises:whitelist_detail", args=[999999])).status_code == 404
    assert client.post(LIST_URL).status_code == 405
    assert client.put(GENERATE_URL).status_code == 405


class TestManualEntry:
    @pytest.fixture
    def white_list(self, db):
        return WhiteListFactory(as_of=D(2024, 6, 1))

    def test_an_enterprise_with_a_valid_certificate_is_added_with_its_number(
        self, client, staff_user, taozhou, white_list
    ):
        enterprise = EnterpriseFactory(org_unit=taozhou)
        HteCertificateFactory(
            enterprise=enterprise, issued_on=D(2021, 6, 2), number="GR202134000007"
        )
        client.force_login(staff_user)
        # Pasted from Word: lower case, full-width spaces.
        code = " " + enterprise.uscc.lower() + "　"
        response = client.post(add_url(white_list), {"enterprise": code, "recognition": "hte"})
        assert response.status_code == 302
        entry = white_list.entries.get()
        assert (entry.enterprise, entry.number) == (enterprise, "GR202134000007")

    @pytest.mark.parametrize(
        ("issued_on", "registered_for", "recognition"),
        [
            (D(2021, 6, 1), None, "hte"),  # expired on the list's day
            (D(2024, 6, 2), None, "hte"),  # issued the day after
            (None, 2023, "tech_sme"),  # last year's registration
            (D(2023, 1, 1), None, "tech_sme"),  # an HTE is not a tech SME
        ],
    )
    def test_an_enterprise_without_a_valid_recognition_is_refused_beside_the_field(
        self, client, staff_user, taozhou, white_list, issued_on, registered_for, recognition
    ):
        enterprise = EnterpriseFactory(org_unit=taozhou)
        if issued_on:
            HteCertificateFactory(enterprise=enterprise, issued_on=issued_on)
        if registered_for:
            TechSmeRegistrationFactory(enterprise=enterprise, year=registered_for)
        client.force_login(staff_user)
        response = client.post(
            add_url(white_list), {"enterprise": enterprise.uscc, "recognition": recognition}
        )
        assert response.status_code == 200
        assert response.context["form"].has_error("enterprise", "no_valid_recognition")
        assert "invalid-feedback" in response.content.decode()
        assert not white_list.entries.exists()

    def test_an_unknown_code_or_a_second_entry_is_refused(
        self, client, staff_user, taozhou, white_list
    ):
        enterprise = EnterpriseFactory(org_unit=taozhou)
        TechSmeRegistrationFactory(enterprise=enterprise, year=2024)
        client.force_login(staff_user)
        data = {"enterprise": enterprise.uscc, "recognition": "tech_sme"}
        assert client.post(add_url(white_list), data).status_code == 302
        again = client.post(add_url(white_list), data)
        assert again.context["form"].has_error("enterprise", "already_listed")
        unknown = client.post(add_url(white_list), {**data, "enterprise": "91341882MA2XXXXXXX"})
        assert unknown.context["form"].has_error("enterprise", "unknown_enterprise")
        assert white_list.entries.count() == 1


@pytest.mark.parametrize("size", [2, 30])
def test_the_pages_query_counts_are_constant(
    client, liaison, taozhou, django_assert_num_queries, size
):
    white_list = None
    for _ in range(size):
        white_list = WhiteListFactory()
        WhiteListEntry.objects.create(
            white_list=white_list,
            enterprise=EnterpriseFactory(org_unit=taozhou),
            recognition="hte",
            number="GR202334000001",
        )
    client.force_login(liaison)
    # session, user, the liaison's units for the menu, count, the page of lists with their
    # entry counts and creators
    with django_assert_num_queries(5):
        assert client.get(LIST_URL).status_code == 200
    # session, user, the liaison's units for the menu, the list with its entry count, the
    # unit choices of the filter, count, the page of entries with enterprises and units
    with django_assert_num_queries(7):
        assert client.get(detail_url(white_list)).status_code == 200
