"""Who receives the week's email, and which kind.

- Users: active, with an email address, weekly email switched on. Liaisons get reminders for
  their active units by default, bureau users (staff, leaders, administrators) the digest;
  either may choose the other (User.reminder_kind). A bureau user who chooses reminders gets
  those of every unit and of the city-wide records.
- Responsible units (platforms.Department) with an email address: their contact gets the
  unit's own notices, unless they followed the unsubscribe link (ReminderOptOut).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch

from platforms.models import Department

from ..models import OrgUnit, ReminderDelivery, ReminderOptOut, User

Kind = ReminderDelivery.Kind


@dataclass(frozen=True)
class Recipient:
    key: str  # the delivery rows' recipient_key
    email: str
    name: str
    language: str
    kind: str
    unit_ids: tuple[int, ...] = ()
    department_id: int | None = None
    user_id: int | None = None
    sees_all_units: bool = False

    @property
    def is_department(self) -> bool:
        return self.department_id is not None


def user_key(pk: int) -> str:
    return f"user:{pk}"


def department_key(pk: int) -> str:
    return f"department:{pk}"


def _language(code: str) -> str:
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def recipients_all() -> list[Recipient]:
    """Every recipient of the week, ordered by key. Five queries, however many users."""
    all_units = tuple(OrgUnit.objects.filter(is_active=True).values_list("pk", flat=True))
    users = (
        User.objects.filter(is_active=True, reminders_enabled=True)
        .exclude(email="")
        .prefetch_related(
            # A unit made inactive drops out of a liaison's scope (guangde_plan.selectors).
            Prefetch(
                "org_units",
                queryset=OrgUnit.objects.filter(is_active=True).only("pk"),
                to_attr="active_units",
            )
        )
        .order_by("pk")
    )
    found = []
    for user in users:
        kind = user.weekly_email_kind
        units = all_units if user.sees_all_units else tuple(u.pk for u in user.active_units)
        found.append(
            Recipient(
                key=user_key(user.pk),
                email=user.email,
                name=f"{user.last_name}{user.first_name}".strip() or user.username,
                language=_language(user.language),
                kind=kind,
                unit_ids=units,
                user_id=user.pk,
                sees_all_units=user.sees_all_units,
            )
        )
    opted_out = set(ReminderOptOut.objects.values_list("recipient_key", flat=True))
    for department in Department.objects.filter(is_active=True).exclude(email="").order_by("pk"):
        key = department_key(department.pk)
        if key in opted_out:
            continue
        found.append(
            Recipient(
                key=key,
                email=department.email,
                name=" · ".join(filter(None, [department.name, department.contact_person])),
                language=settings.LANGUAGE_CODE,
                kind=Kind.REMINDERS,
                department_id=department.pk,
            )
        )
    return found
