"""Science-popularisation bases and demonstration units, their recommendation upward, and
the activities each hosted."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import bureau_view, is_bureau_writer, read_view, write_view
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.http import posted_data
from guangde_plan.lib.pagination import is_filtered, paginate

from .. import exports
from ..filters import BaseFilter
from ..forms_records import BaseForm, BaseRecommendationForm
from ..models import BaseRecommendation
from ..selectors import event_list_visible
from ..selectors_records import (
    base_get_for_bureau,
    base_get_visible,
    base_get_writable,
    base_list_with_activity,
    base_recommendation_get,
    base_recommendations,
)
from ..services import base_recommendation_save
from . import render_form, saved_message


def _detail_url(base_id) -> str:
    return reverse("outreach:base_detail", kwargs={"base_id": base_id})


@read_view
@require_safe
def base_list(request):
    """The bases with what they hosted this year, so that "regular activities" are shown."""
    year = timezone.localdate().year
    bases = base_list_with_activity(user=request.user, year=year)
    filterset = BaseFilter(request.GET or None, queryset=bases, user=request.user)
    # Said again: Django drops Meta.ordering from a GROUP BY query (the counts).
    bases = filterset.qs.order_by("org_unit__sort_order", "org_unit__code", "name", "pk")
    if wants_xlsx(request):
        table = exports.bases(bases, year=year)
        return xlsx_response(table.workbook(), table.filename)
    return render(
        request,
        "outreach/base_list.html",
        {
            "filter": filterset,
            "page": paginate(request, bases),
            "year": year,
            "is_filtered": is_filtered(request),
        },
    )


@read_view
@require_safe
def base_detail(request, base_id):
    year = timezone.localdate().year
    base = base_get_visible(user=request.user, pk=base_id, year=year)
    events = event_list_visible(user=request.user).filter(base=base).order_by("-held_on", "-pk")
    return render(
        request,
        "outreach/base_detail.html",
        {
            "base": base,
            "year": year,
            "recommendations": base_recommendations(base=base),
            "page": paginate(request, events),
            "may_recommend": is_bureau_writer(request.user),
        },
    )


@write_view
@require_http_methods(["GET", "POST"])
def base_create(request):
    return _base_form(request)


@write_view
@require_http_methods(["GET", "POST"])
def base_update(request, base_id):
    return _base_form(request, base=base_get_writable(user=request.user, pk=base_id))


def _base_form(request, *, base=None):
    form = BaseForm(posted_data(request), instance=base, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, saved_message(saved))
        return redirect(_detail_url(saved.pk))
    list_url = reverse("outreach:base_list")
    return render_form(
        request,
        form=form,
        record=base,
        heading=_("Edit the base") if base else _("Add a base or demonstration unit"),
        list_url=list_url,
        list_heading=_("Bases and demonstration units"),
        cancel_url=_detail_url(base.pk) if base else list_url,
    )


@bureau_view
@require_http_methods(["GET", "POST"])
def base_recommendation_create(request, base_id):
    base = base_get_for_bureau(pk=base_id)
    return _recommendation_form(request, recommendation=BaseRecommendation(base=base))


@bureau_view
@require_http_methods(["GET", "POST"])
def base_recommendation_update(request, base_recommendation_id):
    recommendation = base_recommendation_get(pk=base_recommendation_id)
    return _recommendation_form(request, recommendation=recommendation)


def _recommendation_form(request, *, recommendation):
    base = recommendation.base
    initial = {} if recommendation.pk else {"recommended_on": timezone.localdate()}
    form = BaseRecommendationForm(posted_data(request), instance=recommendation, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = base_recommendation_save(form=form)
        messages.success(request, saved_message(saved))
        return redirect(_detail_url(base.pk))
    return render_form(
        request,
        form=form,
        record=recommendation if recommendation.pk else None,
        heading=_("Recommend %(base)s to a higher level") % {"base": base.name},
        list_url=_detail_url(base.pk),
        list_heading=base.name,
        cancel_url=_detail_url(base.pk),
    )
