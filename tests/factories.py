import datetime
from decimal import Decimal

import factory

from enterprises.models import (
    AnnualFigures,
    Enterprise,
    HteCertificate,
    TechField,
    TechSmeRegistration,
)
from guangde_plan.lib.uscc import check_character
from guangde_plan.models import OrgUnit, User


def make_uscc(number: int, division: str = "341882") -> str:
    """A valid code: 91 + division + 9 digits derived from `number` + its check character."""
    first17 = f"91{division}{number:09d}"
    return first17 + check_character(first17)


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{999000000 + n}")
    name = factory.Sequence(lambda n: f"测试镇{n}")
    kind = OrgUnit.Kind.TOWN


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = User.Role.STAFF
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def org_units(self, create, extracted, **kwargs):
        if create and extracted:
            self.org_units.set(extracted)
        if create:
            self.save()


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    uscc = factory.Sequence(lambda n: make_uscc(n + 1))
    org_unit = factory.SubFactory(OrgUnitFactory)
    tech_field = TechField.ADVANCED_MANUFACTURING


class AnnualFiguresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualFigures

    enterprise = factory.SubFactory(EnterpriseFactory)
    year = 2023
    sales_revenue = Decimal("3000")
    total_costs = Decimal("2500")
    total_assets = Decimal("4000")
    employees = 100
    tech_staff = 20
    rd_expense = Decimal("180")
    rd_expense_domestic = Decimal("180")
    high_tech_revenue = Decimal("2000")
    class1_ip_count = 1
    class2_ip_count = 3


class HteCertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HteCertificate

    enterprise = factory.SubFactory(EnterpriseFactory)
    number = factory.Sequence(lambda n: f"GR2023{n:08d}")
    issued_on = datetime.date(2023, 11, 30)


class TechSmeRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TechSmeRegistration

    enterprise = factory.SubFactory(EnterpriseFactory)
    year = 2024
    number = factory.Sequence(lambda n: f"2024341882{n:08d}")
