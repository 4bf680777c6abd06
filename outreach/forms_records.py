"""Forms of the bases and their recommendations, the outstanding sci-tech workers and their
recommendations, the societies and their papers (rendered by outreach/record_form.html)."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.forms import LaidOutForm, field_names
from guangde_plan.models import PlanYear
from guangde_plan.selectors import org_units_writable

from .forms import HALF, TEXTAREA, THIRD, WIDE, formfield
from .models import AwardRecommendation, Base, BaseRecommendation, Honoree, Paper, Society
from .models.bases import LEVEL_RANK
from .models.societies import TERM_YEARS_MAX

BASE_LAYOUT = (
    ("name", WIDE),
    ("kind", THIRD),
    ("org_unit", THIRD),
    ("level", THIRD),
    ("level_since", THIRD),
    ("address", WIDE),
    ("contact_person", HALF),
    ("contact_phone", HALF),
    ("is_active", WIDE),
    ("note", WIDE),
)


class BaseForm(LaidOutForm):
    """A base of one of the user's units. Its level changes here (set by hand for one
    recognised before it was recorded) or through a recognised recommendation."""

    layout = BASE_LAYOUT
    squeezed = ("name",)
    past_dates = ("level_since",)

    class Meta:
        model = Base
        formfield_callback = formfield
        fields = field_names(BASE_LAYOUT)
        widgets = {"note": TEXTAREA}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = self.fields["org_unit"]
        units.queryset = org_units_writable(user=user)
        units.empty_label = _("Choose a township or park")
        if self.instance.pk is None:
            first_two = list(units.queryset[:2])
            if len(first_two) == 1:
                self.initial.setdefault("org_unit", first_two[0].pk)


RECOMMENDATION_LAYOUT = (
    ("to_level", THIRD),
    ("recommended_on", THIRD),
    ("outcome", THIRD),
    ("decided_on", THIRD),
    ("note", WIDE),
)


class BaseRecommendationForm(LaidOutForm):
    """A recommendation of `instance.base` (set by the view before validation, so that the
    model's result-date rules show beside their fields)."""

    layout = RECOMMENDATION_LAYOUT
    past_dates = ("recommended_on", "decided_on")

    class Meta:
        model = BaseRecommendation
        formfield_callback = formfield
        fields = field_names(RECOMMENDATION_LAYOUT)
        widgets = {"note": TEXTAREA}

    def clean_to_level(self):
        to_level = self.cleaned_data["to_level"]
        unchanged = self.instance.pk is not None and to_level == self.instance.to_level
        base = self.instance.base
        if not unchanged and LEVEL_RANK[to_level] <= LEVEL_RANK[base.level]:
            raise forms.ValidationError(
                _("%(base)s is already at the %(level)s; recommend it to a higher one.")
                % {"base": base.name, "level": base.get_level_display()},
                code="not_higher",
            )
        return to_level


HONOREE_LAYOUT = (
    ("name", THIRD),
    ("plan_year", THIRD),
    ("selected_on", THIRD),
    ("employer", HALF),
    ("position", HALF),
    ("field", HALF),
    ("honour", HALF),
    ("achievements", WIDE),
)


class HonoreeForm(LaidOutForm):
    layout = HONOREE_LAYOUT
    squeezed = ("name", "employer")
    past_dates = ("selected_on",)

    class Meta:
        model = Honoree
        formfield_callback = formfield
        fields = field_names(HONOREE_LAYOUT)
        widgets = {"achievements": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_year"].queryset = PlanYear.objects.order_by("-year")
        self.fields["plan_year"].label_from_instance = lambda plan_year: str(plan_year.year)


AWARD_LAYOUT = (
    ("selection", THIRD),
    ("recommended_on", THIRD),
    ("result", THIRD),
    ("result_on", THIRD),
    ("note", WIDE),
)


class AwardRecommendationForm(LaidOutForm):
    """A recommendation of `instance.honoree` (set by the view) to one selection."""

    layout = AWARD_LAYOUT
    past_dates = ("recommended_on", "result_on")

    class Meta:
        model = AwardRecommendation
        formfield_callback = formfield
        fields = field_names(AWARD_LAYOUT)
        widgets = {"note": TEXTAREA}

    def clean_selection(self):
        # The unique constraint names the honoree, which is not a field of the form:
        # Django would not check it, so it is checked here (and a race still ends in the
        # view's conflict message, not a 500).
        selection = self.cleaned_data["selection"]
        taken = AwardRecommendation.objects.filter(
            honoree=self.instance.honoree_id, selection=selection
        ).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("%(name)s is already recommended to this selection.")
                % {"name": self.instance.honoree.name},
                code="already_recommended",
            )
        return selection


SOCIETY_LAYOUT = (
    ("name", WIDE),
    ("kind", THIRD),
    ("supervisor", THIRD),
    ("member_count", THIRD),
    ("chair", HALF),
    ("secretary_general", HALF),
    ("term_started_on", HALF),
    ("term_years", HALF),
    ("charter", WIDE),
    ("is_active", WIDE),
    ("note", WIDE),
)


class SocietyForm(LaidOutForm):
    """A society; a renewal (换届) is recorded by giving the new term's start (and chair)."""

    layout = SOCIETY_LAYOUT
    squeezed = ("name", "chair")
    past_dates = ("term_started_on",)

    class Meta:
        model = Society
        formfield_callback = formfield
        fields = field_names(SOCIETY_LAYOUT)
        widgets = {"charter": forms.Textarea(attrs={"rows": 4}), "note": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        term = self.fields["term_years"]
        term.min_value, term.max_value = 1, TERM_YEARS_MAX
        term.validators = [
            MinValueValidator(1, _("A term lasts at least one year.")),
            MaxValueValidator(TERM_YEARS_MAX),
        ]


PAPER_LAYOUT = (
    ("title", WIDE),
    ("society", HALF),
    ("authors", HALF),
    ("collected_on", THIRD),
    ("evaluation", THIRD),
    ("award", THIRD),
    ("note", WIDE),
)


class PaperForm(LaidOutForm):
    layout = PAPER_LAYOUT
    squeezed = ("title",)
    past_dates = ("collected_on",)

    class Meta:
        model = Paper
        formfield_callback = formfield
        fields = field_names(PAPER_LAYOUT)
        widgets = {"note": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        societies = Society.objects.order_by("name", "pk")
        if self.instance.pk is None:
            societies = societies.filter(is_active=True)
        self.fields["society"].queryset = societies
        self.fields["society"].empty_label = _("Choose a society or association")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("award") and cleaned.get("evaluation") in (
            Paper.Evaluation.PENDING,
            Paper.Evaluation.NONE,
        ):
            self.add_error(
                "award",
                forms.ValidationError(
                    _("Only a paper given a prize or rated excellent carries an award."),
                    code="award_without_prize",
                ),
            )
        return cleaned
