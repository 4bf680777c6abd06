"""The key days of science popularisation and their windows in a year.

- 全国科技工作者日 (National Sci-Tech Workers' Day): 30 May every year (set by the State
  Council in 2016, first held in 2017).
- 全国科普日 (National Science Popularisation Day): since 2005 "九月第三个公休日", held for
  about a week. The published windows do not follow any one reading of that rule:

  ======  ==============  ==========================================================
  year    published       third weekend day / third Saturday / third Sunday
  ======  ==============  ==========================================================
  2009    19–25 Sep       12 / **19** / 20
  2020    19–25 Sep       12 / **19** / 20
  2021    11–17 Sep       **11** / 18 / 19
  2022    15–21 Sep       10 / 17 / 18            (started on a Thursday)
  2023    17–23 Sep       9 / 16 / **17**
  2024    15–25 Sep       8 / 21 / **15**         (eleven days, from the Mid-Autumn Festival)
  ======  ==============  ==========================================================

  (Sources: 中国科协's announcements as reported by 新华社, 中新网 and 科技日报 each year.)
  The counting in shared/domain.md ("third weekend day, Saturday or Sunday") gives
  2023-09-09, not the published 2023-09-17. So the window is decided in this order:

  1. the window the bureau set for the plan year (`KeyDay` row: data, editable by staff,
     for the year 中国科协's notice differs from everything below);
  2. the published window of that year (`PUBLISHED_SCIENCE_DAY` — historical fact);
  3. from 2025: the whole of September, 全国科普月, which the revised 科普法 (adopted
     2024-12-25) makes of every September;
  4. otherwise the third Saturday of September and the six days after it — the reading
     ("第三个双休日") that matches the years published before 2021.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyDayKind(models.TextChoices):
    WORKERS_DAY = "workers_day", _("National Sci-Tech Workers' Day (30 May)")
    SCIENCE_DAY = "science_day", _("National Science Popularisation Day")


class Basis(models.TextChoices):
    """Where a window comes from, shown beside it."""

    SET = "set", _("set by the bureau for this year")
    PUBLISHED = "published", _("as published by the China Association for Science and Technology")
    LAW = "law", _("September is National Science Popularisation Month by law")
    RULE = "rule", _("estimated: the third Saturday of September and the week after it")
    FIXED = "fixed", _("the same day every year")


WORKERS_DAY = (5, 30)
SCIENCE_DAY_DAYS = 7
# The first year every September is 全国科普月 (科普法 as revised on 2024-12-25).
SCIENCE_MONTH_FROM = 2025


PUBLISHED_SCIENCE_DAY: dict[int, tuple[datetime.date, datetime.date]] = {
    2009: (datetime.date(2009, 9, 19), datetime.date(2009, 9, 25)),
    2020: (datetime.date(2020, 9, 19), datetime.date(2020, 9, 25)),
    2021: (datetime.date(2021, 9, 11), datetime.date(2021, 9, 17)),
    2022: (datetime.date(2022, 9, 15), datetime.date(2022, 9, 21)),
    2023: (datetime.date(2023, 9, 17), datetime.date(2023, 9, 23)),
    2024: (datetime.date(2024, 9, 15), datetime.date(2024, 9, 25)),
}


@dataclass(frozen=True)
class Window:
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date
    basis: str

    def __contains__(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def label(self):
        return KeyDayKind(self.kind).label

    @property
    def basis_label(self):
        return Basis(self.basis).label


def third_saturday_of_september(year: int) -> datetime.date:
    first = datetime.date(year, 9, 1)
    first_saturday = first + datetime.timedelta(days=(5 - first.weekday()) % 7)
    return first_saturday + datetime.timedelta(weeks=2)


def third_weekend_day_of_september(year: int) -> datetime.date:
    """The third Saturday or Sunday of September, counting both (shared/domain.md's literal
    reading of 第三个公休日; kept to show why it is not the default: 2023 → 9 Sep)."""
    day, seen = datetime.date(year, 9, 1), 0
    while True:
        if day.weekday() >= 5:
            seen += 1
            if seen == 3:
                return day
        day += datetime.timedelta(days=1)


def default_window(year: int, kind: str) -> Window:
    """The window without a bureau setting (steps 2–4 of the module's docstring)."""
    if kind == KeyDayKind.WORKERS_DAY:
        day = datetime.date(year, *WORKERS_DAY)
        return Window(kind, day, day, Basis.FIXED)
    if kind != KeyDayKind.SCIENCE_DAY:
        raise ValueError(kind)
    if year in PUBLISHED_SCIENCE_DAY:
        return Window(kind, *PUBLISHED_SCIENCE_DAY[year], Basis.PUBLISHED)
    if year >= SCIENCE_MONTH_FROM:
        return Window(kind, datetime.date(year, 9, 1), datetime.date(year, 9, 30), Basis.LAW)
    start = third_saturday_of_september(year)
    end = start + datetime.timedelta(days=SCIENCE_DAY_DAYS - 1)
    return Window(kind, start, end, Basis.RULE)


def window_for(year: int, kind: str, *, override=None) -> Window:
    """The key day's window in `year`; `override` is the bureau's `KeyDay` row, if any."""
    if override is not None:
        return Window(kind, override.starts_on, override.ends_on, Basis.SET)
    return default_window(year, kind)
