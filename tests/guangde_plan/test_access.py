"""The access decorators themselves (the URL walk in tests/test_access_matrix.py covers
every view that uses them)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from guangde_plan.lib import access

pytestmark = pytest.mark.django_db


def ok(request):
    return HttpResponse("ok")


@pytest.mark.parametrize(
    ("decorator", "persona", "allowed"),
    [
        (access.write_view, "staff_user", True),
        (access.write_view, "liaison", True),
        (access.write_view, "leader_user", False),
        (access.admin_view, "admin_user", True),
        (access.admin_view, "staff_user", False),
        (access.admin_view, "liaison", False),
        (access.admin_view, "leader_user", False),
    ],
)
def test_who_passes(request, decorator, persona, allowed):
    view = decorator(ok)
    web_request = RequestFactory().get("/")
    web_request.user = request.getfixturevalue(persona)
    if allowed:
        assert view(web_request).content == b"ok"
    else:
        with pytest.raises(PermissionDenied):
            view(web_request)


def test_each_decorator_marks_its_kind():
    assert access.read_view(ok).access_kind == "read"
    assert access.write_view(ok).access_kind == "write"
    assert access.admin_view(ok).access_kind == "admin"
    assert access.self_view(ok).access_kind == "self"
    api = access.api_view(ok)
    assert (api.access_kind, api.login_required) == ("api", False)
    public = access.public_view(ok)
    assert public.access_kind == "public"
    assert public.login_required is False
