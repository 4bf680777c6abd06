"""Reads of the bases, the outstanding sci-tech workers, the societies and their papers.

- A base belongs to a township or park: `scope_to_units` through its unit (liaisons see
  and keep their units' bases; recommending one upward is the bureau's).
- Honorees, societies and papers are city-wide records: every logged-in user reads them,
  bureau staff keep them.
"""

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404

from guangde_plan.models import User
from guangde_plan.selectors import scope_to_units

from .models import AwardRecommendation, Base, BaseRecommendation, Honoree, Paper, Society


def base_list_visible(*, user: User) -> QuerySet[Base]:
    return scope_to_units(Base.objects.select_related("org_unit"), user=user)


def base_list_with_activity(*, user: User, year: int) -> QuerySet[Base]:
    """The visible bases, each with what it hosted in `year` (all units' events, as
    numbers): `event_count`, `active_months` (months with at least one event: "regular
    activities" shown, not claimed) and `last_event_on` (ever)."""
    in_year = Q(events__held_on__year=year)
    return base_list_visible(user=user).annotate(
        event_count=Count("events", filter=in_year, distinct=True),
        active_months=Count(TruncMonth("events__held_on"), filter=in_year, distinct=True),
        last_event_on=Max("events__held_on"),
    )


def base_list_writable(*, user: User) -> QuerySet[Base]:
    if not user.is_authenticated or not user.can_write:
        return Base.objects.none()
    return base_list_visible(user=user)


def base_get_visible(*, user: User, pk: int, year: int) -> Base:
    """The base with its activity figures and `is_writable`, or 404 when it does not exist
    *or* lies outside the user's units."""
    writable = base_list_writable(user=user).filter(pk=OuterRef("pk"))
    bases = base_list_with_activity(user=user, year=year).annotate(is_writable=Exists(writable))
    return get_object_or_404(bases, pk=pk)


def base_get_writable(*, user: User, pk: int) -> Base:
    """404 outside the user's units; leaders never reach here (write_view: 403)."""
    return get_object_or_404(base_list_writable(user=user), pk=pk)


def base_recommendations(*, base: Base) -> list[BaseRecommendation]:
    return list(base.recommendations.order_by("-recommended_on", "-pk"))


def base_recommendation_get(*, pk: int) -> BaseRecommendation:
    """For bureau writers only (bureau_view), who see every unit."""
    return get_object_or_404(BaseRecommendation.objects.select_related("base__org_unit"), pk=pk)


def base_get_for_bureau(*, pk: int) -> Base:
    return get_object_or_404(Base.objects.select_related("org_unit"), pk=pk)


# Outstanding sci-tech workers


def honoree_list() -> QuerySet[Honoree]:
    """Every honoree, with the plan year and the recommendations (one more query)."""
    recommendations = AwardRecommendation.objects.order_by("selection")
    return Honoree.objects.select_related("plan_year").prefetch_related(
        Prefetch("recommendations", queryset=recommendations)
    )


def honoree_get(*, pk: int) -> Honoree:
    return get_object_or_404(honoree_list(), pk=pk)


def award_recommendation_get(*, pk: int) -> AwardRecommendation:
    return get_object_or_404(
        AwardRecommendation.objects.select_related("honoree__plan_year"), pk=pk
    )


# Societies and papers


def society_list_with_counts(*, year: int) -> QuerySet[Society]:
    """Every society with `event_count` (events it held in `year`, all units, as a
    number) and `paper_count` (papers collected in `year`)."""
    return Society.objects.annotate(
        event_count=Count("events", filter=Q(events__held_on__year=year), distinct=True),
        paper_count=Count("papers", filter=Q(papers__collected_on__year=year), distinct=True),
    )


def society_get(*, pk: int, year: int) -> Society:
    return get_object_or_404(society_list_with_counts(year=year), pk=pk)


def society_get_for_update(*, pk: int) -> Society:
    return get_object_or_404(Society, pk=pk)


def paper_list() -> QuerySet[Paper]:
    return Paper.objects.select_related("society")


def paper_get(*, pk: int) -> Paper:
    return get_object_or_404(paper_list(), pk=pk)
