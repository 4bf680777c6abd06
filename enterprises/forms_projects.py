"""Forms of the technology projects and the intermediaries.

Every form here is rendered by one template (templates/enterprises/project_form.html) from
its `layout`: the fields in page order with their Bootstrap column classes.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.forms import DATE_INPUT, GroupedDecimalField, LaidOutForm, field_names
from guangde_plan.lib.validators import validate_past_date
from guangde_plan.selectors import org_units_writable

from .models import Cooperation, Intermediary, IntermediaryService, KeyProject, TechDemand
from .selectors_projects import enterprise_list_writable, intermediary_list_for_choice

WIDE, HALF, THIRD = "col-12", "col-12 col-md-6", "col-12 col-sm-6 col-md-4"
TEXTAREA = forms.Textarea(attrs={"rows": 3})


DEMAND_LAYOUT = (
    ("enterprise", WIDE),
    ("kind", THIRD),
    ("collected_on", THIRD),
    ("status", THIRD),
    ("title", WIDE),
    ("description", WIDE),
    ("matched_with", WIDE),
)

COOPERATION_LAYOUT = (
    ("enterprise", WIDE),
    ("partner", HALF),
    ("subject", HALF),
    ("amount", THIRD),
    ("started_on", THIRD),
    ("ended_on", THIRD),
    ("note", WIDE),
)

KEY_PROJECT_LAYOUT = (
    ("enterprise", WIDE),
    ("kind", HALF),
    ("level", HALF),
    ("title", WIDE),
    ("applied_on", THIRD),
    ("status", THIRD),
    ("funding", THIRD),
    ("note", WIDE),
)

INTERMEDIARY_LAYOUT = (
    ("name", WIDE),
    ("services", WIDE),
    ("origin", THIRD),
    ("home_city", THIRD),
    ("org_unit", THIRD),
    ("contact_person", HALF),
    ("contact_phone", HALF),
    ("whitelisted_on", HALF),
    ("whitelist_until", HALF),
    ("note", WIDE),
)

SERVICE_LAYOUT = (
    ("intermediary", HALF),
    ("enterprise", HALF),
    ("service", WIDE),
    ("served_on", THIRD),
    ("note", WIDE),
)


def _formfield(model_field, **kwargs):
    # Money in 万元 accepts "1,234.5" (a text input: a browser's number input refuses the
    # separator before the server sees it); dates get the browser's date picker.
    if isinstance(model_field, models.DecimalField):
        return model_field.formfield(form_class=GroupedDecimalField, min_value=0, **kwargs)
    if isinstance(model_field, models.DateField):
        return model_field.formfield(widget=DATE_INPUT, **kwargs)
    return model_field.formfield(**kwargs)


def _enterprise_label(enterprise) -> str:
    return f"{enterprise.name}（{enterprise.org_unit.name}）"


class EnterpriseRecordForm(LaidOutForm):
    """A record of one enterprise. New: the enterprise is chosen among those the user may
    write for (`?enterprise=<id>` preselects it); once saved it stays with its enterprise."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            del self.fields["enterprise"]
            return
        field = self.fields["enterprise"]
        field.queryset = enterprise_list_writable(user=user)
        field.label_from_instance = _enterprise_label
        field.empty_label = _("Choose an enterprise")


class TechDemandForm(EnterpriseRecordForm):
    layout = DEMAND_LAYOUT
    squeezed = ("title",)
    past_dates = ("collected_on",)  # recorded once collected

    class Meta:
        model = TechDemand
        formfield_callback = _formfield
        fields = field_names(DEMAND_LAYOUT)
        widgets = {"description": TEXTAREA}


class CooperationForm(EnterpriseRecordForm):
    """The model's clean() refuses an end before the start, beside the end date."""

    layout = COOPERATION_LAYOUT
    squeezed = ("partner", "subject")

    class Meta:
        model = Cooperation
        formfield_callback = _formfield
        fields = field_names(COOPERATION_LAYOUT)
        widgets = {"note": TEXTAREA}


class KeyProjectForm(EnterpriseRecordForm):
    """The model's clean() refuses funding for a project not (yet) approved."""

    layout = KEY_PROJECT_LAYOUT
    squeezed = ("title",)

    class Meta:
        model = KeyProject
        formfield_callback = _formfield
        fields = field_names(KEY_PROJECT_LAYOUT)
        widgets = {"note": TEXTAREA}

    def clean(self):
        cleaned = super().clean()
        applied_on, status = cleaned.get("applied_on"), cleaned.get("status")
        # Only an application still being prepared may carry its planned date.
        if applied_on and status and status != KeyProject.Status.PREPARING:
            try:
                validate_past_date(applied_on)
            except forms.ValidationError as error:
                self.add_error("applied_on", error)
        return cleaned


class IntermediaryForm(LaidOutForm):
    """An intermediary (bureau staff only). The model's clean() refuses a white-list end
    before its start."""

    layout = INTERMEDIARY_LAYOUT
    squeezed = ("name",)

    class Meta:
        model = Intermediary
        formfield_callback = _formfield
        fields = field_names(INTERMEDIARY_LAYOUT)
        widgets = {"note": TEXTAREA}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = org_units_writable(user=user)
        self.fields["org_unit"].empty_label = _("Not in a township or park of ours")

    def clean(self):
        cleaned = super().clean()
        origin = cleaned.get("origin")
        if origin == Intermediary.Origin.YANGTZE_DELTA and not cleaned.get("home_city"):
            self.add_error(
                "home_city",
                forms.ValidationError(
                    _("Name the city of the agency this branch belongs to."), code="required"
                ),
            )
        if cleaned.get("whitelist_until") and not cleaned.get("whitelisted_on"):
            self.add_error(
                "whitelisted_on",
                forms.ValidationError(
                    _("Give the day it went on the white list."), code="until_without_since"
                ),
            )
        return cleaned


class IntermediaryServiceForm(EnterpriseRecordForm):
    """A service an intermediary gave an enterprise of the user's units; `?intermediary=`
    preselects the intermediary."""

    layout = SERVICE_LAYOUT
    past_dates = ("served_on",)

    class Meta:
        model = IntermediaryService
        formfield_callback = _formfield
        fields = field_names(SERVICE_LAYOUT)
        widgets = {"note": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intermediary"].queryset = intermediary_list_for_choice()
        self.fields["intermediary"].empty_label = _("Choose an intermediary")
