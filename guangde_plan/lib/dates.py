"""Calendar arithmetic the plan's rules need."""

import datetime


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
