from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from enterprises.selectors import enterprise_counts_by_unit

from .lib.access import public_view, read_view
from .selectors import plan_year_current, target_list_for_year


@read_view
@require_safe
def home(request):
    plan_year = plan_year_current()
    targets = list(target_list_for_year(plan_year=plan_year)) if plan_year else []
    units = enterprise_counts_by_unit(user=request.user, today=timezone.localdate())
    totals = {
        key: sum(getattr(unit, key) for unit in units)
        for key in ("enterprise_count", "above_size_count", "recent_production_count")
    }
    return render(
        request,
        "guangde_plan/home.html",
        {"plan_year": plan_year, "targets": targets, "units": units, "totals": totals},
    )


@public_view
@require_POST
def set_language(request):
    """Django's language switch, remembering the choice on the user (emails use it too)."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response


@public_view
@never_cache
@require_safe
def health(request):
    """For monitoring: can the app reach its database and its cache? No details leak."""
    status = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        status["database"] = "error"
    try:
        cache.set("health-check", "1", 10)
        if cache.get("health-check") != "1":
            status["cache"] = "error"
    except Exception:  # the Redis client raises its own errors; any of them means "down"
        status["cache"] = "error"
    healthy = all(value == "ok" for value in status.values())
    return JsonResponse(status, status=200 if healthy else 503)
