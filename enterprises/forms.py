from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.forms import normalize_phone
from guangde_plan.lib.uscc import normalize_uscc, validate_uscc
from guangde_plan.selectors import org_units_writable

from .models import Enterprise
from .selectors import enterprise_find_by_uscc


class EnterpriseForm(forms.ModelForm):
    # Longer than 18 so that a code pasted with spaces reaches clean_uscc, which says what
    # is wrong with it; the model still stores exactly 18.
    uscc = forms.CharField(
        label=Enterprise._meta.get_field("uscc").verbose_name,
        max_length=40,
        help_text=_("18 characters; spaces and full-width characters are corrected automatically."),
    )

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "uscc",
            "org_unit",
            "tech_field",
            "registered_on",
            "production_started_on",
            "is_above_designated_size",
            "address",
            "contact_person",
            "contact_phone",
            "notes",
        ]
        widgets = {
            "registered_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "production_started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = org_units_writable(user=user)
        self.fields["org_unit"].queryset = units
        self.fields["org_unit"].empty_label = _("Choose a township or park")
        if self.instance.pk is None:
            # A liaison of one unit should not have to pick it every time.
            first_two = list(units[:2])
            if len(first_two) == 1:
                self.initial.setdefault("org_unit", first_two[0].pk)
        self.fields["tech_field"].choices = [
            ("", _("Not decided")),
            *list(self.fields["tech_field"].choices)[1:],
        ]
        self.fields["uscc"].widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false", "style": "text-transform: uppercase"}
        )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_uscc(self):
        code = normalize_uscc(self.cleaned_data["uscc"])
        validate_uscc(code)
        existing = enterprise_find_by_uscc(uscc=code)
        if existing is not None and existing.pk != self.instance.pk:
            raise ValidationError(
                _(
                    "This code is already registered for “%(name)s” (%(unit)s). "
                    "Ask the bureau if that record is wrong instead of adding it again."
                ),
                code="uscc_duplicate",
                params={"name": existing.name, "unit": existing.org_unit.name},
            )
        return code

    def clean_contact_phone(self):
        return normalize_phone(self.cleaned_data["contact_phone"])
