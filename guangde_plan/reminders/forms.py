from django import forms

from ..models import User


class ReminderPreferencesForm(forms.ModelForm):
    """A user's own weekly email: on or off, reminders or digest."""

    class Meta:
        model = User
        fields = ["reminders_enabled", "reminder_kind"]
        widgets = {"reminder_kind": forms.RadioSelect}
