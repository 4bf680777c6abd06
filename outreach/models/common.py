"""Rules shared by the outreach records."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def result_errors(*, decided: bool, result_on, asked_on, field: str) -> dict:
    """A recommendation's result date, beside `field`: given once the result is known, not
    before, and never before the day it was recommended (`asked_on`)."""
    if decided and not result_on:
        message, code = _("Give the day of the result."), "result_without_date"
    elif not decided and result_on:
        message = _("A recommendation still awaiting its result has no result date.")
        code = "date_without_result"
    elif result_on and asked_on and result_on < asked_on:
        message = _("The result cannot come before the recommendation.")
        code = "result_before_recommendation"
    else:
        return {}
    return {field: ValidationError(message, code=code)}
