"""System checks for configuration mistakes a new installation is likely to make."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def check_frontend_assets(app_configs, **kwargs):
    """The front-end packages are installed from npm at setup, not kept in the repository."""
    packages = [entry[1] for entry in settings.STATICFILES_DIRS if isinstance(entry, tuple)]
    missing = [str(path) for path in packages if not Path(path).is_dir()]
    if missing:
        return [
            Error(
                "Front-end packages are not installed: " + ", ".join(missing),
                hint="Run `npm ci` in the project folder (`make deps` does it).",
                id="guangde_plan.E001",
            )
        ]
    return []


@register()
def check_translations_compiled(app_configs, **kwargs):
    """Without the compiled catalogue the Chinese interface silently falls back to English."""
    missing = [
        str(path / "zh_Hans" / "LC_MESSAGES" / "django.mo")
        for path in map(Path, settings.LOCALE_PATHS)
        if not (path / "zh_Hans" / "LC_MESSAGES" / "django.mo").is_file()
    ]
    if missing:
        return [
            Warning(
                "The Chinese translation catalogue is not compiled: " + ", ".join(missing),
                hint="Run `python manage.py compilemessages` (needs GNU gettext).",
                id="guangde_plan.W001",
            )
        ]
    return []
