"""Load the reference data a real Guangde deployment needs: its 13 township-level units,
the 2024 work plan with its targets, the national evaluation thresholds for each plan
year, the innovative city's five lines of work and the three carriers the plan names. Safe
to run again: it only adds what is missing and never overwrites what the bureau has edited
since."""

from django.core.management.base import BaseCommand
from django.db import transaction

from enterprises.services import evaluation_rules_for
from guangde_plan import seed_guangde
from guangde_plan.models import OrgUnit
from guangde_plan.services import org_unit_upsert, plan_year_upsert
from platforms.models import IndicatorGroup, Platform
from platforms.seed import kinds_ensure


class Command(BaseCommand):
    help = "Load Guangde's org units and plan years with their targets (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        for index, (code, names) in enumerate(seed_guangde.ORG_UNITS):
            org_unit_upsert(code=code, names=names, sort_order=(index + 1) * 10)
        for plan in seed_guangde.PLAN_YEARS:
            evaluation_rules_for(plan_year=plan_year_upsert(**plan))
        for order, (name, description) in enumerate(seed_guangde.INDICATOR_GROUPS, start=1):
            IndicatorGroup.objects.get_or_create(
                name=name, defaults={"description": description, "sort_order": order * 10}
            )
        kinds = kinds_ensure()
        for name, kind, unit, note in seed_guangde.PLATFORMS:
            if not Platform.objects.filter(name=name).exists():
                Platform.objects.create(
                    name=name,
                    kind=kinds[kind],
                    host_organisation=name,
                    org_unit=OrgUnit.objects.get(code=unit),
                    note=note,
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(seed_guangde.ORG_UNITS)} org units and "
                f"{len(seed_guangde.PLAN_YEARS)} plan year(s) are in place."
            )
        )
