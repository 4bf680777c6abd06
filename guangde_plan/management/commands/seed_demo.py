"""Fill a development or evaluation database with invented data to click through: the
reference data (setup_guangde), about 300 fictitious enterprises with five years of
figures, certificates, registrations, pipelines and help records, and one demo user per
role. Run again safely: it adds nothing twice. Production settings refuse it unless
DEMO_DATA_ALLOWED is set or --allow-production is given."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from enterprises.models import (
    HTE_VALIDITY_YEARS,
    AnnualFigures,
    Enterprise,
    HelpActivity,
    HelpItem,
    HteCertificate,
    PipelineEntry,
    PipelineMove,
    TechSmeRegistration,
)
from guangde_plan import figures_cache
from guangde_plan.demo import demo_cultivation, demo_enterprises
from guangde_plan.demo_section_two import seed_section_two
from guangde_plan.lib.dates import add_years
from guangde_plan.models import OrgUnit, PlanYear, Target, TargetQuota, User
from guangde_plan.services import user_apply_role
from outreach.demo import seed_outreach_demo
from platforms.demo import seed_platforms_demo

DEMO_PASSWORD = "guangde-demo"
# username, role, org unit codes, display name
DEMO_USERS = [
    ("admin", User.Role.ADMIN, [], "管理员"),
    ("staff", User.Role.STAFF, [], "科技局工作人员"),
    ("leader", User.Role.LEADER, [], "局领导"),
    ("liaison_taozhou", User.Role.LIAISON, ["341882100"], "桃州镇联络员"),
    ("liaison_kfq", User.Role.LIAISON, ["341882400"], "开发区联络员"),
]


class Command(BaseCommand):
    help = "Load reference data, ~300 invented enterprises and the demo users (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--enterprises", type=int, default=300)
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Write demo data even though the settings do not allow it.",
        )

    @transaction.atomic
    def handle(self, *args, enterprises, allow_production, **options):
        if not (settings.DEMO_DATA_ALLOWED or allow_production):
            raise CommandError(
                "Demo data is not allowed with these settings (DEMO_DATA_ALLOWED is off). "
                "Pass --allow-production if you really want invented data here."
            )
        call_command("setup_guangde", stdout=self.stdout)
        units = {unit.code: unit for unit in OrgUnit.objects.all()}
        created = self._enterprises(units, enterprises)
        self._users(units)
        self.stdout.write(self.style.SUCCESS(f"{created} demo enterprises added."))
        self._quotas()
        cultivated = self._cultivation()
        if seed_section_two(
            plan_year=PlanYear.objects.order_by("-year").first(),
            staff=User.objects.get(username="staff"),
        ):
            self.stdout.write(
                "Demo projects, intermediaries, finance records, a bank white list, the "
                "statistics key list and policy beneficiaries added."
            )
        if seed_platforms_demo(
            plan_year=PlanYear.objects.order_by("-year").first(),
            staff=User.objects.get(username="staff"),
        ):
            self.stdout.write(
                "Demo R&D centres and incubators with recognitions and applications, "
                "indicators, responsible units and notices added."
            )
        if seed_outreach_demo(
            plan_year=PlanYear.objects.order_by("-year").first(),
            org_units=units,
            users={
                user.username: user
                for user in User.objects.filter(username__in=["staff", "liaison_taozhou"])
            },
        ):
            self.stdout.write("Demo themes, events, bases, awards and societies added.")
        # The bulk inserts above send no signals: cached figures must go.
        figures_cache.invalidate()
        if cultivated:
            self.stdout.write(
                "Demo figures, certificates, registrations, pipelines and help records added."
            )
        self.stdout.write(f"Demo users (password for all: {DEMO_PASSWORD}):")
        for username, role, codes, _name in DEMO_USERS:
            where = ", ".join(units[code].name for code in codes) or "全市"
            self.stdout.write(f"  {username:<16} {User.Role(role).label} — {where}")

    def _enterprises(self, units, count):
        generated = demo_enterprises(sorted(units), count, timezone.localdate())
        existing = set(
            Enterprise.objects.filter(uscc__in=[e.uscc for e in generated]).values_list(
                "uscc", flat=True
            )
        )
        new = [
            Enterprise(
                name=demo.name,
                uscc=demo.uscc,
                org_unit=units[demo.org_unit_code],
                tech_field=demo.tech_field,
                registered_on=demo.registered_on,
                production_started_on=demo.production_started_on,
                is_above_designated_size=demo.is_above_designated_size,
                address=units[demo.org_unit_code].name + demo.address,
                contact_person=demo.contact_person,
                contact_phone=demo.contact_phone,
            )
            for demo in generated
            if demo.uscc not in existing
        ]
        for enterprise in new:
            enterprise.full_clean(validate_unique=False)
        bulk_create_with_history(new, Enterprise, default_change_reason="seed_demo")
        return len(new)

    def _quotas(self):
        """Invented 任务分解 for the count targets: each unit's share of the city target in
        proportion to its enterprises, rounded so that the shares add up exactly."""
        counts = dict(
            Enterprise.objects.values("org_unit")
            .annotate(n=Count("pk"))
            .values_list("org_unit", "n")
        )
        total = sum(counts.values())
        for target in Target.objects.filter(
            plan_year=PlanYear.objects.order_by("-year").first(),
            code__in=["hte_total", "tech_sme_total"],
            value__isnull=False,
        ):
            if target.quotas.exists() or not total:
                continue
            shares = {unit: int(target.value * n / total) for unit, n in counts.items()}
            # Hand the rounding remainder to the largest units.
            for unit in sorted(counts, key=counts.get, reverse=True)[
                : int(target.value) - sum(shares.values())
            ]:
                shares[unit] += 1
            TargetQuota.objects.bulk_create(
                TargetQuota(target=target, org_unit_id=unit, value=value)
                for unit, value in shares.items()
            )

    def _cultivation(self) -> bool:
        """Cultivation records for the demo enterprises, once (skipped if any exist)."""
        demo = Enterprise.objects.filter(name__startswith="【演示】")
        if AnnualFigures.objects.filter(enterprise__in=demo).exists():
            return False
        plan_year = PlanYear.objects.order_by("-year").first()
        ids = dict(demo.values_list("uscc", "pk"))
        data = demo_cultivation(sorted(ids), plan_year.year, timezone.localdate())
        staff = User.objects.get(username="staff")

        figures = [AnnualFigures(enterprise_id=ids[row.pop("uscc")], **row) for row in data.figures]
        for row in figures:
            row.full_clean(validate_unique=False)
        bulk_create_with_history(figures, AnnualFigures, default_change_reason="seed_demo")
        certificates = [
            # bulk_create skips save(), which derives expires_on: set it here.
            HteCertificate(
                enterprise_id=ids[row["uscc"]],
                number=row["number"],
                issued_on=row["issued_on"],
                expires_on=add_years(row["issued_on"], HTE_VALIDITY_YEARS),
            )
            for row in data.certificates
        ]
        bulk_create_with_history(certificates, HteCertificate, default_change_reason="seed_demo")
        registrations = [
            TechSmeRegistration(enterprise_id=ids[row.pop("uscc")], **row)
            for row in data.registrations
        ]
        bulk_create_with_history(
            registrations, TechSmeRegistration, default_change_reason="seed_demo"
        )
        entries = PipelineEntry.objects.bulk_create(
            PipelineEntry(
                enterprise_id=ids[row["uscc"]],
                track=row["track"],
                plan_year=plan_year,
                stage=row["stage"],
                stage_changed_on=row["since"],
            )
            for row in data.pipeline_entries
        )
        PipelineMove.objects.bulk_create(
            PipelineMove(
                entry=entry,
                from_stage="",
                to_stage=entry.stage,
                moved_on=entry.stage_changed_on,
                moved_by=staff,
                note="演示数据",
            )
            for entry in entries
        )
        items = [
            HelpItem(
                enterprise_id=ids[row.pop("uscc")],
                done_on=row["due_on"] if row["status"] == "done" else None,
                **row,
            )
            for row in data.help_items
        ]
        bulk_create_with_history(items, HelpItem, default_change_reason="seed_demo")
        for row in data.activities:
            attendees = [ids[code] for code in row.pop("attendees")]
            activity = HelpActivity.objects.create(created_by=staff, **row)
            activity.enterprises.set(attendees)
        return True

    def _users(self, units):
        for username, role, codes, display_name in DEMO_USERS:
            user, _created = User.objects.get_or_create(username=username)
            user.role = role
            user.first_name = display_name
            user.email = f"{username}@example.com"
            user_apply_role(user=user)
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.org_units.set([units[code] for code in codes])
