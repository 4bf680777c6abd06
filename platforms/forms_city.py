"""Forms of the innovative-city pages: indicators and their values, responsible units,
work-reminder notices and their replies."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guangde_plan.lib.forms import DATE_INPUT, GroupedDecimalField, normalize_phone
from guangde_plan.lib.validators import validate_past_date

from .models import Department, Indicator, IndicatorValue, Notice


def _squeeze(value: str) -> str:
    """Runs of spaces (and the ideographic space) pasted from Word become one."""
    return " ".join((value or "").split())


def _departments(current: Department | None = None):
    """The active units, and the one already chosen even if it has been made inactive."""
    queryset = Department.objects.filter(is_active=True)
    if current is not None:
        queryset = Department.objects.filter(pk=current.pk) | queryset
    return queryset.order_by("name")


class IndicatorForm(forms.ModelForm):
    """An indicator of a plan year. Its plan year is fixed once created: notices and values
    belong to that year; next year's indicator is a new one."""

    class Meta:
        model = Indicator
        fields = [
            "plan_year",
            "group",
            "name",
            "department",
            "target",
            "unit",
            "direction",
            "description",
            "sort_order",
        ]
        field_classes = {"target": GroupedDecimalField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _departments(
            self.instance.department if self.instance.department_id else None
        )
        self.fields["plan_year"].empty_label = None
        self.fields["group"].empty_label = None
        if self.instance.pk:
            self.fields["plan_year"].disabled = True

    def clean_name(self):
        return _squeeze(self.cleaned_data["name"])

    def clean(self):
        cleaned = super().clean()
        plan_year, name = cleaned.get("plan_year"), cleaned.get("name")
        taken = Indicator.objects.filter(plan_year=plan_year, name=name).exclude(
            pk=self.instance.pk
        )
        if plan_year and name and taken.exists():
            # Beside the name, in words, rather than the constraint's generic message.
            self.add_error(
                "name",
                forms.ValidationError(
                    _("The plan of %(year)s has an indicator of that name already."),
                    code="name_taken",
                    params={"year": plan_year.year},
                ),
            )
        return cleaned


class IndicatorValueForm(forms.ModelForm):
    """A value typed in for `instance.indicator` (as of a day not in the future: the
    model's validator)."""

    class Meta:
        model = IndicatorValue
        fields = ["as_of", "value", "note"]
        field_classes = {"value": GroupedDecimalField}
        widgets = {"as_of": DATE_INPUT}


class DepartmentForm(forms.ModelForm):
    """A responsible unit; the phone checked by the model's validator, the email by the
    email field."""

    class Meta:
        model = Department
        fields = ["name", "contact_person", "contact_phone", "email", "is_active", "note"]
        widgets = {
            "contact_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def clean_name(self):
        return _squeeze(self.cleaned_data["name"])

    def clean_contact_phone(self):
        return normalize_phone(self.cleaned_data["contact_phone"])


class IndicatorsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.department.name}）"


class NoticeForm(forms.ModelForm):
    """Issuing a notice: to whom, for which plan year, what is due and by when, and the
    indicators asked for. The indicators offered are the plan year's (the posted year's
    when the form is posted); `department_only` offers only the unit's own (a GET with the
    unit chosen). The number is given by services.notice_issue."""

    indicators = IndicatorsField(
        queryset=Indicator.objects.none(),
        required=False,
        label=_("Indicators asked for"),
        help_text=_("Indicators of the plan year; the unit enters their values in the notice."),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Notice
        fields = ["department", "plan_year", "subject", "content", "issued_on", "due_on"]
        # With a context: the bare words are translated already for other meanings.
        labels = {
            "department": pgettext_lazy("notice", "To"),
            "subject": pgettext_lazy("notice", "Subject"),
        }
        widgets = {
            "content": forms.Textarea(attrs={"rows": 4}),
            "issued_on": DATE_INPUT,
            "due_on": DATE_INPUT,
        }

    def __init__(self, *args, department_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _departments()
        self.fields["plan_year"].empty_label = None
        plan_year_id = self._chosen("plan_year")
        indicators = Indicator.objects.filter(plan_year_id=plan_year_id)
        department_id = self._chosen("department")
        if department_only and department_id is not None:
            indicators = indicators.filter(department_id=department_id)
        self.fields["indicators"].queryset = indicators.select_related("department").order_by(
            "group__sort_order", "sort_order", "name", "pk"
        )

    def _chosen(self, name: str) -> int | None:
        """The id chosen for `name`: posted, else initial; None when it is not a number."""
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        value = getattr(value, "pk", value)
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def clean_subject(self):
        return _squeeze(self.cleaned_data["subject"])

    def clean(self):
        cleaned = super().clean()
        issued_on, due_on = cleaned.get("issued_on"), cleaned.get("due_on")
        if issued_on and due_on and due_on < issued_on:
            self.add_error(
                "due_on",
                forms.ValidationError(
                    _("The due date cannot be before the issue date."), code="due_before_issue"
                ),
            )
        return cleaned


class NoticeReplyForm(forms.Form):
    """The reply to `notice`: the day it came, its text, and one optional value field per
    indicator on the notice (`value_<indicator id>`). Anything posted for another indicator
    has no field here and is ignored."""

    replied_on = forms.DateField(
        label=_("Reply received on"), widget=DATE_INPUT, validators=[validate_past_date]
    )
    reply = forms.CharField(label=_("Reply"), required=False, widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args, notice: Notice, **kwargs):
        kwargs.setdefault("initial", {"replied_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.notice = notice
        self.indicators = list(notice.indicators.all())
        for indicator in self.indicators:
            self.fields[self.value_field(indicator)] = GroupedDecimalField(
                label=indicator.name,
                required=False,
                max_digits=14,
                decimal_places=2,
                help_text=indicator.unit,
            )

    @staticmethod
    def value_field(indicator) -> str:
        return f"value_{indicator.pk}"

    def value_fields(self):
        """The bound value fields, for the template."""
        return [self[self.value_field(indicator)] for indicator in self.indicators]

    def clean(self):
        cleaned = super().clean()
        replied_on = cleaned.get("replied_on")
        if replied_on and replied_on < self.notice.issued_on:
            self.add_error(
                "replied_on",
                forms.ValidationError(
                    _("The reply cannot be dated before the notice (%(date)s)."),
                    code="reply_before_notice",
                    params={"date": self.notice.issued_on.isoformat()},
                ),
            )
        received = [value for value in self.values().values() if value is not None]
        if not self.errors and not cleaned.get("reply", "").strip() and not received:
            raise forms.ValidationError(
                _("Give the reply or at least one value received."), code="empty_reply"
            )
        return cleaned

    def values(self) -> dict[int, object]:
        """Indicator id → value received (None where none was given)."""
        return {
            indicator.pk: self.cleaned_data.get(self.value_field(indicator))
            for indicator in self.indicators
        }
