"""Writes with side effects for the plan's own data (org units, plan years, users)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import OrgUnit, OrgUnitName, PlanYear, Target, TargetQuota, User


def org_unit_refresh_current_name(*, org_unit: OrgUnit, today: datetime.date) -> None:
    """Copy the name and kind valid today from the unit's name history onto the unit."""
    names = sorted(org_unit.names.all(), key=lambda n: n.valid_from or datetime.date.min)
    valid = [entry for entry in names if entry.valid_from is None or entry.valid_from <= today]
    if valid and (org_unit.name, org_unit.kind) != (valid[-1].name, valid[-1].kind):
        org_unit.name, org_unit.kind = valid[-1].name, valid[-1].kind
        org_unit.save(update_fields=["name", "kind"])


@transaction.atomic
def org_unit_upsert(
    *, code: str, names: list[tuple[datetime.date | None, str, str]], sort_order: int
) -> OrgUnit:
    """Create or update a unit and its name history; names added later by admins stay."""
    first_name, first_kind = names[0][1], names[0][2]
    org_unit, _created = OrgUnit.objects.get_or_create(
        code=code, defaults={"name": first_name, "kind": first_kind, "sort_order": sort_order}
    )
    if org_unit.sort_order != sort_order:
        org_unit.sort_order = sort_order
        org_unit.save(update_fields=["sort_order"])
    for valid_from, name, kind in names:
        OrgUnitName.objects.update_or_create(
            org_unit=org_unit, valid_from=valid_from, defaults={"name": name, "kind": kind}
        )
    org_unit_refresh_current_name(org_unit=org_unit, today=timezone.localdate())
    return org_unit


@transaction.atomic
def plan_year_upsert(*, year: int, title: str, source_document: str, targets: list[dict]):
    """Create a plan year with its targets; on a re-run only fill in what is missing, so
    values the bureau has corrected since are never overwritten by the seed."""
    plan_year, _created = PlanYear.objects.get_or_create(
        year=year, defaults={"title": title, "source_document": source_document}
    )
    existing = set(plan_year.targets.values_list("code", flat=True))
    new = [
        Target(plan_year=plan_year, sort_order=index, **target)
        for index, target in enumerate(targets)
        if target["code"] not in existing
    ]
    for target in new:
        target.full_clean()
        target.save()
    return plan_year


def user_apply_role(*, user: User) -> None:
    """Administrators get the Django admin (superuser); nobody else does."""
    is_admin = user.role == User.Role.ADMIN
    user.is_staff = is_admin
    user.is_superuser = is_admin


@transaction.atomic
def plan_year_rollover(*, source: PlanYear, year: int) -> PlanYear:
    """Start `year`'s plan as a copy of `source`: its targets (values, curves, quotas) and
    evaluation rules, for admins to edit. Nothing about any year is built in."""
    from enterprises.models import EvaluationRules

    if PlanYear.objects.filter(year=year).exists():
        raise ValidationError(
            _("The %(year)d plan exists already."), code="plan_year_exists", params={"year": year}
        )
    title = source.title.replace(str(source.year), str(year)) if source.title else str(year)
    plan_year = PlanYear(year=year, title=title, source_document="")
    plan_year.full_clean()
    plan_year.save()
    for target in source.targets.prefetch_related("quotas"):
        quotas = list(target.quotas.all())
        target.pk, target.id, target.plan_year = None, None, plan_year
        target.save()
        TargetQuota.objects.bulk_create(
            TargetQuota(target=target, org_unit_id=quota.org_unit_id, value=quota.value)
            for quota in quotas
        )
    stored = EvaluationRules.objects.filter(plan_year=source).first()
    if stored is not None:
        EvaluationRules.objects.create(plan_year=plan_year, rules=stored.rules)
    return plan_year
