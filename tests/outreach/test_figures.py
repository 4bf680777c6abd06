"""The year's figures page and export (views/themes.py figures)."""

import datetime
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from .factories import BaseFactory, EventFactory, SocietyFactory

URL = reverse("outreach:figures")


@time_machine.travel(datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_events_by_unit_and_month_bases_by_level_and_renewals(
    client, staff_user, taozhou, xinhang, plan_year
):
    EventFactory(org_unit=taozhou, held_on=datetime.date(2024, 1, 10), audience=10)
    EventFactory(org_unit=taozhou, held_on=datetime.date(2024, 1, 20), audience=5)
    EventFactory(org_unit=xinhang, held_on=datetime.date(2024, 3, 1), audience=None)
    EventFactory(org_unit=taozhou, held_on=datetime.date(2023, 3, 1))
    BaseFactory(org_unit=taozhou, level="provincial")
    BaseFactory(org_unit=xinhang, level="county")
    BaseFactory(org_unit=xinhang, level="county", is_active=False)
    SocietyFactory(name="逾期学会", term_started_on=datetime.date(2019, 5, 1), term_years=5)
    SocietyFactory(name="将到期学会", term_started_on=datetime.date(2019, 10, 1), term_years=5)
    SocietyFactory(name="任期内学会", term_started_on=datetime.date(2023, 1, 1), term_years=5)
    client.force_login(staff_user)
    response = client.get(URL)
    table = response.context["table"]
    rows = {row.org_unit.code: row for row in table.rows}
    assert [cell.events for cell in rows[taozhou.code].cells[:3]] == [2, 0, 0]
    assert rows[taozhou.code].total.audience == 15
    assert table.total.events == 3
    levels = {level["level"]: level["total"] for level in response.context["levels"]}
    assert levels == {"county": 1, "municipal": 0, "provincial": 1, "national": 0}
    assert [(s.name, s.status) for s in response.context["renewals"]] == [
        ("逾期学会", "overdue"),
        ("将到期学会", "due"),
    ]


def test_the_export_has_a_row_per_unit_and_the_totals(client, staff_user, taozhou, plan_year):
    EventFactory(org_unit=taozhou, held_on=datetime.date(2024, 2, 1), audience=7)
    client.force_login(staff_user)
    response = client.get(URL, {"format": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert len(rows) == 1 + 13 + 1
    taozhou_row = next(row for row in rows if row[0] == "桃州镇")
    assert taozhou_row[3:5] == (1, 7)  # February: events, audience
    assert rows[-1][-3:] == (1, 0, 7)


def test_liaisons_see_their_units_only(client, liaison, taozhou, xinhang, plan_year):
    EventFactory(org_unit=xinhang)
    BaseFactory(org_unit=xinhang)
    client.force_login(liaison)
    response = client.get(URL)
    assert [row.org_unit for row in response.context["table"].rows] == [taozhou]
    assert response.context["table"].total.events == 0
    assert sum(level["total"] for level in response.context["levels"]) == 0


def test_anonymous_wrong_method_and_unplanned_year(client, staff_user, plan_year):
    assert client.get(URL)["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405
    assert client.get(URL, {"year": "2019"}).status_code == 404


@pytest.mark.parametrize("count", [2, 30])
def test_the_query_count_does_not_grow_with_the_data(
    client, staff_user, org_units, plan_year, django_assert_num_queries, count
):
    units = list(org_units.values())
    for n in range(count):
        EventFactory(org_unit=units[n % 13], held_on=datetime.date(2024, n % 12 + 1, 1))
        BaseFactory(org_unit=units[n % 13])
    SocietyFactory.create_batch(count, term_started_on=datetime.date(2019, 1, 1))
    client.force_login(staff_user)
    # session, user, the plan years (to choose one, then for the year links), the units,
    # the events grouped by month and unit, the bases grouped by level and kind, the
    # societies due for renewal
    with django_assert_num_queries(8):
        response = client.get(URL)
    assert response.context["table"].total.events == count
