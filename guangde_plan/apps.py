from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuangdePlanConfig(AppConfig):
    name = "guangde_plan"
    verbose_name = _("Work plan")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .figures_cache import watch_models

        # The records the cached figures are summed from (progress sources, registry counts).
        watch_models(
            *(
                self.apps.get_model("enterprises", name)
                for name in (
                    "Enterprise",
                    "AnnualFigures",
                    "HteCertificate",
                    "TechSmeRegistration",
                    "PipelineEntry",
                )
            )
        )
