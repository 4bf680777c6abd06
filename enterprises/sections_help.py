"""What the enterprise page shows of this area (see enterprises/views/registry.py)."""

from django.utils import timezone

from .filters_help import ITEM_DEFAULT_ORDER
from .selectors_help import help_activity_list_for_enterprise, help_item_list_visible

LATEST_ACTIVITIES = 10


def detail_context(*, enterprise, user) -> dict:
    """Extra context for templates/enterprises/_detail_help.html: a fixed number of queries
    (two: the enterprise's help items, its latest activities)."""
    items = help_item_list_visible(user=user, today=timezone.localdate()).filter(
        enterprise=enterprise
    )
    activities = help_activity_list_for_enterprise(enterprise=enterprise, user=user)
    # list() runs the queries now so that the template does no database access.
    return {
        "help_items": list(items.order_by(*ITEM_DEFAULT_ORDER)),
        "help_activities": list(activities[:LATEST_ACTIVITIES]),
    }
