"""View decorators that say, and enforce, what kind of access a view is.

Every view in the URLconf carries one of these marks; the access-matrix test walks the
URLconf and fails on a view without one, so a new page cannot forget its rule.
Which *rows* a user may touch is decided in the selectors, not here.
"""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied

READ = "read"
WRITE = "write"
ADMIN = "admin"
BUREAU = "bureau"
PUBLIC = "public"
API = "api"
SELF = "self"


def _mark(view, kind):
    view.access_kind = kind
    return view


def read_view(view):
    """Any logged-in user; the selectors limit which rows they see."""
    return _mark(view, READ)


def _requiring(allowed, kind):
    """A decorator that refuses (403) users for whom `allowed(user)` is false."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _mark(wrapper, kind)

    return decorator


# Changes data: refused (403) to read-only users on every method, GET included.
write_view = _requiring(lambda user: user.can_write, WRITE)


def is_bureau_writer(user) -> bool:
    """Whether the user keeps city-wide records that belong to no unit (intermediaries,
    policies, bank white lists, a year's statistics key list, figures typed in for other
    departments): bureau staff and administrators. Liaisons may read them; leaders read."""
    return user.is_authenticated and user.keeps_city_records


# Writes city-wide records: 403 for liaisons and leaders (see is_bureau_writer).
bureau_view = _requiring(is_bureau_writer, BUREAU)
# Plan administration (users, targets, settings): bureau administrators only.
admin_view = _requiring(lambda user: user.is_plan_admin, ADMIN)


def public_view(view):
    """Reachable without logging in (login page, language switch, health check)."""
    return _mark(login_not_required(view), PUBLIC)


def self_view(view):
    """The user's own account (password, logout): any logged-in user, leaders included."""
    return _mark(view, SELF)


def api_view(view):
    """For programs: no login page; the view authenticates (session or API token) itself and
    answers 401 to a caller without credentials."""
    return _mark(login_not_required(view), API)
