"""Factories for the projects and intermediaries tests."""

import datetime

import factory

from enterprises.models import (
    Cooperation,
    Intermediary,
    IntermediaryService,
    KeyProject,
    TechDemand,
)
from tests.factories import EnterpriseFactory


class TechDemandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TechDemand

    enterprise = factory.SubFactory(EnterpriseFactory)
    kind = TechDemand.Kind.NEED
    title = factory.Sequence(lambda n: f"技术需求{n}")
    collected_on = datetime.date(2024, 3, 1)


class CooperationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperation

    enterprise = factory.SubFactory(EnterpriseFactory)
    partner = factory.Sequence(lambda n: f"合作高校{n}")
    subject = "新材料研发"
    started_on = datetime.date(2024, 3, 1)


class KeyProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyProject

    enterprise = factory.SubFactory(EnterpriseFactory)
    kind = KeyProject.Kind.CHALLENGE
    level = KeyProject.Level.PROVINCIAL
    title = factory.Sequence(lambda n: f"揭榜挂帅项目{n}")
    applied_on = datetime.date(2024, 3, 1)


class IntermediaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intermediary

    name = factory.Sequence(lambda n: f"科技服务机构{n}")
    services = "高企申报辅导"
    origin = Intermediary.Origin.LOCAL


class IntermediaryServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntermediaryService

    intermediary = factory.SubFactory(IntermediaryFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    service = factory.Sequence(lambda n: f"服务{n}")
    served_on = datetime.date(2024, 3, 1)
