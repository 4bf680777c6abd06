"""Reads of annual figures and the readiness computed on them, always scoped to the user.

The rules themselves live in enterprises/readiness.py (pure functions); this module only
loads what they need in a fixed number of queries and hands it over.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, fields

from django.db.models import Case, Exists, OuterRef, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from guangde_plan.lib.http import no_plan_for
from guangde_plan.models import OrgUnit, PlanYear, User
from guangde_plan.selectors import scope_to_units
from platforms.selectors import (
    hosts_provincial_rd_institution,
    rd_institutions_provincial_or_above,
)

from .models import AnnualFigures, Enterprise, EvaluationRules, HteCertificate, Track
from .readiness import (
    DEFAULT_RULES,
    DIRECT,
    FAIL,
    NO_DATA,
    PASS,
    Condition,
    HteReadiness,
    Rules,
    SmeEvaluation,
    YearFigures,
    hte_readiness,
    sme_evaluation,
)
from .recognitions import hte_holders_on, tech_sme_registered
from .selectors import enterprise_list_visible

# The HTE ratio is judged on the figures year and the two before it (国科发火〔2016〕32号
# art. 11(5)).
HTE_YEARS = 3


# Figures -----------------------------------------------------------------------------------


def figures_list_visible(*, user: User) -> QuerySet[AnnualFigures]:
    return scope_to_units(
        AnnualFigures.objects.select_related("enterprise__org_unit"),
        user=user,
        path="enterprise__org_unit",
    )


def figures_get_visible(*, user: User, pk: int) -> AnnualFigures:
    """The figures, or 404 when they do not exist *or* their enterprise lies outside the
    user's units."""
    return get_object_or_404(figures_list_visible(user=user), pk=pk)


def figures_year_taken(*, enterprise_id: int, year: int, exclude_pk: int | None) -> bool:
    return (
        AnnualFigures.objects.filter(enterprise_id=enterprise_id, year=year)
        .exclude(pk=exclude_pk)
        .exists()
    )


def year_figures(row: AnnualFigures) -> YearFigures:
    """The rules engine's view of one stored row."""
    return YearFigures(**{f.name: getattr(row, f.name) for f in fields(YearFigures)})


# Rules of a plan year ----------------------------------------------------------------------


def rules_of(plan_year: PlanYear | None) -> Rules:
    """The plan year's rules, read from `plan_year.evaluation_rules` when it was loaded with
    select_related (no query). A plan year without stored rules reads the national defaults:
    a page view never writes (setup_guangde and the rules page store them)."""
    if plan_year is None:
        return DEFAULT_RULES
    try:
        return plan_year.evaluation_rules.as_rules()
    except EvaluationRules.DoesNotExist:
        return DEFAULT_RULES


def plan_year_for_figures(*, figures_year: int) -> PlanYear | None:
    """The plan year in which figures of `figures_year` are used (F + 1), else the latest.

    One query: its rules come along (select_related) for rules_of().
    """
    return (
        PlanYear.objects.select_related("evaluation_rules")
        .order_by(Case(When(year=figures_year + 1, then=Value(0)), default=Value(1)), "-year")
        .first()
    )


def plan_year_list() -> list[PlanYear]:
    """Every plan year, latest first, with its rules (one query)."""
    return list(PlanYear.objects.select_related("evaluation_rules").order_by("-year"))


def plan_year_get(*, year: int) -> PlanYear:
    try:
        return PlanYear.objects.select_related("evaluation_rules").get(year=year)
    except PlanYear.DoesNotExist:
        raise no_plan_for(year) from None


# Readiness of one enterprise ---------------------------------------------------------------


def valid_hte_during(certificates, year: int) -> bool:
    """A certificate valid at some point of `year` (expires_on is exclusive)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return any(c.issued_on <= last and c.expires_on > first for c in certificates)


@dataclass(frozen=True)
class Readiness:
    """Readiness on the figures of `figures_year`, to apply in the plan year after it."""

    figures_year: int
    plan_year: PlanYear | None
    rules: Rules
    figures: dict[int, YearFigures]
    has_valid_hte: bool
    hte: HteReadiness
    sme: SmeEvaluation

    @property
    def application_year(self) -> int:
        return self.figures_year + 1


def readiness_evaluate(
    *,
    enterprise: Enterprise,
    figures: dict[int, YearFigures],
    figures_year: int,
    certificates,
    plan_year: PlanYear | None,
    hosts_provincial_rd_institution: bool = False,
) -> Readiness:
    """No queries: everything comes in loaded (`plan_year` with its rules).

    `hosts_provincial_rd_institution`: a platform record (platforms app) shows the
    enterprise hosts an R&D institution at provincial level or above; otherwise the
    figures' own R&D-institution level decides."""
    rules = rules_of(plan_year)
    # The registration applied for in F + 1 is confirmed directly by a certificate valid
    # at some point of that year.
    has_valid_hte = valid_hte_during(certificates, figures_year + 1)
    return Readiness(
        figures_year=figures_year,
        plan_year=plan_year,
        rules=rules,
        figures=figures,
        has_valid_hte=has_valid_hte,
        hte=hte_readiness(
            figures=figures,
            registered_on=enterprise.registered_on,
            figures_year=figures_year,
            rules=rules,
        ),
        sme=sme_evaluation(
            figures=figures.get(figures_year),
            rules=rules,
            has_valid_hte=has_valid_hte,
            has_provincial_rd_institution=hosts_provincial_rd_institution or None,
        ),
    )


def _hosts_rd_institution(enterprise: Enterprise) -> bool:
    """One query: does a platform record make it a provincial R&D institution's host?"""
    return rd_institutions_provincial_or_above().filter(host_enterprise=enterprise).exists()


def enterprise_readiness(*, enterprise: Enterprise, figures_year: int) -> Readiness | None:
    """Readiness on the figures of `figures_year`, or None without figures for that year.

    Three queries: the figures of the three years, the certificates, the plan year with its
    rules.
    """
    rows = AnnualFigures.objects.filter(
        enterprise=enterprise, year__range=(figures_year - HTE_YEARS + 1, figures_year)
    )
    figures = {row.year: year_figures(row) for row in rows}
    if figures_year not in figures:
        return None
    return readiness_evaluate(
        enterprise=enterprise,
        figures=figures,
        figures_year=figures_year,
        certificates=list(enterprise.hte_certificates.all()),
        plan_year=plan_year_for_figures(figures_year=figures_year),
        hosts_provincial_rd_institution=_hosts_rd_institution(enterprise),
    )


def enterprise_figures_overview(*, enterprise: Enterprise) -> dict:
    """The enterprise's figures, latest year first, and the readiness on the latest year.

    One query without figures; three with them (the figures, the certificates, the plan
    year with its rules).
    """
    # list() runs the query here so that the template does no database access.
    rows = list(AnnualFigures.objects.filter(enterprise=enterprise).order_by("-year"))
    if not rows:
        return {"rows": [], "readiness": None}
    latest = rows[0].year
    return {
        "rows": rows,
        "readiness": readiness_evaluate(
            enterprise=enterprise,
            figures={row.year: year_figures(row) for row in rows},
            figures_year=latest,
            certificates=list(enterprise.hte_certificates.all()),
            plan_year=plan_year_for_figures(figures_year=latest),
            hosts_provincial_rd_institution=_hosts_rd_institution(enterprise),
        ),
    }


# Candidates --------------------------------------------------------------------------------


@dataclass
class Candidate:
    enterprise: Enterprise
    hte: HteReadiness | None = None
    sme: SmeEvaluation | None = None
    rank: int | None = None  # None: no figures for the year before the plan year

    @property
    def has_figures(self) -> bool:
        return self.hte is not None or self.sme is not None

    @property
    def hte_failing(self) -> list[Condition]:
        return [c for c in self.hte.conditions if c.status == FAIL] if self.hte else []

    @property
    def hte_without_data(self) -> list[Condition]:
        return [c for c in self.hte.conditions if c.status == NO_DATA] if self.hte else []


def _sme_sort_key(evaluation: SmeEvaluation):
    # Direct confirmation first, then a pass on points, then by points; an enterprise too
    # large to be eligible at all comes last, whatever its points.
    return (
        evaluation.result != DIRECT,
        evaluation.result != PASS,
        evaluation.eligible == FAIL,
        -evaluation.total,
    )


def _hte_sort_key(readiness: HteReadiness):
    return (-readiness.score_for_ranking, readiness.no_data)


def candidates_for(
    *, user: User, track: str, plan_year: PlanYear, org_unit: OrgUnit | None = None
) -> list[Candidate]:
    """Enterprises the user may see that are not recognised for the plan year, ranked by
    readiness on the figures of the year before; those without such figures come last.

    HTE: no certificate still valid on 1 January after the plan year — a certificate whose
    last valid day falls in the plan year (the expiry watch) makes the enterprise a
    candidate again. Tech SME: no registration for the plan year.

    Two queries however many enterprises (the enterprises, their figures of three years);
    the plan year must come with its rules (plan_year_list, plan_year_get). The ranking is
    computed in Python, so the caller paginates the list.
    """
    year = plan_year.year
    figures_year = year - 1
    rules = rules_of(plan_year)
    enterprises = enterprise_list_visible(user=user)
    if org_unit is not None:
        enterprises = enterprises.filter(org_unit=org_unit)
    if track == Track.HTE:
        holders = hte_holders_on(day=datetime.date(year + 1, 1, 1))
        enterprises = enterprises.exclude(pk__in=holders.values("pk"))
    else:
        enterprises = enterprises.exclude(pk__in=tech_sme_registered(year=year).values("pk"))
    loaded = enterprises.order_by("name", "pk")
    if track == Track.TECH_SME:
        # Direct confirmation by a certificate valid at some point of the plan year.
        valid_in_year = HteCertificate.objects.filter(
            enterprise=OuterRef("pk"),
            issued_on__lte=datetime.date(year, 12, 31),
            expires_on__gt=datetime.date(year, 1, 1),
        )
        loaded = loaded.annotate(
            has_valid_hte=Exists(valid_in_year),
            hosts_rd_institution=hosts_provincial_rd_institution(OuterRef("pk")),
        )
    loaded = list(loaded)

    figures = defaultdict(dict)
    rows = AnnualFigures.objects.filter(
        enterprise__in=enterprises.values("pk"),
        year__range=(figures_year - HTE_YEARS + 1, figures_year),
    )
    for row in rows:
        figures[row.enterprise_id][row.year] = year_figures(row)

    ranked, without_figures = [], []
    for enterprise in loaded:
        own = figures.get(enterprise.pk, {})
        if figures_year not in own:
            without_figures.append(Candidate(enterprise))
        elif track == Track.HTE:
            readiness = hte_readiness(
                figures=own,
                registered_on=enterprise.registered_on,
                figures_year=figures_year,
                rules=rules,
            )
            ranked.append(Candidate(enterprise, hte=readiness))
        else:
            evaluation = sme_evaluation(
                figures=own[figures_year],
                rules=rules,
                has_valid_hte=enterprise.has_valid_hte,
                has_provincial_rd_institution=enterprise.hosts_rd_institution or None,
            )
            ranked.append(Candidate(enterprise, sme=evaluation))

    # Stable sorts: enterprises equally ready keep the name order of the query.
    if track == Track.HTE:
        ranked.sort(key=lambda candidate: _hte_sort_key(candidate.hte))
    else:
        ranked.sort(key=lambda candidate: _sme_sort_key(candidate.sme))
    for number, candidate in enumerate(ranked, start=1):
        candidate.rank = number
    return ranked + without_figures
