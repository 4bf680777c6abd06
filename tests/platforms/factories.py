"""Platforms for the tests, and recognitions recorded through the service (which keeps the
platform's level), as the pages record them."""

import datetime

import factory

from platforms.models import IncubationFigures, LevelCriteria, Platform, PlatformKind, Recognition
from platforms.services import recognition_save


def kind(code: str) -> PlatformKind:
    """A kind seeded by migration 0002: rd_centre, incubator, maker_space, university_park."""
    return PlatformKind.objects.get(code=code)


class PlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Platform

    name = factory.Sequence(lambda n: f"测试平台{n}")
    kind = factory.LazyFunction(lambda: kind("incubator"))
    host_organisation = "测试园区管理公司"
    org_unit = None  # always given: a platform's unit decides who sees it


def grant(platform, level, on, *, by, act=Recognition.Act.GRANTED, number="") -> Recognition:
    """Record an act on `platform` through the service; the platform is refreshed."""
    recognition = recognition_save(
        recognition=Recognition(
            platform=platform,
            act=act,
            level=level,
            recognised_on=on,
            document_number=number,
        ),
        by=by,
    )
    platform.refresh_from_db()
    return recognition


def figures(platform, year=2023, **values) -> IncubationFigures:
    return IncubationFigures.objects.create(platform=platform, year=year, **values)


def criteria(code: str, level: str, **values) -> LevelCriteria:
    return LevelCriteria.objects.create(kind=kind(code), level=level, **values)


D = datetime.date
