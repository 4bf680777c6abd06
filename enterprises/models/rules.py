"""The evaluation thresholds of a plan year (HTE conditions, tech-SME point bands).

Kept as data so the bureau can follow a change of the national rules without a release.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guangde_plan.models import PlanYear


class EvaluationRules(models.Model):
    plan_year = models.OneToOneField(
        PlanYear,
        on_delete=models.CASCADE,
        related_name="evaluation_rules",
        verbose_name=_("plan year"),
    )
    rules = models.JSONField(
        _("thresholds and point bands"),
        help_text=_("Percentages and amounts in 10k yuan; see the national guidelines."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation rules")
        verbose_name_plural = _("evaluation rules")

    def __str__(self):
        return str(self.plan_year)

    def as_rules(self):
        from enterprises.readiness import Rules

        return Rules.from_dict(self.rules)

    def clean(self):
        try:
            self.as_rules()
        except (KeyError, TypeError, ValueError, ArithmeticError) as error:
            raise ValidationError(
                {"rules": _("These rules cannot be read: %(error)s") % {"error": error}},
                code="invalid_rules",
            ) from error
