from django.conf import settings

from .navigation import SECTIONS


def navigation(request):
    """The navigation sections and the bureau's name; plain data, no queries."""
    return {"nav_sections": SECTIONS, "bureau_name": settings.BUREAU_NAME}
