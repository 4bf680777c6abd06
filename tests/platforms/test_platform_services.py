"""platform_delete / platform_close / platform_reopen: a platform with history is closed,
never deleted."""

import pytest
from django.core.exceptions import ValidationError

from platforms.models import Level, Platform
from platforms.services import (
    application_start,
    platform_close,
    platform_delete,
    platform_has_history,
    platform_reopen,
)

from .factories import D, figures, grant


def test_a_platform_without_history_can_be_deleted(incubator):
    assert not platform_has_history(incubator)
    platform_delete(platform=incubator)
    assert not Platform.objects.filter(pk=incubator.pk).exists()


@pytest.mark.parametrize("history", ["recognition", "application", "figures"])
def test_a_platform_with_history_cannot_be_deleted(incubator, staff_user, plan_year, history):
    if history == "recognition":
        grant(incubator, Level.MUNICIPAL, D(2023, 5, 1), by=staff_user)
    elif history == "application":
        application_start(
            platform=incubator,
            target_level=Level.MUNICIPAL,
            plan_year=plan_year,
            on=D(2024, 3, 1),
            by=staff_user,
        )
    else:
        figures(incubator, area=1000)
    with pytest.raises(ValidationError) as caught:
        platform_delete(platform=incubator)
    assert caught.value.code == "has_history"
    assert Platform.objects.filter(pk=incubator.pk).exists()


def test_close_and_reopen(incubator):
    platform_close(platform=incubator, on=D(2024, 5, 1), reason="场地到期")
    incubator.refresh_from_db()
    assert (incubator.closed_on, incubator.closed_reason, incubator.is_closed) == (
        D(2024, 5, 1),
        "场地到期",
        True,
    )
    platform_reopen(platform=incubator)
    incubator.refresh_from_db()
    assert (incubator.closed_on, incubator.closed_reason) == (None, "")


@pytest.mark.parametrize(
    ("on", "code"),
    [
        (D(2024, 6, 16), "future_date"),
        (D(2023, 4, 30), "before_recognition"),
        (D(2019, 12, 31), "before_opening"),
    ],
)
def test_close_refusals(incubator, staff_user, on, code):
    incubator.opened_on = D(2020, 1, 1)
    incubator.save()
    grant(incubator, Level.MUNICIPAL, D(2023, 5, 1), by=staff_user)
    with pytest.raises(ValidationError) as caught:
        platform_close(platform=incubator, on=on, reason="x")
    assert [e.code for e in caught.value.error_dict["closed_on"]] == [code]
    assert not Platform.objects.get(pk=incubator.pk).is_closed
