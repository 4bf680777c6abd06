"""Template filters for display only; none of them touches the database."""

import datetime

from django import template

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
def sort_icon(context, key: str) -> str:
    current = context.get("sort", "")
    if current == key:
        return "bi-sort-down-alt"
    if current == f"-{key}":
        return "bi-sort-up"
    return "bi-arrow-down-up text-body-tertiary"
