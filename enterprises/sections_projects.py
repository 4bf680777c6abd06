"""What the enterprise page shows of the technology projects and the intermediaries' services
(see enterprises/views/registry.py)."""

from .selectors_projects import (
    cooperation_list_visible,
    intermediary_service_list_visible,
    key_project_list_visible,
    tech_demand_list_visible,
)

LATEST = 20  # of each kind; the lists, searched by credit code, hold the rest


def detail_context(*, enterprise, user) -> dict:
    """Extra context for templates/enterprises/_detail_projects.html: a fixed number of
    queries (four: needs and results, cooperations, key projects, services with their
    intermediaries), each the latest LATEST rows plus one to tell whether there are more."""

    def latest(queryset):
        # list() runs the query now so that the template does no database access.
        rows = list(queryset.filter(enterprise=enterprise)[: LATEST + 1])
        return {"rows": rows[:LATEST], "has_more": len(rows) > LATEST}

    return {
        "project_demands": latest(tech_demand_list_visible(user=user)),
        "project_cooperations": latest(cooperation_list_visible(user=user)),
        "project_key_projects": latest(key_project_list_visible(user=user)),
        "project_services": latest(intermediary_service_list_visible(user=user)),
    }
