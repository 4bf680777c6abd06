import datetime

import pytest
import time_machine

TODAY = datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC)


@pytest.fixture
def frozen_today():
    """Every test here that checks dates runs on 2024-06-15."""
    with time_machine.travel(TODAY, tick=False):
        yield TODAY.date()
