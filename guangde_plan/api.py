"""The JSON interface for other programs (the city's dashboards, spreadsheets fetching data).

Programs have no session: they send an API token (`Authorization: Bearer <secret>`, see
`ApiToken`) and read as the token's user, within that user's scope. A logged-in browser
session works too. Errors are JSON `{"error": "..."}` with the HTTP status, never a login
page or an HTML error page.
"""

import datetime
from functools import wraps

from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .lib.access import api_view
from .lib.dates import parse_iso_date
from .models import ApiToken, PlanYear
from .progress import default_as_of, progress_document
from .selectors import org_units_visible

# last_used_at is for admins ("is this token still in use?"): a minute's precision is
# plenty, and a program polling every second must not cause a write per request.
TOKEN_TOUCH_INTERVAL = datetime.timedelta(minutes=1)
SAFE_METHODS = ("GET", "HEAD")


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _token_user(secret: str):
    """The active user of the active token with this secret, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_secret(secret), is_active=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_TOUCH_INTERVAL:
        # Conditional, so that of simultaneous requests only one writes.
        ApiToken.objects.filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - TOKEN_TOUCH_INTERVAL),
            pk=token.pk,
        ).update(last_used_at=now)
    return token.user


def api_authenticated(view):
    """Let in a token's user or a session's user; 401 JSON for anyone else.

    A request carrying a bearer token is judged by the token alone, even with a session
    cookie beside it: a program with a wrong or revoked token must learn so.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer":
            user = _token_user(secret.strip())
        else:
            user = request.user if request.user.is_authenticated else None
        if user is None:
            response = _error(
                _("Log in, or send an API token as “Authorization: Bearer <secret>”."), 401
            )
            response["WWW-Authenticate"] = 'Bearer realm="api"'
            return response
        request.user = user
        return view(request, *args, **kwargs)

    return wrapper


def _safe_methods_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            response = _error(
                _("Method %(method)s is not allowed here; use GET.") % {"method": request.method},
                405,
            )
            response["Allow"] = ", ".join(SAFE_METHODS)
            return response
        return view(request, *args, **kwargs)

    return wrapper


# Public because programs come without a session: the view authenticates by itself, and a
# caller without credentials gets 401, not the login page.
@api_view
@never_cache
@api_authenticated
@_safe_methods_only
def progress(request, year):
    """Where every target of the plan year stands: `progress_document` as JSON, with a row
    per org unit the user may see (or only `org_unit`)."""
    as_of_param = request.GET.get("as_of")
    as_of = None
    if as_of_param:
        try:
            as_of = parse_iso_date(as_of_param)
        except ValueError:
            return _error(
                _("as_of must be a date written YYYY-MM-DD, not “%(value)s”.")
                % {"value": as_of_param[:40]},
                400,
            )
    plan_year = PlanYear.objects.filter(year=year).first()
    if plan_year is None:
        return _error(_("There is no plan for the year %(year)s.") % {"year": year}, 404)

    units = org_units_visible(user=request.user)
    code = request.GET.get("org_unit")
    if code:
        # Unknown and not visible answer alike, so the 404 tells nothing about other areas.
        units = units.filter(code=code)
    org_units = list(units)
    if code and not org_units:
        return _error(_("There is no org unit %(code)s for you.") % {"code": code[:20]}, 404)

    document = progress_document(
        plan_year=plan_year,
        as_of=as_of or default_as_of(plan_year, timezone.localdate()),
        org_units=org_units,
    )
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})
