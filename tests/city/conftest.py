import datetime

import pytest
import time_machine

# Noon in Guangde (UTC+8): the local date is the date written here.
TODAY = datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


@pytest.fixture
def frozen_today():
    """Tests that check dates run on 2024-06-15."""
    with time_machine.travel(TODAY, tick=False):
        yield TODAY.date()


@pytest.fixture
def stats_bureau(db):
    from .factories import DepartmentFactory

    return DepartmentFactory(name="市统计局", contact_person="王主任", email="tjj@example.gov.cn")
