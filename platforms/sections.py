"""What the enterprise page shows of the platforms the enterprise hosts (see
enterprises/views/registry.py DETAIL_SECTIONS)."""

from .selectors import platform_list_visible


def detail_context(*, enterprise, user) -> dict:
    """One query: the platforms it hosts that the user may see, with their kinds."""
    # list() runs the query now so that the template does no database access.
    return {
        "hosted_platforms": list(
            platform_list_visible(user=user).filter(host_enterprise=enterprise).order_by("name")
        )
    }
