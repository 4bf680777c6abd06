"""Calendar arithmetic the plan's rules need."""

import datetime
import re


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later (or earlier); 29 February becomes 28 February.

    PostgreSQL's `+ interval 'N years'` does the same, so Python and SQL agree.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        if (day.month, day.day) != (2, 29):
            raise  # out of the calendar's range: not ours to paper over
        return day.replace(year=day.year + years, day=28)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_iso_date(value: str) -> datetime.date:
    """A day written YYYY-MM-DD, and only that (fromisoformat alone also takes 20240601 and
    week dates); ValueError otherwise, also for impossible days such as 2024-02-30."""
    if not _ISO_DATE.fullmatch(value):
        raise ValueError(value)
    return datetime.date.fromisoformat(value)
