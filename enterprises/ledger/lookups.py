"""Every record an import needs to judge its rows, read in a fixed number of queries
however long the file: one per kind of record, never one per row."""

import unicodedata
from dataclasses import dataclass, field

from django.db.models import Q

from enterprises.models import (
    AnnualFigures,
    Enterprise,
    HteCertificate,
    PipelineEntry,
    TechSmeRegistration,
    Track,
)
from guangde_plan.models import OrgUnit, PlanYear, User
from guangde_plan.selectors import org_units_writable


def unit_key(text: str) -> str:
    """A unit's name or code as looked up: full-width and spaces do not count."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class Keys:
    """What the file's rows refer to (their parsed key values)."""

    usccs: set[str] = field(default_factory=set)
    figure_years: set[int] = field(default_factory=set)
    certificate_numbers: set[str] = field(default_factory=set)
    registration_numbers: set[str] = field(default_factory=set)
    registration_usccs: set[str] = field(default_factory=set)
    pipeline_years: set[int] = field(default_factory=set)
    # Enterprises with a pipeline row per track: "recognised" needs their certificates or
    # registrations.
    pipeline_usccs: dict[str, set[str]] = field(
        default_factory=lambda: {Track.HTE: set(), Track.TECH_SME: set()}
    )


class Lookups:
    def __init__(self, *, keys: Keys, user: User):
        # Two queries: the units with their former names (a file may use an old name).
        units = list(OrgUnit.objects.prefetch_related("names"))
        self.units_by_pk = {unit.pk: unit for unit in units}
        self.units_by_key: dict[str, OrgUnit] = {}
        for unit in units:
            for former in unit.names.all():
                self.units_by_key[unit_key(former.name)] = unit
        for unit in units:  # current names and codes win over former names
            self.units_by_key[unit_key(unit.name)] = unit
            self.units_by_key[unit.code] = unit
        self.writable_unit_ids = set(org_units_writable(user=user).values_list("pk", flat=True))

        self.enterprises = {
            enterprise.uscc: enterprise
            for enterprise in Enterprise.objects.select_related("org_unit").filter(
                uscc__in=keys.usccs
            )
        }
        # The unit each enterprise has now, whatever the file does to it.
        self.unit_ids = {uscc: e.org_unit_id for uscc, e in self.enterprises.items()}
        ids = {enterprise.pk for enterprise in self.enterprises.values()}

        self.figures = {
            (figures.enterprise_id, figures.year): figures
            for figures in AnnualFigures.objects.filter(
                enterprise_id__in=ids, year__in=keys.figure_years
            )
        }
        hte_ids = self._ids(keys.pipeline_usccs[Track.HTE])
        self.certificates = list(
            HteCertificate.objects.select_related("enterprise__org_unit").filter(
                Q(number__in=keys.certificate_numbers) | Q(enterprise_id__in=hte_ids)
            )
        )
        self.certificates_by_number = {c.number: c for c in self.certificates}
        sme_ids = self._ids(keys.pipeline_usccs[Track.TECH_SME] | keys.registration_usccs)
        self.registrations = list(
            TechSmeRegistration.objects.select_related("enterprise__org_unit").filter(
                Q(number__in=keys.registration_numbers) | Q(enterprise_id__in=sme_ids)
            )
        )
        self.registrations_by_number = {r.number: r for r in self.registrations}
        self.registrations_by_key = {(r.enterprise_id, r.year): r for r in self.registrations}
        self.plan_years = {
            plan_year.year: plan_year
            for plan_year in PlanYear.objects.filter(year__in=keys.pipeline_years)
        }
        self.pipeline_entries = {
            (entry.enterprise_id, entry.track, entry.plan_year.year): entry
            for entry in PipelineEntry.objects.select_related("plan_year").filter(
                enterprise_id__in=ids, plan_year__year__in=keys.pipeline_years
            )
        }

        self.state = self._state(units)

    def _state(self, units) -> list[tuple]:
        """Every value read, as it was: apply_import reads again and compares, to refuse a
        plan the records have moved on from."""
        records = [
            *units,
            *self.enterprises.values(),
            *self.figures.values(),
            *self.certificates,
            *self.registrations,
            *self.plan_years.values(),
            *self.pipeline_entries.values(),
        ]
        state = [
            (
                type(record).__name__,
                *(getattr(record, f.attname) for f in record._meta.concrete_fields),
            )
            for record in records
        ]
        state.append(tuple(sorted(self.writable_unit_ids)))
        state.extend(
            (unit.pk, former.pk, former.name) for unit in units for former in unit.names.all()
        )
        return state

    def _ids(self, usccs: set[str]) -> set[int]:
        return {self.enterprises[uscc].pk for uscc in usccs if uscc in self.enterprises}

    def unit(self, text: str) -> OrgUnit | None:
        return self.units_by_key.get(unit_key(text))
