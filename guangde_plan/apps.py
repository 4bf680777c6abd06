from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuangdePlanConfig(AppConfig):
    name = "guangde_plan"
    verbose_name = _("Work plan")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
