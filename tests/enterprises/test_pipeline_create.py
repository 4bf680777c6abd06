import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse

from enterprises.models import PipelineEntry, Stage, Track
from enterprises.services import pipeline_start
from guangde_plan.models import PlanYear
from tests.factories import EnterpriseFactory, HteCertificateFactory

pytestmark = pytest.mark.time_machine(
    datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False
)


def url(enterprise):
    return reverse("enterprises:pipeline_create", args=[enterprise.pk])


def form_data(plan_year, /, **overrides):
    return {
        "track": "hte",
        "plan_year": plan_year.pk,
        "stage": "surveyed",
        "on": "2024-06-01",
        "note": "走访摸底",
        **overrides,
    }


def test_it_puts_the_enterprise_in_a_pipeline(client, liaison, taozhou_enterprise, plan_year):
    client.force_login(liaison)
    response = client.post(url(taozhou_enterprise), form_data(plan_year), follow=True)
    entry = PipelineEntry.objects.get()
    assert response.redirect_chain == [
        (reverse("enterprises:pipeline_detail", args=[entry.pk]), 302)
    ]
    assert (entry.enterprise, entry.track, entry.plan_year, entry.stage) == (
        taozhou_enterprise,
        Track.HTE,
        plan_year,
        Stage.SURVEYED,
    )
    assert (entry.stage_changed_on, entry.note) == (datetime.date(2024, 6, 1), "走访摸底")
    assert entry.moves.get().moved_by == liaison
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_the_defaults_are_the_latest_year_surveyed_and_today(
    client, staff_user, taozhou_enterprise, plan_year
):
    PlanYear.objects.create(year=2023, title="2023")
    latest = PlanYear.objects.create(year=2025, title="2025")
    client.force_login(staff_user)
    form = client.get(url(taozhou_enterprise)).context["form"]
    assert form.initial["plan_year"] == latest.pk
    assert form["stage"].value() == Stage.SURVEYED
    assert form["on"].value() == datetime.date(2024, 6, 15)
    assert [year for _, year in form.fields["plan_year"].choices] == [2025, 2024, 2023]


def test_a_link_can_preset_the_track_and_year(client, staff_user, taozhou_enterprise, plan_year):
    client.force_login(staff_user)
    response = client.get(url(taozhou_enterprise), {"track": "tech_sme", "plan_year": plan_year.pk})
    form = response.context["form"]
    assert (form["track"].value(), str(form["plan_year"].value())) == (
        "tech_sme",
        str(plan_year.pk),
    )


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("track", "", "required"),
        ("track", "unicorn", "invalid_choice"),
        ("plan_year", "", "required"),
        ("plan_year", "999999", "invalid_choice"),
        ("stage", "done", "invalid_choice"),
        ("on", "", "required"),
        ("on", "2024-02-30", "invalid"),
    ],
)
def test_each_field_is_checked_and_nothing_is_saved(
    client, staff_user, taozhou_enterprise, plan_year, field, value, code
):
    client.force_login(staff_user)
    response = client.post(url(taozhou_enterprise), form_data(plan_year, **{field: value}))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert not PipelineEntry.objects.exists()


def test_the_services_refusals_show_beside_their_fields(
    client, staff_user, taozhou_enterprise, plan_year
):
    client.force_login(staff_user)
    response = client.post(url(taozhou_enterprise), form_data(plan_year, on="2024-06-16"))
    assert response.status_code == 200
    assert response.context["form"].has_error("on")
    # "Recognised" without a certificate issued in 2024: the service names `to_stage`,
    # the form shows it on its `stage` field.
    HteCertificateFactory(enterprise=taozhou_enterprise, issued_on=datetime.date(2023, 5, 1))
    response = client.post(url(taozhou_enterprise), form_data(plan_year, stage="recognised"))
    assert response.status_code == 200
    assert response.context["form"].has_error("stage")
    assert "invalid-feedback" in response.content.decode()
    assert not PipelineEntry.objects.exists()


def test_a_second_entry_for_the_same_track_and_year_is_refused(
    client, liaison, taozhou_enterprise, plan_year
):
    pipeline_start(
        enterprise=taozhou_enterprise,
        track=Track.HTE,
        plan_year=plan_year,
        on=datetime.date(2024, 3, 1),
        by=liaison,
    )
    client.force_login(liaison)
    response = client.post(url(taozhou_enterprise), form_data(plan_year, stage="cultivating"))
    assert response.status_code == 200
    assert response.context["form"].has_error(NON_FIELD_ERRORS, "pipeline_exists")
    assert PipelineEntry.objects.get().stage == Stage.SURVEYED


def test_anonymous_users_are_sent_to_log_in(client, taozhou_enterprise, plan_year):
    response = client.post(url(taozhou_enterprise), form_data(plan_year))
    assert response["Location"].startswith(reverse("login"))
    assert not PipelineEntry.objects.exists()


def test_outsiders_get_404(client, outsider, taozhou_enterprise, plan_year):
    client.force_login(outsider)
    assert client.get(url(taozhou_enterprise)).status_code == 404
    assert client.post(url(taozhou_enterprise), form_data(plan_year)).status_code == 404
    assert not PipelineEntry.objects.exists()


def test_leaders_get_403(client, leader_user, taozhou_enterprise, plan_year):
    client.force_login(leader_user)
    assert client.get(url(taozhou_enterprise)).status_code == 403
    assert client.post(url(taozhou_enterprise), form_data(plan_year)).status_code == 403
    assert not PipelineEntry.objects.exists()


def test_it_refuses_other_methods(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    assert client.put(url(taozhou_enterprise)).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_is_constant(
    client, liaison, taozhou, taozhou_enterprise, plan_year, django_assert_num_queries, count
):
    for enterprise in EnterpriseFactory.create_batch(count, org_unit=taozhou):
        pipeline_start(
            enterprise=enterprise,
            track=Track.HTE,
            plan_year=plan_year,
            on=datetime.date(2024, 3, 1),
            by=liaison,
        )
    client.force_login(liaison)
    # session, user, the enterprise with its unit, the plan years (choices and default), the
    # liaison's units for the menu
    with django_assert_num_queries(5):
        assert client.get(url(taozhou_enterprise)).status_code == 200
