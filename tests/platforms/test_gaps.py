"""gap_to_next_level, density, operating_years, incubation_gaps: what an incubation carrier
still lacks for the next level (the national incubator criteria of 国科发区〔2018〕300号 are
seeded by migration 0002)."""

from decimal import Decimal

import pytest

from platforms.gaps import density, gap_to_next_level, operating_years
from platforms.models import IncubationFigures, Level, LevelCriteria, Platform
from platforms.selectors import incubation_gaps

from .factories import D, PlatformFactory, criteria, figures, grant, kind

TODAY = D(2024, 6, 15)


def national_criteria():
    return {"national": LevelCriteria.objects.get(kind=kind("incubator"), level="national")}


def gap_rows(gap) -> dict[str, tuple]:
    return {row.field: (row.required, row.actual, row.shortfall, row.is_met) for row in gap.rows}


@pytest.mark.parametrize(
    ("incubatees", "area", "expected"),
    [
        (50, Decimal(10000), Decimal("5.00")),
        (30, Decimal(10000), Decimal("3.00")),
        # 2.9985…: rounded down, so it never passes a minimum of 3.
        (50, Decimal(16675), Decimal("2.99")),
        (1, Decimal(3), Decimal("333.33")),
        (None, Decimal(10000), None),
        (50, None, None),
        (50, Decimal(0), None),
    ],
)
def test_density_per_thousand_square_metres(incubatees, area, expected):
    assert density(IncubationFigures(incubatees=incubatees, area=area)) == expected


def test_density_without_figures():
    assert density(None) is None


@pytest.mark.parametrize(
    ("opened_on", "today", "years"),
    [
        (D(2021, 6, 15), D(2024, 6, 15), 3),  # the anniversary counts
        (D(2021, 6, 16), D(2024, 6, 15), 2),  # the day before it does not
        (D(2024, 6, 15), D(2024, 6, 15), 0),
        (D(2023, 12, 31), D(2024, 1, 1), 0),
        # 29 February counts from 1 March in other years.
        (D(2020, 2, 29), D(2023, 2, 28), 2),
        (D(2020, 2, 29), D(2023, 3, 1), 3),
        (D(2020, 2, 29), D(2024, 2, 29), 4),
        (None, D(2024, 6, 15), None),
    ],
)
def test_operating_years_on_boundary_days(opened_on, today, years):
    assert operating_years(opened_on, today) == years


@pytest.fixture
def innovation_port(org_units):
    """广德创新港, seeded by setup_guangde: a provincial incubator working towards national."""
    platform = Platform.objects.get(name="广德创新港")
    platform.opened_on = D(2021, 9, 1)
    platform.save()
    return platform


def test_what_guangde_innovation_port_lacks_for_national_level(innovation_port, staff_user):
    grant(innovation_port, Level.PROVINCIAL, D(2023, 10, 1), by=staff_user)
    figures(innovation_port, 2022, area=Decimal(15000), incubatees=40)
    latest = figures(
        innovation_port,
        2023,
        area=Decimal(12000),
        incubatees=45,
        graduates=22,
        fund=Decimal("380.5"),
        staff=6,
    )
    gap = gap_to_next_level(
        platform=innovation_port, figures=latest, criteria=national_criteria(), today=TODAY
    )
    assert gap.level == Level.NATIONAL
    assert gap_rows(gap) == {
        # Opened 2021-09-01: two full years on 15 June 2024.
        "min_operating_years": (3, 2, 1, False),
        "min_area": (Decimal(10000), Decimal(12000), Decimal(0), True),
        "min_incubatees": (50, 45, 5, False),
        "min_density": (
            Decimal(3),
            Decimal("3.75"),
            Decimal(0),
            True,
        ),
        "min_graduates": (20, 22, 0, True),
        "min_fund": (Decimal(500), Decimal("380.5"), Decimal("119.5"), False),
    }
    assert [row.field for row in gap.lacking] == [
        "min_operating_years",
        "min_incubatees",
        "min_fund",
    ]
    assert not gap.unknown
    assert not gap.is_ready


def test_a_carrier_meeting_every_criterion_is_ready(innovation_port):
    innovation_port.opened_on = D(2020, 1, 1)
    latest = figures(
        innovation_port,
        2023,
        area=Decimal(10000),
        incubatees=50,
        graduates=20,
        fund=Decimal(500),
    )
    # At level none the next one is municipal: give the kind criteria for it too.
    municipal = criteria("incubator", "municipal", min_area=Decimal(1000))
    gap = gap_to_next_level(
        platform=innovation_port,
        figures=latest,
        criteria={"municipal": municipal},
        today=TODAY,
    )
    assert gap.level == Level.MUNICIPAL and gap.is_ready
    innovation_port.level = Level.PROVINCIAL
    gap = gap_to_next_level(
        platform=innovation_port, figures=latest, criteria=national_criteria(), today=TODAY
    )
    assert all(row.is_met for row in gap.rows) and gap.is_ready


def test_figures_not_reported_are_unknown_not_zero(innovation_port):
    innovation_port.level = Level.PROVINCIAL
    latest = IncubationFigures(platform=innovation_port, year=2023, area=Decimal(20000))
    gap = gap_to_next_level(
        platform=innovation_port, figures=latest, criteria=national_criteria(), today=TODAY
    )
    rows = gap_rows(gap)
    assert rows["min_area"] == (Decimal(10000), Decimal(20000), Decimal(0), True)
    assert rows["min_incubatees"] == (50, None, None, None)
    assert rows["min_density"][1:] == (None, None, None)
    assert len(gap.unknown) == 4 and not gap.is_ready


def test_without_figures_every_measure_is_unknown_but_the_years(innovation_port):
    innovation_port.level = Level.PROVINCIAL
    gap = gap_to_next_level(
        platform=innovation_port, figures=None, criteria=national_criteria(), today=TODAY
    )
    assert gap.figures is None
    assert [row.is_met for row in gap.rows] == [False, None, None, None, None, None]


def test_without_criteria_for_the_next_level_there_are_no_rows(innovation_port):
    # The kind has national criteria only; a platform without a level goes for municipal.
    gap = gap_to_next_level(
        platform=innovation_port, figures=None, criteria=national_criteria(), today=TODAY
    )
    assert (gap.level, gap.criteria, gap.rows) == (Level.MUNICIPAL, None, ())
    assert not gap.is_ready


def test_at_the_top_there_is_no_next_level(innovation_port):
    innovation_port.level = Level.NATIONAL
    gap = gap_to_next_level(
        platform=innovation_port, figures=None, criteria=national_criteria(), today=TODAY
    )
    assert (gap.level, gap.level_label, gap.criteria, gap.rows) == (None, None, None, ())


def test_only_criteria_recorded_become_rows(taozhou):
    platform = PlatformFactory(kind=kind("maker_space"), org_unit=taozhou)
    found = criteria("maker_space", "municipal", min_area=Decimal(500), min_mentors=5)
    latest = IncubationFigures(platform=platform, year=2023, area=Decimal(800), mentors=3)
    gap = gap_to_next_level(
        platform=platform, figures=latest, criteria={"municipal": found}, today=TODAY
    )
    assert gap_rows(gap) == {
        "min_area": (Decimal(500), Decimal(800), Decimal(0), True),
        "min_mentors": (5, 3, 2, False),
    }


@pytest.mark.parametrize("count", [2, 12])
def test_incubation_gaps_read_the_latest_figures_in_two_queries(
    taozhou, staff_user, django_assert_num_queries, count
):
    platforms = []
    for n in range(count):
        platform = PlatformFactory(kind=kind("incubator"), org_unit=taozhou)
        grant(platform, Level.MUNICIPAL, D(2022, 1, 1), by=staff_user)
        grant(platform, Level.PROVINCIAL, D(2023, 1, 1), by=staff_user)
        figures(platform, 2022, incubatees=10)
        figures(platform, 2023, incubatees=n)
        platforms.append(platform)
    rd = PlatformFactory(kind=kind("rd_centre"), org_unit=taozhou)
    loaded = list(
        Platform.objects.filter(pk__in=[p.pk for p in [*platforms, rd]]).select_related("kind")
    )
    # the figures of the carriers, the criteria of their kinds
    with django_assert_num_queries(2):
        gaps = incubation_gaps(platforms=loaded, today=TODAY)
    assert set(gaps) == {p.pk for p in platforms}  # not the R&D centre
    assert all(gap.figures.year == 2023 for gap in gaps.values())
    assert gaps[platforms[-1].pk].figures.incubatees == count - 1


def test_incubation_gaps_of_no_carrier_read_nothing(taozhou, django_assert_num_queries):
    rd = PlatformFactory(kind=kind("rd_centre"), org_unit=taozhou)
    rd = Platform.objects.select_related("kind").get(pk=rd.pk)
    with django_assert_num_queries(0):
        assert incubation_gaps(platforms=[rd], today=TODAY) == {}
