"""The benchmark's data: N invented enterprises spread over the org units, with three years
of annual figures and the recognitions and pipeline entries the progress engine counts.

Written with plain bulk_create in batches: tens of thousands of rows in seconds, without the
change-history rows (the dashboard and the API never read them). Deterministic for a given
N (a fixed random seed), so runs are comparable. Needs Django set up and migrated.
"""

import datetime
import random
from decimal import Decimal

from enterprises.models import (
    HTE_VALIDITY_YEARS,
    AnnualFigures,
    Enterprise,
    HteCertificate,
    PipelineEntry,
    Stage,
    TechField,
    TechSmeRegistration,
    Track,
)
from guangde_plan.demo import DEFAULT_WEIGHT, UNIT_WEIGHTS
from guangde_plan.lib.dates import add_years
from guangde_plan.lib.uscc import check_character
from guangde_plan.models import OrgUnit, PlanYear

SEED = 20240630
BATCH_SIZE = 2000
NAME_PREFIX = "【基准】"
# Shares of the enterprises, as asked of the benchmark.
HTE_SHARE, SME_SHARE, PIPELINE_SHARE = 0.30, 0.40, 0.10
TECH_FIELDS = [*TechField.values, ""]


def bench_uscc(number: int) -> str:
    """A valid code, as tests/factories.make_uscc builds it (not imported: factory_boy is a
    development dependency)."""
    first17 = f"91341882{number:09d}"
    return first17 + check_character(first17)


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def _day(rng: random.Random, year: int, months: range) -> datetime.date:
    return datetime.date(year, rng.choice(months), rng.randint(1, 28))


def _enterprises(rng: random.Random, count: int) -> list[Enterprise]:
    units = list(OrgUnit.objects.order_by("sort_order", "code"))
    weights = [UNIT_WEIGHTS.get(unit.code, DEFAULT_WEIGHT) for unit in units]
    result = []
    for number in range(1, count + 1):
        registered = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 8700))
        production = registered + datetime.timedelta(days=rng.randint(30, 700))
        result.append(
            Enterprise(
                name=f"{NAME_PREFIX}企业{number:06d}有限公司",
                uscc=bench_uscc(number),
                org_unit=rng.choices(units, weights=weights)[0],
                tech_field=rng.choice(TECH_FIELDS),
                registered_on=registered,
                production_started_on=production if rng.random() < 0.9 else None,
                is_above_designated_size=rng.random() < 0.45,
            )
        )
    return result


def _figures(rng: random.Random, enterprise: Enterprise, years: range) -> list[AnnualFigures]:
    sales = rng.lognormvariate(8.3, 1.2)  # median ~4,000 万元
    employees = max(8, int(sales / rng.uniform(15, 60)))
    rows = []
    for year in years:
        sales *= rng.uniform(0.9, 1.25)
        employees = max(8, int(employees * rng.uniform(0.95, 1.08)))
        rd = sales * max(0.0, rng.gauss(3.0, 1.5)) / 100
        rows.append(
            AnnualFigures(
                enterprise=enterprise,
                year=year,
                sales_revenue=_money(sales),
                main_business_revenue=_money(sales * rng.uniform(0.85, 1)),
                total_costs=_money(sales * rng.uniform(0.75, 0.97)),
                total_assets=_money(sales * rng.uniform(0.8, 1.8)),
                employees=employees,
                tech_staff=int(employees * rng.uniform(0.04, 0.3)),
                rd_expense=_money(rd),
                rd_expense_domestic=_money(rd * rng.uniform(0.85, 1)),
                high_tech_revenue=_money(sales * rng.uniform(0.2, 0.9)),
                invention_applications=rng.randint(0, 4),
                class1_ip_count=rng.choice([0, 0, 1, 2]),
                class2_ip_count=rng.randint(0, 12),
            )
        )
    return rows


def _certificate(enterprise: Enterprise, issued_on: datetime.date, serial: int):
    # bulk_create skips HteCertificate.save(), which derives expires_on: set it here.
    return HteCertificate(
        enterprise=enterprise,
        number=f"GR{issued_on.year}34{serial:06d}",
        issued_on=issued_on,
        expires_on=add_years(issued_on, HTE_VALIDITY_YEARS),
    )


def seed(*, count: int, plan_year: PlanYear) -> dict[str, int]:
    """Write the data for `plan_year`; return how many rows of each kind."""
    rng = random.Random(SEED)
    year = plan_year.year
    enterprises = Enterprise.objects.bulk_create(_enterprises(rng, count), batch_size=BATCH_SIZE)

    figures, certificates, registrations, entries = [], [], [], []
    for enterprise in enterprises:
        figures += _figures(rng, enterprise, range(year - 2, year + 1))
        if rng.random() < HTE_SHARE:
            # Issued in the autumn batches of the last four years: valid, expiring in the
            # plan year (some renewed in it), or issued after the day reported on.
            issued = _day(rng, rng.randint(year - 3, year), range(10, 13))
            certificates.append(_certificate(enterprise, issued, len(certificates) + 1))
            if issued.year == year - 3 and rng.random() < 0.5:
                renewed = _day(rng, year, range(10, 13))
                certificates.append(_certificate(enterprise, renewed, len(certificates) + 1))
        if rng.random() < SME_SHARE:
            for registered in (year - 1, year) if rng.random() < 0.6 else (year,):
                number = f"{registered}341882{len(registrations) + 1:08d}"
                registrations.append(
                    TechSmeRegistration(enterprise=enterprise, year=registered, number=number)
                )
        if rng.random() < PIPELINE_SHARE:
            # No "recognised" entries: that stage needs the certificate or registration.
            entries.append(
                PipelineEntry(
                    enterprise=enterprise,
                    track=rng.choice(Track.values),
                    plan_year=plan_year,
                    stage=rng.choices(
                        [Stage.SURVEYED, Stage.CULTIVATING, Stage.APPLIED, Stage.REJECTED],
                        weights=[3, 4, 2, 1],
                    )[0],
                    stage_changed_on=_day(rng, year, range(1, 7)),
                )
            )
    AnnualFigures.objects.bulk_create(figures, batch_size=BATCH_SIZE)
    HteCertificate.objects.bulk_create(certificates, batch_size=BATCH_SIZE)
    TechSmeRegistration.objects.bulk_create(registrations, batch_size=BATCH_SIZE)
    PipelineEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
    return {
        "enterprises": len(enterprises),
        "annual_figures": len(figures),
        "hte_certificates": len(certificates),
        "tech_sme_registrations": len(registrations),
        "pipeline_entries": len(entries),
    }
