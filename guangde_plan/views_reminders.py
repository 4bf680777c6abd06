"""The weekly email's pages: a user's own preferences, the unsubscribe link (no login), and
for bureau staff the log of what was sent to whom, with a button to send this week's now."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .lib.access import bureau_view, public_view, self_view
from .lib.dates import parse_iso_date
from .lib.http import NotFound, posted_data
from .lib.pagination import paginate
from .models import ReminderDelivery, ReminderSchedule
from .reminders.forms import ReminderPreferencesForm
from .reminders.queue import enqueue
from .reminders.subscriptions import subscription_get, unsubscribe
from .reminders.tokens import recipient_key_from
from .snapshots import week_monday
from .tasks import send_weekly_reminders

LOG_PAGE_SIZE = 50
WEEKS_SHOWN = 12


@self_view
@require_http_methods(["GET", "POST"])
def reminder_preferences(request):
    form = ReminderPreferencesForm(posted_data(request), instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your weekly email settings are saved."))
        return redirect("reminder_preferences")
    return render(
        request,
        "guangde_plan/reminder_preferences.html",
        {"form": form, "schedule": ReminderSchedule.current()},
    )


# No CSRF token: the signed link is the credential, and mail clients' one-click unsubscribe
# (RFC 8058) POSTs to it without cookies. A GET only shows the confirmation, so that link
# checkers and previews that fetch links never unsubscribe anyone.
@public_view
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def reminder_unsubscribe(request, token):
    key = recipient_key_from(token)
    subscription = subscription_get(key=key) if key else None
    if subscription is None:
        raise NotFound(_("This unsubscribe link is not valid (it may be incomplete, or very old)."))
    if request.method == "POST":
        unsubscribe(key=key)
        return redirect("reminder_unsubscribe", token=token)
    return render(
        request,
        "guangde_plan/reminder_unsubscribe.html",
        {"subscription": subscription, "is_user": key.startswith("user:")},
    )


def _week_chosen(value: str | None, weeks: list) -> object:
    try:
        return week_monday(parse_iso_date(value)) if value else (weeks[0] if weeks else None)
    except ValueError:
        return weeks[0] if weeks else None


@bureau_view
@require_safe
def reminder_log(request):
    """Who was sent what in a week (default: the latest), filtered by status."""
    weeks = list(
        ReminderDelivery.objects.order_by("-week")
        .values_list("week", flat=True)
        .distinct()[:WEEKS_SHOWN]
    )
    week = _week_chosen(request.GET.get("week"), weeks)
    deliveries = ReminderDelivery.objects.filter(week=week).order_by("status", "recipient_name")
    counts = dict(
        deliveries.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    status = request.GET.get("status", "")
    if status in ReminderDelivery.Status.values:
        deliveries = deliveries.filter(status=status)
    return render(
        request,
        "guangde_plan/reminder_log.html",
        {
            "weeks": weeks,
            "week": week,
            "status": status,
            "statuses": [
                (value, label, counts.get(value, 0))
                for value, label in ReminderDelivery.Status.choices
            ],
            "page": paginate(request, deliveries, per_page=LOG_PAGE_SIZE),
            "schedule": ReminderSchedule.current(),
            "this_week": week_monday(timezone.localdate()),
        },
    )


@bureau_view
@require_POST
def reminder_send(request):
    """Send this week's emails still due now, whatever the schedule (nothing twice)."""
    week = week_monday(timezone.localdate())
    if enqueue(send_weekly_reminders, week.isoformat()):
        messages.success(
            request,
            _("This week's emails are being sent. Reload this page in a minute to see them."),
        )
    else:
        messages.warning(
            request,
            _(
                "The task queue cannot be reached, so nothing was sent now. The hourly check "
                "sends this week's emails as soon as it is back."
            ),
        )
    return redirect(f"{reverse('reminder_log')}?week={week.isoformat()}")
