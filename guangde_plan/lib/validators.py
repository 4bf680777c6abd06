"""Field validators shared by several apps."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Mobile (13800000000), landline with area code (0563-6012345), optional extension; what
# people actually type, including a leading +86.
phone_validator = RegexValidator(
    r"^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$",
    _("Enter a mobile number (11 digits) or a landline such as 0563-6012345."),
    code="phone",
)

EARLIEST_DATE = datetime.date(1949, 10, 1)


def validate_past_date(value: datetime.date) -> None:
    """Registration and production dates lie between 1949-10-01 and today."""
    if value > timezone.localdate():
        raise ValidationError(_("This date is in the future."), code="future_date")
    if value < EARLIEST_DATE:
        raise ValidationError(_("This date is too early to be right."), code="too_early")
