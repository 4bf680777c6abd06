"""Counting rules for recognitions — the figures the dashboard reports.

Defined once here and used by every page, export and email:
- `hte_total` on day D: enterprises holding a certificate issued on or before D that is
  still valid on D (issue date + 3 years > D). One enterprise counts once.
- `tech_sme_total` for year Y: enterprises with a registration for year Y.
"""

import datetime

from django.db.models import Exists, OuterRef, QuerySet

from guangde_plan.models import User
from guangde_plan.selectors import scope_to_units

from .models import Enterprise, HteCertificate, TechSmeRegistration


def _valid_certificates_on(day: datetime.date) -> QuerySet[HteCertificate]:
    return HteCertificate.objects.filter(issued_on__lte=day, expires_on__gt=day)


def hte_holders_on(*, day: datetime.date, user: User | None = None) -> QuerySet[Enterprise]:
    """Enterprises with a valid HTE certificate on `day` (scoped to `user` if given)."""
    holders = Enterprise.objects.filter(
        Exists(_valid_certificates_on(day).filter(enterprise=OuterRef("pk")))
    )
    return scope_to_units(holders, user=user) if user is not None else holders


def hte_total(*, day: datetime.date, user: User | None = None) -> int:
    return hte_holders_on(day=day, user=user).count()


def tech_sme_registered(*, year: int, user: User | None = None) -> QuerySet[Enterprise]:
    registered = Enterprise.objects.filter(
        Exists(TechSmeRegistration.objects.filter(enterprise=OuterRef("pk"), year=year))
    )
    return scope_to_units(registered, user=user) if user is not None else registered


def tech_sme_total(*, year: int, user: User | None = None) -> int:
    return tech_sme_registered(year=year, user=user).count()


def hte_expiring_in(*, year: int, user: User) -> QuerySet[HteCertificate]:
    """Certificates whose last valid day falls in `year` and whose enterprise holds no later
    certificate: these enterprises must apply again this year or the city's count drops."""
    # Last valid day = expires_on - 1 day, so expires_on runs from 2 January of `year`
    # to 1 January of the next year.
    first, last = datetime.date(year, 1, 2), datetime.date(year + 1, 1, 1)
    later = HteCertificate.objects.filter(
        enterprise=OuterRef("enterprise"), issued_on__gt=OuterRef("issued_on")
    )
    expiring = (
        HteCertificate.objects.filter(expires_on__range=(first, last))
        .exclude(Exists(later))
        .select_related("enterprise__org_unit")
        .order_by("expires_on", "enterprise__name")
    )
    return scope_to_units(expiring, user=user, path="enterprise__org_unit")
