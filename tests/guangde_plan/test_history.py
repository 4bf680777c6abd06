import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from guangde_plan.lib.history import change_history
from tests.factories import AnnualFiguresFactory, HteCertificateFactory


def test_it_lists_changes_newest_first_with_old_and_new_values(staff_user, taozhou_enterprise):
    figures = AnnualFiguresFactory(enterprise=taozhou_enterprise, rd_expense=Decimal("100"))
    figures.rd_expense = Decimal("120.50")
    figures.rd_institution_level = "provincial"
    figures._history_user = staff_user
    figures.save()
    history = change_history(figures, unchanging=("enterprise",))
    assert [entry["record"].history_type for entry in history] == ["~", "+"]
    assert {(c["old"], c["new"]) for c in history[0]["changes"]} == {
        (Decimal("100.00"), Decimal("120.50")),
        ("无", "省级"),
    }
    assert history[0]["record"].history_user == staff_user


def test_foreign_keys_show_the_related_records_name(taozhou_enterprise, xinhang_enterprise):
    certificate = HteCertificateFactory(enterprise=taozhou_enterprise)
    certificate.enterprise = xinhang_enterprise
    certificate.save()
    change = change_history(certificate)[0]["changes"]
    assert {"field": "企业", "old": taozhou_enterprise.name, "new": xinhang_enterprise.name} in [
        {**c, "field": str(c["field"])} for c in change
    ]


@pytest.mark.parametrize("saves", [1, 25])
def test_the_query_count_is_constant(taozhou_enterprise, django_assert_num_queries, saves):
    certificate = HteCertificateFactory(enterprise=taozhou_enterprise)
    for day in range(saves):
        certificate.issued_on = datetime.date(2023, 1, 1) + datetime.timedelta(days=day)
        certificate.save()
    # the history rows with their users; the enterprises named in them
    with django_assert_num_queries(2):
        change_history(certificate)


def test_the_figures_edit_page_shows_who_changed_what(client, liaison, taozhou_enterprise):
    figures = AnnualFiguresFactory(enterprise=taozhou_enterprise, employees=100)
    figures.employees = 120
    figures._history_user = liaison
    figures.save()
    client.force_login(liaison)
    page = client.get(reverse("enterprises:figures_update", args=[figures.pk])).content.decode()
    assert 'data-testid="history"' in page
    assert "<del>100</del> → <ins>120</ins>" in page
    assert str(liaison) in page
