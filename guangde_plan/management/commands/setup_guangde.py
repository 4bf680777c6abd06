"""Load the reference data a real Guangde deployment needs: its 13 township-level units,
the 2024 work plan with its targets, and the national evaluation thresholds for each plan
year. Safe to run again: it only adds what is missing and never overwrites what the bureau
has edited since."""

from django.core.management.base import BaseCommand
from django.db import transaction

from enterprises.services import evaluation_rules_for
from guangde_plan import seed_guangde
from guangde_plan.services import org_unit_upsert, plan_year_upsert


class Command(BaseCommand):
    help = "Load Guangde's org units and plan years with their targets (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        for index, (code, names) in enumerate(seed_guangde.ORG_UNITS):
            org_unit_upsert(code=code, names=names, sort_order=(index + 1) * 10)
        for plan in seed_guangde.PLAN_YEARS:
            evaluation_rules_for(plan_year=plan_year_upsert(**plan))
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(seed_guangde.ORG_UNITS)} org units and "
                f"{len(seed_guangde.PLAN_YEARS)} plan year(s) are in place."
            )
        )
