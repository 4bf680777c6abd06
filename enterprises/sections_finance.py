"""What the enterprise page shows of technology finance, policy benefits and statistics
reporting (see enterprises/views/registry.py)."""

from .selectors_finance import (
    finance_record_list_visible,
    policy_benefit_list_visible,
)

LATEST_REPORTS = 5


def detail_context(*, enterprise, user) -> dict:
    """Extra context for templates/enterprises/_detail_finance.html: three queries (the
    enterprise's finance records, its policy benefits with their policies, its latest
    statistics reports)."""
    records = finance_record_list_visible(user=user).filter(enterprise=enterprise)
    benefits = policy_benefit_list_visible(user=user).filter(enterprise=enterprise)
    reports = enterprise.statistics_reports.order_by("-year")
    # list() runs the queries now so that the template does no database access.
    return {
        "finance_records": list(records.order_by("-started_on", "-pk")),
        "policy_benefits": list(benefits.order_by("-granted_on", "-pk")),
        "statistics_reports": list(reports[:LATEST_REPORTS]),
    }
