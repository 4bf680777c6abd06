"""Template filters for display only; none of them touches the database."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guangde_plan import progress

register = template.Library()


@register.filter
def minutes(value: datetime.timedelta | None) -> int:
    """Whole minutes of a duration, rounded up (a lock-out of 90 s reads "2")."""
    if not value:
        return 0
    return -(-int(value.total_seconds()) // 60)


@register.simple_tag(takes_context=True)
def sort_url(context, key: str) -> str:
    """The current list URL sorted by `key`; a second click on the same column reverses it."""
    request = context["request"]
    current = context.get("sort", "")
    params = request.GET.copy()
    params["sort"] = f"-{key}" if current == key else key
    params.pop("page", None)
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def export_url(context) -> str:
    """The current list, with its filters and order, as an Excel download."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    params["format"] = "xlsx"
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def sort_icon(context, key: str) -> str:
    current = context.get("sort", "")
    if current == key:
        return "bi-sort-down-alt"
    if current == f"-{key}":
        return "bi-sort-up"
    return "bi-arrow-down-up text-body-tertiary"


# The dashboard's figures. Statuses come from guangde_plan.progress; these only show them.
STATUS_LABELS = {
    progress.MET: _("met"),
    progress.ON_TRACK: _("on track"),
    progress.BEHIND: _("behind"),
    progress.NO_TARGET: _("no target"),
    progress.NO_DATA: _("no data"),
    progress.NOT_TRACKED: _("not tracked yet"),
}
# Bootstrap colours: met green, on track blue, behind red, everything else grey.
STATUS_COLOURS = {progress.MET: "success", progress.ON_TRACK: "primary", progress.BEHIND: "danger"}
DIRECTION_SIGNS = {"at_least": "≥ ", "at_most": "≤ "}


@register.filter
def figure(value) -> str:
    """A number as people write it: 150 not 150.0, 12.5 not 12.50, thousands grouped."""
    if value is None or value == "":
        return "—"
    number = Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP).normalize()
    return f"{number:,f}"


@register.filter
def target_value(target) -> str:
    """The target as the plan states it: "≥ 200 家", "0 家", or "no target"."""
    if target.value is None:
        return gettext("no target")
    text = f"{DIRECTION_SIGNS.get(target.direction, '')}{figure(target.value)}"
    return f"{text} {target.unit}" if target.unit else text


@register.filter
def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


@register.filter
def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "secondary")


@register.filter
def bar_width(percentage) -> str:
    """A progress bar's CSS width: the percentage held to 0–100, with a dot whatever the
    language (the number goes into a style attribute, not to a reader)."""
    if percentage is None:
        return "0"
    return f"{min(max(Decimal(str(percentage)), Decimal(0)), Decimal(100)):f}"


@register.filter
def rate_percent(rate) -> str:
    """A share (0.4567) as a whole percentage ("46%")."""
    if rate is None:
        return "—"
    return f"{(Decimal(str(rate)) * 100).quantize(Decimal(1), ROUND_HALF_UP)}%"
