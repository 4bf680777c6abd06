"""What the enterprise page shows of this area (see enterprises/views/registry.py)."""

from django.utils import timezone

from .selectors_pipelines import enterprise_recognitions


def detail_context(*, enterprise, user) -> dict:
    """Extra context for templates/enterprises/_detail_pipelines.html: three queries (the
    certificates, the registrations, the pipeline entries with their plan years)."""
    return {
        "pipelines_section": enterprise_recognitions(
            enterprise=enterprise, today=timezone.localdate()
        )
    }
