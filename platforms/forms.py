"""Forms of the platform pages. They validate and normalise; the services decide levels,
stages and closing (their refusals are shown beside the field they name)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.forms import (
    DATE_INPUT,
    GroupedDecimalField,
    GroupedIntegerField,
    StageMoveForm,
    normalize_phone,
)
from guangde_plan.models import PLAN_YEAR_MIN, PlanYear
from guangde_plan.selectors import org_units_visible, org_units_writable

from .models import (
    ACTIVE_STAGES,
    Application,
    ApplicationStage,
    Category,
    IncubationFigures,
    Platform,
    Recognition,
)
from .models.platforms import RECOGNISED_LEVELS, next_level
from .selectors import host_enterprises_writable

NEGATIVE = _("This cannot be negative.")


class HostEnterpriseField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.org_unit.name}）"


class PlatformForm(forms.ModelForm):
    service_fields = {}

    class Meta:
        model = Platform
        fields = [
            "name",
            "kind",
            "host_enterprise",
            "host_organisation",
            "org_unit",
            "opened_on",
            "address",
            "contact_person",
            "contact_phone",
            "note",
        ]
        field_classes = {"host_enterprise": HostEnterpriseField}
        widgets = {"opened_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_enterprise"].queryset = host_enterprises_writable(user=user)
        self.fields["host_enterprise"].empty_label = _("Not an enterprise of the registry")
        units = org_units_writable(user=user)
        self.fields["org_unit"].queryset = units
        self.fields["org_unit"].required = False
        self.fields["org_unit"].empty_label = _("The host enterprise's unit")
        self.fields["org_unit"].help_text = _(
            "Where the platform is; left empty, the host enterprise's township or park."
        )
        if self.instance.pk is None:
            # A liaison of one unit should not have to pick it every time.
            first_two = list(units[:2])
            if len(first_two) == 1:
                self.initial.setdefault("org_unit", first_two[0].pk)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_host_organisation(self):
        return " ".join(self.cleaned_data["host_organisation"].split())

    def clean_contact_phone(self):
        return normalize_phone(self.cleaned_data["contact_phone"])

    def clean(self):
        data = super().clean()
        enterprise = data.get("host_enterprise")
        organisation = data.get("host_organisation")
        if "host_enterprise" in self.errors:
            return data
        if enterprise and organisation:
            self.add_error(
                "host_organisation",
                ValidationError(
                    _(
                        "Give either a host enterprise of the registry or another host "
                        "organisation, not both."
                    ),
                    code="two_hosts",
                ),
            )
        elif not enterprise and not organisation:
            self.add_error(
                "host_enterprise",
                ValidationError(
                    _(
                        "Choose the host enterprise from the registry, or type the name of "
                        "the host organisation (a university, a park company …)."
                    ),
                    code="no_host",
                ),
            )
        if not data.get("org_unit") and "org_unit" not in self.errors:
            if enterprise:
                # host_enterprises_writable holds the enterprises of the user's units only.
                data["org_unit"] = enterprise.org_unit
            else:
                self.add_error(
                    "org_unit",
                    ValidationError(
                        _("Choose the township or park where the platform is."),
                        code="required",
                    ),
                )
        return data


class RecognitionForm(forms.ModelForm):
    service_fields = {}

    class Meta:
        model = Recognition
        fields = ["act", "level", "recognised_on", "document_number", "issuer", "note"]
        widgets = {"recognised_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # The instance's own empty values are in `initial` already: replace them.
            self.initial["recognised_on"] = timezone.localdate()
            if (above := next_level(self.instance.platform.level)) is not None:
                self.initial["level"] = above

    def clean_document_number(self):
        return " ".join(self.cleaned_data["document_number"].split())


class ApplicationStartForm(forms.Form):
    target_level = forms.ChoiceField(
        label=Application._meta.get_field("target_level").verbose_name, choices=RECOGNISED_LEVELS
    )
    # Choices from one list, not a ModelChoiceField, which queries each time its choices
    # are iterated.
    plan_year = forms.TypedChoiceField(
        label=Application._meta.get_field("plan_year").verbose_name, coerce=int
    )
    stage = forms.ChoiceField(
        label=Application._meta.get_field("stage").verbose_name,
        choices=[(stage.value, stage.label) for stage in ACTIVE_STAGES],
        initial=ApplicationStage.PREPARING,
    )
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    service_fields = {}

    def __init__(self, *args, platform: Platform, plan_years: list[PlanYear], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate
        self.plan_years = {plan_year.pk: plan_year for plan_year in plan_years}
        self.fields["plan_year"].choices = [
            (pk, plan_year.year) for pk, plan_year in self.plan_years.items()
        ]
        if self.plan_years:
            self.initial.setdefault("plan_year", next(iter(self.plan_years)))  # the latest
        if (above := next_level(platform.level)) is not None:
            self.initial.setdefault("target_level", above)

    def clean_plan_year(self) -> PlanYear:
        return self.plan_years[self.cleaned_data["plan_year"]]


class ApplicationMoveForm(StageMoveForm):
    to_stage = forms.ChoiceField(label=_("New stage"), choices=ApplicationStage.choices)


def _amount(name: str) -> GroupedDecimalField:
    field = IncubationFigures._meta.get_field(name)
    return GroupedDecimalField(
        label=field.verbose_name,
        required=False,
        min_value=0,
        max_digits=field.max_digits,
        decimal_places=field.decimal_places,
        error_messages={"min_value": NEGATIVE},
    )


def _count(name: str) -> GroupedIntegerField:
    field = IncubationFigures._meta.get_field(name)
    return GroupedIntegerField(
        label=field.verbose_name,
        required=False,
        min_value=0,
        max_value=2_147_483_647,
        error_messages={"min_value": NEGATIVE},
    )


class IncubationFiguresForm(forms.ModelForm):
    area = _amount("area")
    incubatees = _count("incubatees")
    graduates = _count("graduates")
    fund = _amount("fund")
    staff = _count("staff")
    mentors = _count("mentors")

    class Meta:
        model = IncubationFigures
        fields = ["year", "area", "incubatees", "graduates", "fund", "staff", "mentors", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"] = forms.IntegerField(
            label=IncubationFigures._meta.get_field("year").verbose_name,
            min_value=PLAN_YEAR_MIN,
            max_value=this_year,
            error_messages={"max_value": _("Figures are recorded for this year at the latest.")},
            help_text=_("The figures at the end of that year (for this year: as of now)."),
        )
        if self.instance.pk is None and not self.initial.get("year"):
            # The new instance's empty year is in `initial` already: replace it.
            self.initial["year"] = this_year

    def clean_year(self):
        year = self.cleaned_data["year"]
        # The platform is not a form field, so the model's one-per-year constraint would not
        # be checked by the form: check it here, with a message on the field.
        taken = (
            IncubationFigures.objects.filter(platform=self.instance.platform_id, year=year)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if taken:
            raise ValidationError(
                _("Figures for %(year)d are recorded already: edit them instead."),
                code="figures_year_taken",
                params={"year": year},
            )
        return year


class PlatformCloseForm(forms.Form):
    closed_on = forms.DateField(
        label=Platform._meta.get_field("closed_on").verbose_name, widget=DATE_INPUT
    )
    closed_reason = forms.CharField(
        label=Platform._meta.get_field("closed_reason").verbose_name,
        max_length=Platform._meta.get_field("closed_reason").max_length,
    )

    service_fields = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate


class BoardFilterForm(forms.Form):
    """The applications board's GET filters. The year is read (and 404ed) by the view; here
    it only renders the choice."""

    year = forms.TypedChoiceField(label=_("Plan year"), coerce=int, required=False)
    org_unit = forms.ModelChoiceField(
        label=_("Township or park"), queryset=None, required=False, empty_label=_("All units")
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("All categories")), *Category.choices],
        required=False,
    )

    def __init__(self, *args, user, years: list[PlanYear], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(plan_year.year, plan_year.year) for plan_year in years]
        self.fields["org_unit"].queryset = org_units_visible(user=user)
        for field in self.fields.values():
            field.widget.attrs["data-autosubmit"] = ""
