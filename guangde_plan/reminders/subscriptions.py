"""Switching a recipient's weekly email off from the unsubscribe link (no login)."""

from dataclasses import dataclass

from platforms.models import Department

from ..models import ReminderOptOut, User


@dataclass(frozen=True)
class Subscription:
    key: str
    name: str
    email: str
    is_subscribed: bool


def subscription_get(*, key: str) -> Subscription | None:
    """The recipient a (verified) key names, None when it no longer exists."""
    kind, _sep, pk = key.partition(":")
    if kind == "user":
        user = User.objects.filter(pk=pk).first()
        if user is None:
            return None
        return Subscription(key, str(user), user.email, user.reminders_enabled)
    department = Department.objects.filter(pk=pk).first()
    if department is None:
        return None
    opted_out = ReminderOptOut.objects.filter(recipient_key=key).exists()
    return Subscription(key, department.name, department.email, not opted_out)


def unsubscribe(*, key: str) -> None:
    """No more weekly emails for this recipient. A user can switch them on again on the
    preferences page; a responsible unit's contact asks the bureau (admin: unsubscribed
    contacts)."""
    kind, _sep, pk = key.partition(":")
    if kind == "user":
        User.objects.filter(pk=pk).update(reminders_enabled=False)
    else:
        email = Department.objects.filter(pk=pk).values_list("email", flat=True).first() or ""
        ReminderOptOut.objects.get_or_create(recipient_key=key, defaults={"email": email})
