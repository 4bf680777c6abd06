"""What the enterprise page shows of this area (see enterprises/views/registry.py): the
figures by year and a readiness summary on the latest of them."""

from .selectors_figures import enterprise_figures_overview
from .views.readiness import STATUS_LABELS, STATUS_STYLES, count_text, money_text, ratio_text


def detail_context(*, enterprise, user) -> dict:
    """Extra context for templates/enterprises/_detail_figures.html: a fixed number of queries
    (one without figures; with them three: the figures, the certificates, the plan year with
    its rules)."""
    overview = enterprise_figures_overview(enterprise=enterprise)
    readiness = overview["readiness"]
    summary = None
    if readiness is not None:
        summary = {
            "figures_year": readiness.figures_year,
            "application_year": readiness.application_year,
            "hte": readiness.hte,
            "hte_total": len(readiness.hte.conditions),
            "sme": readiness.sme,
            "sme_pass_score": readiness.rules.sme_pass_score,
            "sme_result_label": STATUS_LABELS[readiness.sme.result],
            "sme_result_style": STATUS_STYLES[readiness.sme.result],
        }
    return {
        "figures_rows": [_row(figures) for figures in overview["rows"]],
        "figures_summary": summary,
    }


def _row(figures) -> dict:
    return {
        "pk": figures.pk,
        "year": figures.year,
        "sales": money_text(figures.sales_revenue),
        "rd": money_text(figures.rd_expense),
        "rd_pct": ratio_text(figures.rd_expense, figures.sales_revenue),
        "employees": count_text(figures.employees),
        "staff_pct": ratio_text(figures.tech_staff, figures.employees),
        "class1": count_text(figures.class1_ip_count),
        "class2": count_text(figures.class2_ip_count),
        "inventions": count_text(figures.invention_applications),
        "rd_institution": figures.get_rd_institution_level_display(),
        "has_rd_ledger": figures.has_rd_ledger,
    }
