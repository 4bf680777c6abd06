"""Forms of the plan itself: the values staff type in for targets the app holds no records
for."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from guangde_plan.lib.forms import GroupedDecimalField

from .lib.forms import DATE_INPUT
from .models import Target, TargetValue


class TargetValueForm(forms.ModelForm):
    """One dated value of a target owned by another department. The target comes from the
    URL; one value per target and day is the database's rule (see add_day_taken_error)."""

    class Meta:
        model = TargetValue
        fields = ["recorded_on", "value", "note"]
        # A text input that accepts "1,234.5", as figures are copied from other
        # departments' spreadsheets.
        field_classes = {"value": GroupedDecimalField}
        widgets = {"recorded_on": DATE_INPUT}

    def __init__(self, *args, target: Target, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.target = target
        self.start = datetime.date(target.plan_year.year, 1, 1)
        # The dashboard reads a plan year up to its last day: later values would never show.
        self.end = min(timezone.localdate(), datetime.date(target.plan_year.year, 12, 31))
        field = self.fields["recorded_on"]
        field.widget.attrs.update({"min": self.start.isoformat(), "max": self.end.isoformat()})
        field.help_text = _("From %(start)s to %(end)s.") % {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }
        if target.unit:
            self.fields["value"].help_text = _(
                "In %(unit)s; separators such as 1,234.5 are accepted."
            ) % {"unit": target.unit}
        else:
            self.fields["value"].help_text = _("Separators such as 1,234.5 are accepted.")

    def clean_recorded_on(self):
        day = self.cleaned_data["recorded_on"]
        if day > timezone.localdate():
            raise ValidationError(_("This date is in the future."), code="future_date")
        if day > self.end:
            raise ValidationError(
                _("Enter a day of the %(year)d plan, up to %(end)s."),
                code="after_plan_year",
                params={"year": self.start.year, "end": self.end.isoformat()},
            )
        if day < self.start:
            raise ValidationError(
                _("Enter a day from %(start)s: the plan starts then."),
                code="before_plan_year",
                params={"start": self.start.isoformat()},
            )
        return day

    def add_day_taken_error(self):
        """For the view, when the (target, day) constraint refused the save. The target is
        not a form field, so ModelForm's own constraint check skips that constraint."""
        self.add_error(
            "recorded_on",
            ValidationError(
                _(
                    "A value for %(day)s is already recorded for this target, and only one "
                    "value per day is kept."
                ),
                code="day_taken",
                params={"day": self.cleaned_data["recorded_on"].isoformat()},
            ),
        )
