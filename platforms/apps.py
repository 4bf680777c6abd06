from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformsConfig(AppConfig):
    name = "platforms"
    verbose_name = _("Innovation platforms")

    def ready(self):
        from guangde_plan.figures_cache import watch_models

        from . import progress_sources

        progress_sources.register()
        # The dashboard's cached figures are made of these too.
        watch_models(
            *(
                self.get_model(name)
                for name in ("Platform", "PlatformKind", "Recognition", "Application")
            )
        )
