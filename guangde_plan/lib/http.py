"""Request helpers that do not belong to any one app."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _


class NotFound(Http404):
    """A 404 whose message is written for the reader and shown on the error page (other
    404s carry Django's internal wording, which the page leaves out)."""


def no_plan_for(year) -> NotFound:
    return NotFound(_("There is no plan for the year %(year)s.") % {"year": str(year)[:8]})


def client_ip(request) -> str | None:
    """The client's address, for login lock-outs and history.

    Only a header named in TRUSTED_CLIENT_IP_HEADER (set by our own reverse proxy) is
    believed; anything else a client sends, such as X-Forwarded-For, could be forged to
    dodge a lock-out or to lock out someone else.
    """
    header = settings.TRUSTED_CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


def posted_data(request):
    """The POST data for a form, or None on GET: an empty POST is still a submission to
    validate (and to answer with errors), unlike `request.POST or None`."""
    return request.POST if request.method == "POST" else None
