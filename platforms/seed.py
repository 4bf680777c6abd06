"""The platform kinds every county runs (the 0002 migration adds them to a new database;
`setup_guangde` puts back any that are missing, e.g. after a test flushed the tables)."""

from .models import Category, PlatformKind

# code, name, category, how a level is granted
BUILT_IN_KINDS = [
    ("rd_centre", "企业研发中心", Category.RD_INSTITUTION, PlatformKind.Act.RECOGNISED),
    ("incubator", "科技企业孵化器", Category.INCUBATION, PlatformKind.Act.RECOGNISED),
    ("maker_space", "众创空间", Category.INCUBATION, PlatformKind.Act.FILED),
    ("university_park", "大学科技园", Category.INCUBATION, PlatformKind.Act.RECOGNISED),
]


def kinds_ensure() -> dict[str, PlatformKind]:
    """The built-in kinds by code, added where missing; kinds edited since are left alone."""
    kinds = {}
    for order, (code, name, category, act) in enumerate(BUILT_IN_KINDS, start=1):
        kinds[code], _ = PlatformKind.objects.get_or_create(
            code=code,
            defaults={"name": name, "category": category, "act": act, "sort_order": order * 10},
        )
    return kinds
