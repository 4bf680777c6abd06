"""The platform kinds every county runs, and the national incubator criteria of
国科发区〔2018〕300号 (../shared/domain.md). Both are data: administrators add kinds and the
provincial and municipal criteria of their province."""

from decimal import Decimal

from django.db import migrations

KINDS = [
    # code, name, category, act
    ("rd_centre", "企业研发中心", "rd_institution", "recognised"),
    ("incubator", "科技企业孵化器", "incubation", "recognised"),
    ("maker_space", "众创空间", "incubation", "filed"),
    ("university_park", "大学科技园", "incubation", "recognised"),
]

NATIONAL_INCUBATOR = {
    "min_operating_years": 3,
    "min_area": Decimal(10000),
    "min_incubatees": 50,
    "min_density": Decimal(3),
    "min_graduates": 20,
    "min_fund": Decimal(500),
    "source": "国科发区〔2018〕300号 《科技企业孵化器管理办法》",
}


def add(apps, schema_editor):
    PlatformKind = apps.get_model("platforms", "PlatformKind")
    LevelCriteria = apps.get_model("platforms", "LevelCriteria")
    for order, (code, name, category, act) in enumerate(KINDS, start=1):
        PlatformKind.objects.get_or_create(
            code=code,
            defaults={"name": name, "category": category, "act": act, "sort_order": order * 10},
        )
    incubator = PlatformKind.objects.get(code="incubator")
    LevelCriteria.objects.get_or_create(
        kind=incubator, level="national", defaults=NATIONAL_INCUBATOR
    )


def remove(apps, schema_editor):
    PlatformKind = apps.get_model("platforms", "PlatformKind")
    PlatformKind.objects.filter(code__in=[code for code, *_ in KINDS], platforms=None).delete()


class Migration(migrations.Migration):
    dependencies = [("platforms", "0001_platforms_and_city")]

    operations = [migrations.RunPython(add, remove)]
