"""The section 五 figures on the dashboard (outreach/progress_sources.py): a target an
administrator adds with one of the codes shows its actual, city-wide and by unit."""

import datetime
from decimal import Decimal

import pytest

from guangde_plan.models import Target
from guangde_plan.progress import SOURCES, plan_progress
from outreach.progress_sources import SOURCES as OUTREACH_SOURCES

from .factories import (
    AwardRecommendationFactory,
    BaseFactory,
    BaseRecommendationFactory,
    EventFactory,
    PaperFactory,
    SocietyFactory,
    ThemeFactory,
)

D = datetime.date


def test_every_code_is_registered():
    assert set(OUTREACH_SOURCES) <= set(SOURCES)


@pytest.fixture
def records(taozhou, xinhang, plan_year):
    may, june = ThemeFactory(month=5), ThemeFactory(month=6)
    EventFactory(org_unit=taozhou, theme=may, held_on=D(2024, 5, 30), audience=100)
    EventFactory(org_unit=taozhou, theme=june, held_on=D(2024, 6, 2), audience=None)
    EventFactory(org_unit=xinhang, theme=may, held_on=D(2024, 5, 3), audience=50)
    EventFactory(org_unit=None, theme=june, held_on=D(2024, 6, 20), audience=1000)
    EventFactory(org_unit=xinhang, theme=None, held_on=D(2024, 7, 1), audience=10)
    EventFactory(org_unit=xinhang, held_on=D(2023, 5, 30), audience=999)
    BaseFactory(org_unit=taozhou, level="provincial", level_since=D(2024, 3, 1))
    BaseFactory(org_unit=taozhou, level="national", level_since=D(2024, 8, 1))
    BaseFactory(org_unit=xinhang, level="county")
    BaseFactory(org_unit=xinhang, level="provincial", is_active=False)
    BaseRecommendationFactory(base=BaseFactory(org_unit=xinhang), recommended_on=D(2024, 4, 1))
    AwardRecommendationFactory(recommended_on=D(2024, 6, 1))
    PaperFactory(collected_on=D(2024, 6, 10))
    SocietyFactory(term_started_on=D(2019, 6, 1), term_years=5)  # due 2024-06-01
    SocietyFactory(term_started_on=D(2019, 6, 1), term_years=5, is_active=False)
    SocietyFactory(term_started_on=D(2022, 6, 1), term_years=5)


def _progress(plan_year, as_of, org_units):
    for order, code in enumerate(OUTREACH_SOURCES):
        Target.objects.create(
            plan_year=plan_year,
            code=code,
            name=code,
            section="outreach",
            value=Decimal(0) if code == "societies_overdue_renewal" else Decimal(10),
            direction="zero" if code == "societies_overdue_renewal" else "at_least",
            sort_order=100 + order,
        )
    return {
        item.target.code: item
        for item in plan_progress(plan_year=plan_year, as_of=as_of, org_units=org_units)
    }


def test_the_actuals_on_a_day(records, plan_year, taozhou, xinhang):
    result = _progress(plan_year, D(2024, 6, 30), [taozhou, xinhang])

    def actual(code):
        item = result[code]
        return item.actual, [row.actual for row in item.by_unit]

    assert actual("outreach_events") == (4, [2, 1])  # up to 30 June, city-wide included
    assert actual("outreach_audience") == (1150, [100, 50])
    assert actual("outreach_theme_months") == (2, [2, 1])
    # The national one only from August; the recommended one counts (county level).
    assert actual("outreach_bases") == (3, [1, 2])
    assert actual("outreach_bases_provincial_up") == (1, [1, 0])
    assert actual("outreach_base_recommendations") == (1, [0, 1])
    assert actual("outreach_award_recommendations")[0] == 1
    assert actual("outreach_papers")[0] == 1
    assert actual("societies_overdue_renewal")[0] == 1
    assert result["societies_overdue_renewal"].status == "behind"
    assert result["outreach_events"].tracked


def test_before_the_renewal_falls_due_nothing_is_overdue(records, plan_year, taozhou):
    result = _progress(plan_year, D(2024, 6, 1), [taozhou])
    assert result["societies_overdue_renewal"].actual == 0
    assert result["societies_overdue_renewal"].status == "met"
