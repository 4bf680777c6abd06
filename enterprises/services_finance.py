"""Writes of several rows at once: generating a bank white list, filling a year's
key-enterprise list of the statistical reporting."""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from simple_history.utils import bulk_create_with_history

from guangde_plan.models import User

from .models import Enterprise, StatisticsReport, WhiteList, WhiteListEntry
from .selectors_finance import white_list_candidates


@transaction.atomic
def white_list_generate(
    *, title: str, as_of: datetime.date, note: str = "", user: User
) -> WhiteList:
    """A white list of `as_of`: one entry per enterprise holding an HTE certificate valid
    on that day (its certificate number) and one per enterprise registered as a tech SME
    for that day's year (its registration number). A fixed number of queries: the list,
    one read per recognition, one bulk insert."""
    white_list = WhiteList.objects.create(title=title, as_of=as_of, note=note, created_by=user)
    entries = [
        WhiteListEntry(
            white_list=white_list,
            enterprise_id=enterprise_id,
            recognition=recognition,
            number=number,
        )
        for recognition in WhiteListEntry.Recognition.values
        for enterprise_id, number in white_list_candidates(
            recognition=recognition, day=as_of
        ).values_list("pk", "number")
    ]
    WhiteListEntry.objects.bulk_create(entries)
    return white_list


def statistics_add_to_year(*, year: int, enterprises: QuerySet[Enterprise], user: User) -> int:
    """Put `enterprises` on the key list of `year` (those already on it are left as they
    are); the number added. Queries: the ids not yet on the list, one insert of the
    reports and one of their history rows."""
    new_ids = list(
        enterprises.exclude(statistics_reports__year=year)
        .order_by()
        .values_list("pk", flat=True)
        .distinct()
    )
    reports = [StatisticsReport(enterprise_id=pk, year=year) for pk in new_ids]
    if reports:
        bulk_create_with_history(reports, StatisticsReport, default_user=user)
    return len(reports)
