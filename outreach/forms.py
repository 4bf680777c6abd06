"""Forms of the events (with their photos), the monthly themes and the key-day windows.

Every form is rendered by templates/outreach/record_form.html from its `layout`: the fields
in page order with their Bootstrap column classes.
"""

from django import forms
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.forms import DATE_INPUT, GroupedIntegerField, LaidOutForm, field_names
from guangde_plan.selectors import org_units_writable

from .models import Base, Event, KeyDay, MonthlyTheme, Society
from .photos import MAX_PHOTO_BYTES, MAX_PHOTOS_PER_EVENT, MAX_PHOTOS_PER_UPLOAD, PhotosField
from .selectors import (
    base_list_for_event,
    event_may_be_city_wide,
    society_list_for_choice,
    theme_list_for_choice,
)

WIDE, HALF, THIRD = "col-12", "col-12 col-md-6", "col-12 col-sm-6 col-md-4"
TEXTAREA = forms.Textarea(attrs={"rows": 3})


def formfield(model_field, **kwargs):
    """Counts accept "1,234" and never go below 0; dates get the browser's date picker."""
    if isinstance(model_field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
        kwargs.setdefault("min_value", 0)
        return model_field.formfield(form_class=GroupedIntegerField, **kwargs)
    if isinstance(model_field, models.DateField):
        return model_field.formfield(widget=DATE_INPUT, **kwargs)
    return model_field.formfield(**kwargs)


EVENT_LAYOUT = (
    ("title", WIDE),
    ("kind", THIRD),
    ("held_on", THIRD),
    ("org_unit", THIRD),
    ("theme", HALF),
    ("place", HALF),
    ("organisers", HALF),
    ("partners", HALF),
    ("volunteer_count", THIRD),
    ("audience", THIRD),
    ("base", THIRD),
    ("society", HALF),
    ("volunteers", HALF),
    ("experts", WIDE),
    ("report", WIDE),
    ("photos", WIDE),
)


def _theme_label(theme: MonthlyTheme) -> str:
    return f"{theme.plan_year.year}-{theme.month:02d} {theme.title}"


def _base_label(base) -> str:
    return f"{base.name}（{base.org_unit.name}）"


class EventForm(LaidOutForm):
    """An event of one of the user's units (bureau writers: or city-wide), with photos to
    add. The model's clean() refuses a day outside every plan year and a theme of another
    year, beside their fields."""

    layout = EVENT_LAYOUT
    squeezed = ("title",)
    past_dates = ("held_on",)  # recorded once held: the report and audience are facts

    photos = PhotosField(label=_("Photos"))

    class Meta:
        model = Event
        formfield_callback = formfield
        fields = [name for name in field_names(EVENT_LAYOUT) if name != "photos"]
        widgets = {
            "report": forms.Textarea(attrs={"rows": 5}),
            "volunteers": TEXTAREA,
            "experts": TEXTAREA,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = self.fields["org_unit"]
        units.queryset = org_units_writable(user=user)
        if event_may_be_city_wide(user=user):
            units.empty_label = _("City-wide (held by the bureau)")
        else:
            units.required = True
            units.empty_label = _("Choose a township or park")
            if self.instance.pk is None:
                # A liaison of one unit should not have to pick it every time.
                first_two = list(units.queryset[:2])
                if len(first_two) == 1:
                    self.initial.setdefault("org_unit", first_two[0].pk)
        theme = self.fields["theme"]
        theme.queryset = theme_list_for_choice()
        theme.label_from_instance = _theme_label
        theme.empty_label = _("Not on a monthly theme")
        # The base and society already named stay offered even when no longer active
        # (or, for a base, of another unit), so that saving does not drop them.
        base = self.fields["base"]
        base.queryset = base_list_for_event(user=user)
        if self.instance.base_id:
            base.queryset |= Base.objects.filter(pk=self.instance.base_id)
        base.label_from_instance = _base_label
        base.empty_label = _("Not at a base")
        society = self.fields["society"]
        society.queryset = society_list_for_choice()
        if self.instance.society_id:
            society.queryset |= Society.objects.filter(pk=self.instance.society_id)
        society.empty_label = _("Not held by a society")
        self.existing_photos = self.instance.photo_count if self.instance.pk else 0
        self.fields["photos"].help_text = _(
            "JPEG, PNG, WebP or GIF, at most %(size)s each and %(count)s at a time."
        ) % {"size": filesizeformat(MAX_PHOTO_BYTES), "count": MAX_PHOTOS_PER_UPLOAD}

    def clean_photos(self):
        photos = self.cleaned_data["photos"]
        if self.existing_photos + len(photos) > MAX_PHOTOS_PER_EVENT:
            raise forms.ValidationError(
                _(
                    "An event keeps at most %(limit)s photos; it has %(count)s, so add at "
                    "most %(left)s."
                )
                % {
                    "limit": MAX_PHOTOS_PER_EVENT,
                    "count": self.existing_photos,
                    "left": max(MAX_PHOTOS_PER_EVENT - self.existing_photos, 0),
                },
                code="too_many_photos",
            )
        return photos


THEME_LAYOUT = (("title", WIDE), ("description", WIDE))


class ThemeForm(LaidOutForm):
    """The theme of the instance's month (the view sets the plan year and month)."""

    layout = THEME_LAYOUT
    squeezed = ("title",)

    class Meta:
        model = MonthlyTheme
        fields = field_names(THEME_LAYOUT)
        widgets = {"description": TEXTAREA}


KEY_DAY_LAYOUT = (("starts_on", HALF), ("ends_on", HALF), ("note", WIDE))


class KeyDayForm(LaidOutForm):
    """The bureau's window for a key day of the instance's plan year; the model's clean()
    keeps both days in the year, in order, and the window at most a month."""

    layout = KEY_DAY_LAYOUT

    class Meta:
        model = KeyDay
        formfield_callback = formfield
        fields = field_names(KEY_DAY_LAYOUT)
