import datetime

import pytest
from django.urls import reverse

from enterprises.models import HelpActivity, HelpItem, PipelineEntry
from tests.factories import (
    AnnualFiguresFactory,
    EnterpriseFactory,
    HteCertificateFactory,
    TechSmeRegistrationFactory,
)


def url(enterprise):
    return reverse("enterprises:detail", args=[enterprise.pk])


def test_it_shows_the_record(client, liaison, taozhou_enterprise):
    client.force_login(liaison)
    response = client.get(url(taozhou_enterprise))
    assert response.status_code == 200
    assert taozhou_enterprise.uscc in response.content.decode()


@pytest.mark.smoke
def test_the_history_says_who_changed_what_and_when(client, staff_user, liaison, taozhou, xinhang):
    client.force_login(liaison)
    enterprise = EnterpriseFactory(org_unit=taozhou, contact_person="张三")
    client.force_login(staff_user)
    # Two saves by staff: one change of contact, one move to another unit.
    enterprise.contact_person = "李四"
    enterprise._history_user = staff_user
    enterprise.save()
    enterprise.org_unit = xinhang
    enterprise._history_user = staff_user
    enterprise.save()

    history = client.get(url(enterprise)).context["history"]
    assert [entry["record"].history_type for entry in history] == ["~", "~", "+"]
    assert history[0]["changes"] == [{"field": "所属乡镇园区", "old": "桃州镇", "new": "新杭镇"}]
    assert history[1]["changes"] == [{"field": "联系人", "old": "张三", "new": "李四"}]
    assert history[0]["record"].history_user == staff_user
    page = client.get(url(enterprise)).content.decode()
    assert "<del>张三</del> → <ins>李四</ins>" in page


def test_outsiders_get_404(client, outsider, taozhou_enterprise):
    client.force_login(outsider)
    assert client.get(url(taozhou_enterprise)).status_code == 404


def test_a_missing_record_gives_the_404_page(client, staff_user, org_units):
    client.force_login(staff_user)
    response = client.get(reverse("enterprises:detail", args=[999999]))
    assert response.status_code == 404
    assert "不存在" in response.content.decode()


@pytest.mark.parametrize("size", [1, 15])
def test_the_query_count_does_not_grow_with_the_data(
    client, staff_user, plan_year, taozhou_enterprise, django_assert_num_queries, size
):
    enterprise = taozhou_enterprise
    for number in range(size):
        enterprise.notes = f"第 {number} 次修改"
        enterprise.save()
        AnnualFiguresFactory(enterprise=enterprise, year=2000 + number)
        HteCertificateFactory(enterprise=enterprise, issued_on=datetime.date(2000 + number, 5, 1))
        TechSmeRegistrationFactory(enterprise=enterprise, year=2000 + number)
        HelpItem.objects.create(
            enterprise=enterprise,
            kind="problem",
            problem="问题",
            raised_on=datetime.date(2024, 1, 1),
        )
        HelpActivity.objects.create(
            kind="visit", title="走访", held_on=datetime.date(2024, 1, 1)
        ).enterprises.add(enterprise)
    PipelineEntry.objects.create(
        enterprise=enterprise,
        track="hte",
        plan_year=plan_year,
        stage="surveyed",
        stage_changed_on=datetime.date(2024, 3, 1),
    )
    client.force_login(staff_user)
    # session, user, the enterprise with its unit, its history with users, unit names;
    # pipelines section: certificates, registrations, pipeline entries; figures section:
    # figures, certificates, the plan year with its rules, whether it hosts an R&D
    # institution at provincial level or above (platforms); help section: items, activities;
    # projects section: needs and results, cooperations, key projects, intermediary services
    # with their intermediaries; platforms it hosts; finance section: finance records,
    # policy benefits with their policies, statistics reports
    with django_assert_num_queries(22):
        assert client.get(url(enterprise)).status_code == 200


def test_the_page_title_is_the_enterprise_name(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    page = client.get(url(taozhou_enterprise)).content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert title.startswith(taozhou_enterprise.name)
    assert len(title) < 100
