"""Reads of technology finance, the bank white lists, statistics reporting and policies.

Which rows a user may see is decided by `scope_to_units`; this module only says how each
record reaches an org unit:
- finance records, statistics reports and policy benefits through their enterprise;
- white lists and policies are city documents of no unit: everyone reads them, bureau
  users write them (`is_bureau_writer`).
"""

import datetime

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.shortcuts import get_object_or_404

from guangde_plan.models import User
from guangde_plan.selectors import scope_to_units

from .models import (
    Enterprise,
    FinanceRecord,
    HteCertificate,
    Policy,
    PolicyBenefit,
    StatisticsReport,
    TechSmeRegistration,
    WhiteList,
    WhiteListEntry,
)
from .recognitions import hte_holders_on, tech_sme_registered

ENTERPRISE_UNIT = "enterprise__org_unit"
ZERO = Value(0, output_field=DecimalField(max_digits=14, decimal_places=2))


# Finance records ---------------------------------------------------------------------------


def finance_record_list_visible(*, user: User) -> QuerySet[FinanceRecord]:
    records = FinanceRecord.objects.select_related(ENTERPRISE_UNIT)
    return scope_to_units(records, user=user, path=ENTERPRISE_UNIT)


def finance_record_get_visible(*, user: User, pk: int) -> FinanceRecord:
    """The record, or 404 when it does not exist *or* its enterprise lies outside the
    user's units."""
    return get_object_or_404(finance_record_list_visible(user=user), pk=pk)


def finance_totals(records: QuerySet[FinanceRecord]) -> list[dict]:
    """Per start year and kind, the number of `records` and their amount, newest year
    first: one GROUP BY query."""
    return list(
        records.order_by()
        .annotate(year=ExtractYear("started_on"))
        .values("year", "kind")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by("-year", "kind")
    )


def finance_totals_table(totals: list[dict]) -> dict:
    """`finance_totals` as a table: one row per year with a cell per kind (None when there
    is no record of that kind) and the year's total; the kinds in their declared order."""
    by_year: dict[int, dict] = {}
    for row in totals:
        year = by_year.setdefault(row["year"], {"year": row["year"], "cells": {}, "total": 0})
        year["cells"][row["kind"]] = row
        year["total"] += row["total"]
    kinds = FinanceRecord.Kind.choices
    rows = [
        {**year, "cells": [year["cells"].get(kind) for kind, _label in kinds]}
        for year in by_year.values()
    ]
    return {"kinds": [label for _kind, label in kinds], "rows": rows}


# White lists -------------------------------------------------------------------------------


def white_list_list() -> QuerySet[WhiteList]:
    """Every white list (a city document, read by everyone) with `entry_count`."""
    return (
        WhiteList.objects.select_related("created_by")
        .annotate(entry_count=Count("entries"))
        .order_by("-as_of", "-pk")
    )


def white_list_get(*, pk: int) -> WhiteList:
    return get_object_or_404(white_list_list(), pk=pk)


def white_list_entries(*, white_list: WhiteList) -> QuerySet[WhiteListEntry]:
    return white_list.entries.select_related(ENTERPRISE_UNIT).order_by(
        "recognition", "enterprise__org_unit__sort_order", "enterprise__name", "pk"
    )


def white_list_candidates(*, recognition: str, day: datetime.date) -> QuerySet[Enterprise]:
    """The enterprises that may go on a white list of `day` for `recognition`, each with
    the `number` of the recognition that puts it there.

    Validity is the counting rules' (enterprises/recognitions.py): HTE holders on `day`,
    tech SMEs registered for `day`'s year. A holder's latest certificate issued by `day` is
    a valid one: a later issue date means a later expiry.
    """
    if recognition == WhiteListEntry.Recognition.HTE:
        numbers = HteCertificate.objects.filter(enterprise=OuterRef("pk"), issued_on__lte=day)
        enterprises = hte_holders_on(day=day)
        numbers = numbers.order_by("-issued_on", "-pk")
    else:
        numbers = TechSmeRegistration.objects.filter(enterprise=OuterRef("pk"), year=day.year)
        enterprises = tech_sme_registered(year=day.year)
    return enterprises.annotate(number=Subquery(numbers.values("number")[:1]))


def white_list_number_for(*, enterprise: Enterprise, recognition: str, day: datetime.date):
    """The number that puts `enterprise` on a white list of `day`, or None when it holds no
    such recognition valid on `day` (one query)."""
    candidates = white_list_candidates(recognition=recognition, day=day)
    return candidates.filter(pk=enterprise.pk).values_list("number", flat=True).first()


# Statistics reporting ----------------------------------------------------------------------


def statistics_report_list_visible(*, user: User, year: int) -> QuerySet[StatisticsReport]:
    reports = StatisticsReport.objects.filter(year=year).select_related(ENTERPRISE_UNIT)
    return scope_to_units(reports, user=user, path=ENTERPRISE_UNIT)


def statistics_counts(reports: QuerySet[StatisticsReport]) -> dict:
    """How many of `reports` there are, reported and missing (one query)."""
    counts = reports.order_by().aggregate(
        total=Count("pk"), reported=Count("pk", filter=Q(reported_on__isnull=False))
    )
    return {**counts, "missing": counts["total"] - counts["reported"]}


def statistics_report_get_visible(*, user: User, pk: int) -> StatisticsReport:
    reports = scope_to_units(
        StatisticsReport.objects.select_related(ENTERPRISE_UNIT), user=user, path=ENTERPRISE_UNIT
    )
    return get_object_or_404(reports, pk=pk)


def statistics_years() -> list[int]:
    """The reporting years with a key list, latest first."""
    return list(
        StatisticsReport.objects.order_by("-year").values_list("year", flat=True).distinct()
    )


# Policies and their benefits ---------------------------------------------------------------


def policy_benefit_list_visible(*, user: User) -> QuerySet[PolicyBenefit]:
    benefits = PolicyBenefit.objects.select_related("policy", ENTERPRISE_UNIT)
    return scope_to_units(benefits, user=user, path=ENTERPRISE_UNIT)


def policy_benefit_get_visible(*, user: User, pk: int) -> PolicyBenefit:
    return get_object_or_404(policy_benefit_list_visible(user=user), pk=pk)


def policy_list_with_totals(*, user: User) -> QuerySet[Policy]:
    """Every policy (read by everyone) with the number and amount of the benefits the user
    may see (a liaison: those of their units' enterprises)."""
    benefits = scope_to_units(
        PolicyBenefit.objects.filter(policy=OuterRef("pk")), user=user, path=ENTERPRISE_UNIT
    ).order_by()
    per_policy = benefits.values("policy")
    return Policy.objects.annotate(
        benefit_count=Coalesce(
            Subquery(per_policy.annotate(n=Count("pk")).values("n")),
            Value(0),
            output_field=IntegerField(),
        ),
        benefit_total=Coalesce(Subquery(per_policy.annotate(s=Sum("amount")).values("s")), ZERO),
    ).order_by("-issued_on", "title", "pk")


def policy_get(*, pk: int) -> Policy:
    return get_object_or_404(Policy, pk=pk)


def policy_benefits_visible(*, policy: Policy, user: User) -> QuerySet[PolicyBenefit]:
    return policy_benefit_list_visible(user=user).filter(policy=policy)


def benefit_totals(benefits: QuerySet[PolicyBenefit]) -> dict:
    """The number of `benefits`, the enterprises they went to and their amount (one query)."""
    return benefits.order_by().aggregate(
        count=Count("pk"),
        enterprises=Count("enterprise", distinct=True),
        total=Coalesce(Sum("amount"), ZERO),
    )
