"""Factories and files for the science-popularisation tests."""

import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from guangde_plan.models import PlanYear
from outreach.models import (
    AwardRecommendation,
    Base,
    BaseRecommendation,
    Event,
    Honoree,
    MonthlyTheme,
    Paper,
    Society,
)


def image_bytes(image_format: str = "JPEG", size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def image_upload(
    name: str = "现场.jpg", image_format: str = "JPEG", **kwargs
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(image_format, **kwargs), "image/jpeg")


def plan_year_2024():
    return PlanYear.objects.get(year=2024)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthlyTheme
        django_get_or_create = ("plan_year", "month")

    plan_year = factory.LazyFunction(plan_year_2024)
    month = 5
    title = factory.Sequence(lambda n: f"科普主题{n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"科普活动{n}")
    kind = Event.Kind.VOLUNTEER
    held_on = datetime.date(2024, 5, 30)
    org_unit = None
    audience = 100


class BaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Base

    name = factory.Sequence(lambda n: f"科普教育基地{n}")
    kind = Base.Kind.EDUCATION_BASE


class BaseRecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BaseRecommendation

    base = factory.SubFactory(BaseFactory)
    to_level = "municipal"
    recommended_on = datetime.date(2024, 4, 1)


class HonoreeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Honoree

    plan_year = factory.LazyFunction(plan_year_2024)
    name = factory.Sequence(lambda n: f"科技工作者{n}")
    employer = "广德某科技公司"
    honour = "广德市优秀科技工作者"
    selected_on = datetime.date(2024, 5, 20)


class AwardRecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardRecommendation

    honoree = factory.SubFactory(HonoreeFactory)
    selection = "xuancheng"
    recommended_on = datetime.date(2024, 6, 1)


class SocietyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Society

    name = factory.Sequence(lambda n: f"广德市学会{n}")
    kind = Society.Kind.SOCIETY
    chair = "李会长"
    term_started_on = datetime.date(2021, 6, 1)
    term_years = 5


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    society = factory.SubFactory(SocietyFactory)
    title = factory.Sequence(lambda n: f"学术论文{n}")
    authors = "王作者"
    collected_on = datetime.date(2024, 7, 1)
