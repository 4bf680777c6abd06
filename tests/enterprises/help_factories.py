"""Factories for the help ledger's tests (tests/enterprises/test_help_*.py)."""

import datetime

import factory

from enterprises.models import HelpActivity, HelpItem
from tests.factories import EnterpriseFactory


class HelpActivityFactory(factory.django.DjangoModelFactory):
    """An activity; `enterprises=[...]` links the enterprises that took part."""

    class Meta:
        model = HelpActivity
        skip_postgeneration_save = True

    kind = HelpActivity.Kind.VISIT
    title = factory.Sequence(lambda n: f"走访活动{n}")
    held_on = datetime.date(2024, 5, 10)
    org_unit = None

    @factory.post_generation
    def enterprises(self, create, extracted, **kwargs):
        if create and extracted:
            self.enterprises.set(extracted)


class HelpItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpItem

    enterprise = factory.SubFactory(EnterpriseFactory)
    kind = HelpItem.Kind.PROBLEM
    problem = factory.Sequence(lambda n: f"问题{n}：研发费用归集不规范")
    raised_on = datetime.date(2024, 3, 1)
