"""The demo seed (outreach/demo.py): what seed_demo adds, once."""

import datetime

import time_machine

from guangde_plan.models import Target
from outreach.demo import seed_outreach_demo
from outreach.models import Base, Event, EventPhoto, Honoree, MonthlyTheme, Paper, Society
from tests.factories import UserFactory


@time_machine.travel(datetime.datetime(2024, 12, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_the_seed_adds_a_year_of_outreach_once(org_units, plan_year):
    users = {"staff": UserFactory(username="staff"), "liaison_taozhou": UserFactory()}
    assert seed_outreach_demo(plan_year=plan_year, org_units=org_units, users=users)
    assert MonthlyTheme.objects.filter(plan_year=plan_year).count() == 12
    events = Event.objects.all()
    assert 18 <= events.count() <= 30
    assert events.filter(held_on=datetime.date(2024, 5, 30)).count() == 2
    assert events.filter(
        held_on__range=(datetime.date(2024, 9, 15), datetime.date(2024, 9, 25))
    ).exists()
    assert all(event.held_on.year == 2024 for event in events)
    assert EventPhoto.objects.count() == 4
    assert Base.objects.filter(level="provincial").count() == 1
    assert Honoree.objects.count() == 3 and Paper.objects.count() == 4
    today = datetime.date(2024, 12, 20)
    assert [s.renewal_status(today) for s in Society.objects.order_by("name")].count("overdue") == 1
    assert Target.objects.filter(plan_year=plan_year, section="outreach").count() == 3
    counts = (Event.objects.count(), Society.objects.count(), Target.objects.count())
    assert not seed_outreach_demo(plan_year=plan_year, org_units=org_units, users=users)
    assert (Event.objects.count(), Society.objects.count(), Target.objects.count()) == counts


@time_machine.travel(datetime.datetime(2024, 4, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_nothing_is_dated_after_today(org_units, plan_year):
    seed_outreach_demo(plan_year=plan_year, org_units=list(org_units.values()), users={})
    assert not Event.objects.filter(held_on__gt=datetime.date(2024, 4, 1)).exists()
    assert not Honoree.objects.exists()  # selected in May
