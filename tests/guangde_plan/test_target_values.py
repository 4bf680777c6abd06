"""The targets list and the values staff type in for targets the app holds no records for.

A typed value becomes the dashboard's actual of its target (guangde_plan.progress takes the
latest one on or before the day); these tests check who may add one, what is refused, and
that a target computed from the records takes none.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from guangde_plan.models import Target, TargetValue
from guangde_plan.progress import NOT_TRACKED, SOURCES, plan_progress
from tests.conftest import TYPED_TARGET
from tests.factories import UserFactory

D = datetime.date
# A day inside the 2024 plan year: "today" for every test of this module.
TODAY = D(2024, 6, 15)
pytestmark = pytest.mark.usefixtures("frozen_today", "typed_target")

TYPED = TYPED_TARGET  # owned by another department: values are typed in
COMPUTED = "hte_total"  # computed from the certificates
LIST_URL = reverse("target_list", kwargs={"year": 2024})


@pytest.fixture
def frozen_today():
    with time_machine.travel(datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


def values_url(code: str = TYPED, year: int = 2024) -> str:
    return reverse("target_values", kwargs={"year": year, "code": code})


def add_value(target: Target, day: datetime.date, value: str = "3", by=None) -> TargetValue:
    return TargetValue.objects.create(
        target=target, recorded_on=day, value=Decimal(value), recorded_by=by
    )


def actual_on_dashboard(plan_year, code: str, day: datetime.date = TODAY):
    items = plan_progress(plan_year=plan_year, as_of=day, org_units=[])
    return next(item for item in items if item.target.code == code)


@pytest.fixture
def typed(plan_year) -> Target:
    return plan_year.targets.get(code=TYPED)


# The targets list ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["staff_user", "leader_user", "liaison"])
def test_every_logged_in_user_reads_the_targets_and_where_each_actual_comes_from(
    request, client, plan_year, persona
):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(LIST_URL)
    assert response.status_code == 200
    targets = {target.code: target for target in response.context["targets"]}
    assert list(targets) == list(plan_year.targets.values_list("code", flat=True))
    assert targets[COMPUTED].is_computed and COMPUTED in SOURCES
    assert not targets[TYPED].is_computed
    page = response.content.decode()
    assert values_url(TYPED) in page
    # A computed target offers no values page.
    assert values_url(COMPUTED) not in page


def test_the_list_shows_the_latest_typed_value_and_its_day(client, staff_user, typed):
    add_value(typed, D(2024, 3, 1), "5")
    add_value(typed, D(2024, 5, 1), "2")
    client.force_login(staff_user)
    response = client.get(LIST_URL)
    target = next(t for t in response.context["targets"] if t.code == TYPED)
    assert (target.latest_value, target.latest_on) == (Decimal("2"), D(2024, 5, 1))
    page = response.content.decode()
    row = page[page.index(f'data-target-code="{TYPED}"') :]
    assert "2024-05-01" in row[: row.index("</tr>")]


def test_only_bureau_users_are_invited_to_enter_a_value(client, staff_user, liaison, plan_year):
    client.force_login(staff_user)
    assert client.get(LIST_URL).context["may_add_values"] is True
    client.force_login(liaison)
    assert client.get(LIST_URL).context["may_add_values"] is False


def test_the_list_of_an_unknown_year_is_404(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.get(reverse("target_list", kwargs={"year": 2031})).status_code == 404


def test_the_list_answers_only_get(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.post(LIST_URL).status_code == 405
    assert client.put(LIST_URL).status_code == 405


def test_anonymous_users_are_sent_to_log_in(client, plan_year):
    for url in (LIST_URL, values_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert client.post(values_url(), {"recorded_on": "2024-06-01", "value": "1"}).status_code == 302
    assert not TargetValue.objects.exists()


# The values page -----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["staff_user", "admin_user"])
def test_bureau_users_get_the_form_with_today_as_the_day(request, client, plan_year, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(values_url())
    assert response.status_code == 200
    form = response.context["form"]
    assert form is not None
    assert form["recorded_on"].value() == TODAY
    assert 'data-testid="value-form"' in response.content.decode()


@pytest.mark.parametrize("persona", ["leader_user", "liaison"])
def test_leaders_and_liaisons_read_the_values_without_a_form(
    request, client, typed, staff_user, persona
):
    add_value(typed, D(2024, 4, 1), "7", by=staff_user)
    client.force_login(request.getfixturevalue(persona))
    response = client.get(values_url())
    assert response.status_code == 200
    assert response.context["form"] is None
    assert [value.value for value in response.context["values"]] == [Decimal("7")]
    page = response.content.decode()
    assert 'data-testid="value-form"' not in page
    assert 'data-testid="read-only-notice"' in page
    assert str(staff_user) in page


def test_staff_add_a_value_and_it_becomes_the_dashboards_actual(client, staff_user, typed):
    assert actual_on_dashboard(typed.plan_year, TYPED).status == NOT_TRACKED
    client.force_login(staff_user)
    response = client.post(
        values_url(), {"recorded_on": "2024-06-10", "value": "1,234.5", "note": "统计局月报"}
    )
    assert response.status_code == 302
    assert response["Location"] == values_url()
    value = TargetValue.objects.get()
    assert (value.target, value.recorded_on, value.value) == (
        typed,
        D(2024, 6, 10),
        Decimal("1234.5"),
    )
    assert value.note == "统计局月报"
    assert value.recorded_by == staff_user
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
    item = actual_on_dashboard(typed.plan_year, TYPED)
    assert item.tracked and item.actual == Decimal("1234.5")
    # Not before its day.
    assert actual_on_dashboard(typed.plan_year, TYPED, D(2024, 6, 9)).actual is None


def test_the_change_history_lists_the_additions(client, staff_user, typed):
    client.force_login(staff_user)
    client.post(values_url(), {"recorded_on": "2024-06-10", "value": "4"})
    history = client.get(values_url()).context["history"]
    assert [(record.history_type, record.history_user) for record in history] == [("+", staff_user)]


def test_a_second_value_for_the_same_day_is_refused_beside_the_date(client, staff_user, typed):
    add_value(typed, D(2024, 6, 10), "3")
    client.force_login(staff_user)
    response = client.post(values_url(), {"recorded_on": "2024-06-10", "value": "9"})
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert [error.code for error in errors["recorded_on"]] == ["day_taken"]
    assert list(TargetValue.objects.values_list("value", flat=True)) == [Decimal("3")]


@pytest.mark.parametrize(
    ("day", "code"),
    [("2024-06-16", "future_date"), ("2023-12-31", "before_plan_year")],
)
def test_a_day_outside_the_plan_year_up_to_today_is_refused(client, staff_user, typed, day, code):
    client.force_login(staff_user)
    response = client.post(values_url(), {"recorded_on": day, "value": "1"})
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert [error.code for error in errors["recorded_on"]] == [code]
    assert not TargetValue.objects.exists()


def test_the_first_day_of_the_plan_year_and_today_are_accepted(client, staff_user, typed):
    client.force_login(staff_user)
    for day in ("2024-01-01", "2024-06-15"):
        assert client.post(values_url(), {"recorded_on": day, "value": "1"}).status_code == 302
    assert TargetValue.objects.count() == 2


@pytest.mark.parametrize(("value", "code"), [("", "required"), ("many", "invalid")])
def test_the_value_must_be_a_number(client, staff_user, typed, value, code):
    client.force_login(staff_user)
    response = client.post(values_url(), {"recorded_on": "2024-06-10", "value": value})
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert [error.code for error in errors["value"]] == [code]
    assert not TargetValue.objects.exists()


def test_a_computed_target_explains_itself_and_takes_no_value(client, staff_user, plan_year):
    client.force_login(staff_user)
    response = client.get(values_url(COMPUTED))
    assert response.status_code == 200
    assert response.context["form"] is None
    page = response.content.decode()
    assert 'data-testid="computed-notice"' in page
    assert 'data-testid="value-form"' not in page

    response = client.post(values_url(COMPUTED), {"recorded_on": "2024-06-10", "value": "250"})
    assert response.status_code == 400
    assert not TargetValue.objects.exists()


@pytest.mark.parametrize("persona", ["leader_user", "liaison", "outsider"])
def test_leaders_and_liaisons_may_not_add_a_value(request, client, typed, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(values_url(), {"recorded_on": "2024-06-10", "value": "1"})
    assert response.status_code == 403
    assert not TargetValue.objects.exists()


def test_an_unknown_year_or_code_is_404(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.get(values_url(year=2031)).status_code == 404
    assert client.get(values_url("no_such_target")).status_code == 404
    response = client.post(
        values_url("no_such_target"), {"recorded_on": "2024-06-10", "value": "1"}
    )
    assert response.status_code == 404


def test_the_values_page_refuses_other_methods(client, staff_user, typed):
    client.force_login(staff_user)
    assert client.put(values_url()).status_code == 405
    assert client.delete(values_url()).status_code == 405


# Query counts --------------------------------------------------------------------------------


def _fill(plan_year, staff_user, size: int):
    """`size` values of every typed target, recorded by two users in turn."""
    users = [staff_user, UserFactory(username="colleague")]
    for target in plan_year.targets.exclude(code__in=list(SOURCES)):
        for number in range(size):
            day = D(2024, 1, 1) + datetime.timedelta(days=number)
            add_value(target, day, str(number), by=users[number % 2])


@pytest.mark.parametrize("size", [1, 30])
def test_the_list_query_count_is_constant(
    client, staff_user, plan_year, django_assert_num_queries, size
):
    _fill(plan_year, staff_user, size)
    client.force_login(staff_user)
    # session, user, the plan year, the targets with their latest values (subqueries)
    with django_assert_num_queries(4):
        response = client.get(LIST_URL)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 30])
def test_the_values_page_query_count_is_constant(
    client, staff_user, plan_year, django_assert_num_queries, size
):
    _fill(plan_year, staff_user, size)
    client.force_login(staff_user)
    # session, user, the target with its plan year, the values with who recorded them,
    # the change history with its users
    with django_assert_num_queries(5):
        response = client.get(values_url())
    assert len(response.context["values"]) == size


def test_a_day_after_the_plan_year_is_refused(client, staff_user, plan_year):
    from guangde_plan.models import TargetValue

    url = reverse("target_values", args=[2024, TYPED])
    with time_machine.travel(datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC), tick=False):
        client.force_login(staff_user)
        response = client.post(url, {"recorded_on": "2025-01-02", "value": "3"})
    assert response.status_code == 200, response.status_code
    assert response.context["form"].has_error("recorded_on", "after_plan_year")
    assert not TargetValue.objects.exists()


def test_the_dashboard_links_to_the_targets_page(client, staff_user, plan_year):
    client.force_login(staff_user)
    page = client.get(reverse("home"), {"year": 2024}).content.decode()
    assert f'href="{reverse("target_list", args=[2024])}"' in page


def test_the_target_list_exports_to_excel(client, leader_user, plan_year):
    import io

    import openpyxl

    from guangde_plan.models import TargetValue

    target = next(t for t in plan_year.targets.order_by("code") if t.code not in SOURCES)
    TargetValue.objects.create(target=target, recorded_on=datetime.date(2024, 5, 1), value=3)
    client.force_login(leader_user)
    response = client.get(reverse("target_list", args=[2024]), {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    by_code = {row[0]: row for row in rows[1:]}
    assert set(by_code) == set(plan_year.targets.values_list("code", flat=True))
    assert by_code["hte_total"][3] == 200
    assert by_code["hte_total"][7] is None  # computed from the records: no typed value
    assert by_code[target.code][7:] == (3, datetime.datetime(2024, 5, 1))
