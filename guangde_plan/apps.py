from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuangdePlanConfig(AppConfig):
    name = "guangde_plan"
    verbose_name = _("Work plan")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .figures_cache import watch_models

        # The records the cached figures and the dashboard's cached body are made of.
        watched = [
            ("enterprises", "Enterprise"),
            ("enterprises", "AnnualFigures"),
            ("enterprises", "HteCertificate"),
            ("enterprises", "TechSmeRegistration"),
            ("enterprises", "PipelineEntry"),
            ("enterprises", "EvaluationRules"),
            ("guangde_plan", "PlanYear"),
            ("guangde_plan", "Target"),
            ("guangde_plan", "TargetQuota"),
            ("guangde_plan", "TargetValue"),
            ("guangde_plan", "OrgUnit"),
            ("guangde_plan", "OrgUnitName"),
            ("guangde_plan", "ProgressSnapshot"),
        ]
        watch_models(*(self.apps.get_model(app, name) for app, name in watched))
