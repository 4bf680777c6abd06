"""What the enterprise page shows of this area (see enterprises/views/registry.py)."""


def detail_context(*, enterprise, user) -> dict:
    """Extra context for templates/enterprises/_detail_help.html: a fixed number of queries."""
    return {}
