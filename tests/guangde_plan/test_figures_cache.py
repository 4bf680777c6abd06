"""The figures cache: summed figures come from the cache until a watched record changes, and
without a working cache they are computed afresh, never a 500."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from enterprises.models import AnnualFigures, Enterprise, PipelineEntry, Stage, Track
from enterprises.selectors import enterprise_counts_by_unit
from guangde_plan import figures_cache
from guangde_plan.models import PlanYear
from guangde_plan.progress import plan_progress
from tests.factories import (
    AnnualFiguresFactory,
    EnterpriseFactory,
    HteCertificateFactory,
    TechSmeRegistrationFactory,
)

D = datetime.date
JUNE = D(2024, 6, 1)


def figures(plan_year):
    items = plan_progress(plan_year=plan_year, as_of=JUNE, org_units=[])
    return {item.target.code: item for item in items}


def _certificate(enterprise, plan_year):
    HteCertificateFactory(enterprise=enterprise, issued_on=D(2023, 3, 1))


def _registration(enterprise, plan_year):
    TechSmeRegistrationFactory(enterprise=enterprise, year=2024)


def _figures(enterprise, plan_year):
    AnnualFiguresFactory(enterprise=enterprise, year=2024, rd_expense=Decimal("12.5"))


def _pipeline(enterprise, plan_year):
    PipelineEntry.objects.create(
        enterprise=enterprise,
        track=Track.HTE,
        plan_year=plan_year,
        stage=Stage.CULTIVATING,
        stage_changed_on=JUNE,
    )


def _read(code, key):
    def read(plan_year):
        item = figures(plan_year)[code]
        return item.forecast_basis.get(key) if key else item.actual

    return read


@pytest.mark.parametrize(
    "add, read, before, after",
    [
        (_certificate, _read("hte_total", None), 0, 1),
        (_registration, _read("tech_sme_total", None), 0, 1),
        (_figures, _read("rd_spend_total", None), None, Decimal("12.5")),
        (_pipeline, _read("hte_total", "in_pipeline"), 0, 1),
    ],
    ids=["certificate", "registration", "figures", "pipeline"],
)
def test_a_saved_record_shows_at_once_and_a_deleted_one_goes(
    plan_year, taozhou, django_assert_num_queries, add, read, before, after
):
    enterprise = EnterpriseFactory(org_unit=taozhou)
    assert read(plan_year) == before
    # targets, quotas, typed values: the rest is cached (the evaluation rules, part of the
    # key, were read into this plan year object by the first call)
    with django_assert_num_queries(3):
        assert read(plan_year) == before
    add(enterprise, plan_year)
    assert read(plan_year) == after
    enterprise.delete()  # the cascade deletes the record, each with its signal
    assert read(plan_year) == before


def test_the_registry_counts_follow_an_enterprise_moving_unit(
    staff_user, taozhou, xinhang, django_assert_num_queries
):
    enterprise = EnterpriseFactory(org_unit=taozhou)

    def count(unit):
        units = enterprise_counts_by_unit(user=staff_user, today=JUNE)
        return next(row.enterprise_count for row in units if row == unit)

    assert (count(taozhou), count(xinhang)) == (1, 0)
    with django_assert_num_queries(1):  # the units; the counts are cached
        enterprise_counts_by_unit(user=staff_user, today=JUNE)
    enterprise.org_unit = xinhang
    enterprise.save()
    assert (count(taozhou), count(xinhang)) == (0, 1)


def test_writes_without_signals_need_an_explicit_invalidate(plan_year, taozhou):
    enterprise = EnterpriseFactory(org_unit=taozhou)
    assert figures(plan_year)["rd_spend_total"].actual is None
    AnnualFigures.objects.bulk_create(
        [AnnualFigures(enterprise=enterprise, year=2024, rd_expense=Decimal(7))]
    )
    assert figures(plan_year)["rd_spend_total"].actual is None  # the documented contract
    figures_cache.invalidate()
    assert figures(plan_year)["rd_spend_total"].actual == Decimal(7)


def test_a_commit_bumps_the_generation_again(
    plan_year, taozhou, django_capture_on_commit_callbacks
):
    figures(plan_year)
    start = cache.get(figures_cache.GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        EnterpriseFactory(org_unit=taozhou)
        assert cache.get(figures_cache.GENERATION_KEY) == start + 1
    assert cache.get(figures_cache.GENERATION_KEY) == start + 2


def test_without_the_setting_every_call_computes(
    settings, plan_year, taozhou, django_assert_num_queries
):
    settings.FIGURES_CACHE = False
    HteCertificateFactory(enterprise=EnterpriseFactory(org_unit=taozhou), issued_on=D(2023, 3, 1))
    for _call in range(2):
        fresh = PlanYear.objects.get(pk=plan_year.pk)  # its rules not read yet
        with django_assert_num_queries(21):  # the engine's 21, as in test_progress.py
            assert figures(fresh)["hte_total"].actual == 1


@pytest.fixture
def dead_redis(settings, monkeypatch):
    """Redis on a port nobody listens on; the module's back-off reset afterwards."""
    monkeypatch.setattr(figures_cache, "_down_until", 0.0)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1},
        }
    }


def test_a_dead_cache_means_fresh_figures_and_one_attempt_per_back_off(
    dead_redis, client, staff_user, plan_year, taozhou, monkeypatch
):
    HteCertificateFactory(enterprise=EnterpriseFactory(org_unit=taozhou), issued_on=D(2023, 3, 1))
    assert figures(plan_year)["hte_total"].actual == 1
    assert figures_cache._down_until > 0
    # Backing off: the next calls do not touch the cache at all.
    attempts = []

    class Recorder:
        def __getattr__(self, name):
            return lambda *args, **kwargs: attempts.append(name)

    monkeypatch.setattr(figures_cache, "cache", Recorder())
    HteCertificateFactory(enterprise=EnterpriseFactory(org_unit=taozhou), issued_on=D(2023, 4, 1))
    assert figures(plan_year)["hte_total"].actual == 2
    assert attempts == []


def test_the_dashboard_answers_with_a_dead_cache(dead_redis, client, staff_user, plan_year):
    client.force_login(staff_user)
    response = client.get(reverse("home"), {"year": 2024, "as_of": "2024-06-01"})
    assert response.status_code == 200
    assert Enterprise.objects.count() == 0


def test_the_dashboard_body_follows_typed_values_quotas_and_the_reader(
    client, staff_user, liaison, plan_year, taozhou
):
    from guangde_plan.models import Target, TargetQuota, TargetValue

    url = reverse("home")
    query = {"as_of": "2024-06-01"}
    client.force_login(staff_user)
    first = client.get(url, query).context["dashboard_body"]
    assert client.get(url, query).context["dashboard_body"] == first  # from the cache
    typed = Target.objects.create(
        plan_year=plan_year, code="typed_only", name="仅填报", section="innovative_city", value=9
    )
    TargetValue.objects.create(target=typed, recorded_on=D(2024, 5, 1), value=Decimal(7))
    quota = TargetQuota.objects.create(
        target=Target.objects.get(plan_year=plan_year, code="hte_total"),
        org_unit=taozhou,
        value=Decimal(37),
    )
    page = client.get(url, query).content.decode()
    assert 'data-target-code="typed_only" data-status="behind"' in page
    assert ">37<" in page
    quota.value = Decimal(38)
    quota.save()
    assert ">38<" in client.get(url, query).content.decode()
    # A liaison's body is their own: their unit only, no city-wide record links.
    client.force_login(liaison)
    body = client.get(url, query).context["dashboard_body"]
    assert "新杭镇" not in body
    client.cookies["django_language"] = "en"
    assert "Target" in client.get(url, query).context["dashboard_body"]
