"""Fill a development or evaluation database with invented data to click through: the
reference data (setup_guangde), about 300 fictitious enterprises and one demo user per
role. Run again safely: it adds nothing twice. Production settings refuse it unless
DEMO_DATA_ALLOWED is set or --allow-production is given."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from enterprises.models import Enterprise
from guangde_plan.demo import demo_enterprises
from guangde_plan.models import OrgUnit, User
from guangde_plan.services import user_apply_role

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
