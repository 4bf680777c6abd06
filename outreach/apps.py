from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The records the outreach progress sources count: any change makes the cached dashboard
# figures stale (guangde_plan/figures_cache.py).
WATCHED = (
    "MonthlyTheme",
    "KeyDay",
    "Event",
    "Base",
    "BaseRecommendation",
    "Honoree",
    "AwardRecommendation",
    "Society",
    "Paper",
)


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("Science popularisation")

    def ready(self):
        from guangde_plan.figures_cache import watch_models

        from . import progress_sources

        progress_sources.register()
        watch_models(*(self.get_model(name) for name in WATCHED))
