"""Forms of the help ledger: activities with the enterprises that took part, and help items."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.forms import DATE_INPUT
from guangde_plan.lib.validators import validate_past_date
from guangde_plan.selectors import org_units_writable

from .models import HelpActivity, HelpItem
from .selectors import enterprise_list_visible
from .selectors_help import help_activity_list_for_enterprise, help_activity_may_be_city_wide


class HelpActivityForm(forms.ModelForm):
    class Meta:
        model = HelpActivity
        fields = [
            "kind",
            "title",
            "held_on",
            "org_unit",
            "place",
            "with_tax_office",
            "with_statistics_office",
            "with_park_office",
            "other_partners",
            "enterprises",
            "notes",
        ]
        widgets = {
            "held_on": DATE_INPUT,
            "enterprises": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = self.fields["org_unit"]
        units.queryset = org_units_writable(user=user)
        if help_activity_may_be_city_wide(user=user):
            units.empty_label = _("City-wide (no single township or park)")
        else:
            units.required = True
            units.empty_label = _("Choose a township or park")
            if self.instance.pk is None:
                # A liaison of one unit should not have to pick it every time.
                first_two = list(units.queryset[:2])
                if len(first_two) == 1:
                    self.initial.setdefault("org_unit", first_two[0].pk)

        visible = enterprise_list_visible(user=user)
        enterprises = self.fields["enterprises"]
        enterprises.queryset = visible.order_by("org_unit__sort_order", "org_unit__code", "name")
        enterprises.error_messages["required"] = _("Choose at least one enterprise that took part.")
        # A liaison edits the part of an activity they can see: the links to enterprises of
        # other units are not offered, and must survive the save untouched.
        self.kept_enterprise_ids = []
        if self.instance.pk is not None:
            self.kept_enterprise_ids = list(
                self.instance.enterprises.exclude(pk__in=visible.values("pk")).values_list(
                    "pk", flat=True
                )
            )
        enterprises.required = not self.kept_enterprise_ids

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        validate_past_date(held_on)  # activities are recorded once held
        return held_on

    def clean_enterprises(self):
        # Everyone taking part after the save: the ticked ones and those kept (as ids),
        # which is what the many-to-many `set()` receives.
        return [*self.cleaned_data["enterprises"], *self.kept_enterprise_ids]


class HelpItemForm(forms.ModelForm):
    """A help item of `instance.enterprise` (the view sets it before validation, so that the
    model's `clean()` rules surface as errors beside their fields)."""

    class Meta:
        model = HelpItem
        fields = [
            "kind",
            "problem",
            "measure",
            "owner",
            "raised_on",
            "due_on",
            "status",
            "done_on",
            "activity",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "measure": forms.Textarea(attrs={"rows": 3}),
            "raised_on": DATE_INPUT,
            "due_on": DATE_INPUT,
            "done_on": DATE_INPUT,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        activities = help_activity_list_for_enterprise(
            enterprise=self.instance.enterprise, user=user
        )
        current = self.instance.activity_id
        if current and not activities.filter(pk=current).exists():
            # Raised at an activity this user may not see: keep the link as it is rather
            # than offer a list without it (which would drop it on save).
            del self.fields["activity"]
        else:
            self.fields["activity"].queryset = activities
            self.fields["activity"].empty_label = _("Not raised at a recorded activity")
            self.fields["activity"].label_from_instance = _activity_label

    def clean_raised_on(self):
        raised_on = self.cleaned_data["raised_on"]
        validate_past_date(raised_on)
        return raised_on

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on is not None:
            validate_past_date(done_on)
        return done_on


def _activity_label(activity: HelpActivity) -> str:
    return f"{activity.held_on:%Y-%m-%d} {activity.title}"
