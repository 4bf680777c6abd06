"""Outstanding sci-tech workers selected locally and recommended upward: city-wide records
read by everyone, kept by bureau staff."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import bureau_view, is_bureau_writer, read_view
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.forms import save_unless_taken
from guangde_plan.lib.http import posted_data
from guangde_plan.lib.pagination import is_filtered, paginate
from guangde_plan.selectors import plan_year_current

from .. import exports
from ..filters import HonoreeFilter
from ..forms_records import AwardRecommendationForm, HonoreeForm
from ..models import AwardRecommendation
from ..selectors_records import award_recommendation_get, honoree_get, honoree_list
from . import render_form, saved_message


def _detail_url(honoree_id) -> str:
    return reverse("outreach:honoree_detail", kwargs={"honoree_id": honoree_id})


@read_view
@require_safe
def honoree_list_view(request):
    filterset = HonoreeFilter(request.GET or None, queryset=honoree_list())
    honorees = filterset.qs.order_by("-plan_year__year", "name", "pk")
    if wants_xlsx(request):
        table = exports.honorees(honorees)
        return xlsx_response(table.workbook(), table.filename)
    return render(
        request,
        "outreach/honoree_list.html",
        {
            "filter": filterset,
            "page": paginate(request, honorees),
            "is_filtered": is_filtered(request),
            "may_edit": is_bureau_writer(request.user),
        },
    )


@read_view
@require_safe
def honoree_detail(request, honoree_id):
    return render(
        request,
        "outreach/honoree_detail.html",
        {"honoree": honoree_get(pk=honoree_id), "may_edit": is_bureau_writer(request.user)},
    )


@bureau_view
@require_http_methods(["GET", "POST"])
def honoree_create(request):
    return _honoree_form(request)


@bureau_view
@require_http_methods(["GET", "POST"])
def honoree_update(request, honoree_id):
    return _honoree_form(request, honoree=honoree_get(pk=honoree_id))


def _honoree_form(request, *, honoree=None):
    initial = {}
    if honoree is None:
        current = plan_year_current()
        initial = {"plan_year": current.pk if current else None}
    form = HonoreeForm(posted_data(request), instance=honoree, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, saved_message(saved))
        return redirect(_detail_url(saved.pk))
    list_url = reverse("outreach:honoree_list")
    return render_form(
        request,
        form=form,
        record=honoree,
        heading=_("Edit the sci-tech worker")
        if honoree
        else _("Add an outstanding sci-tech worker"),
        list_url=list_url,
        list_heading=_("Outstanding sci-tech workers"),
        cancel_url=_detail_url(honoree.pk) if honoree else list_url,
    )


@bureau_view
@require_http_methods(["GET", "POST"])
def award_recommendation_create(request, honoree_id):
    honoree = honoree_get(pk=honoree_id)
    return _recommendation_form(request, recommendation=AwardRecommendation(honoree=honoree))


@bureau_view
@require_http_methods(["GET", "POST"])
def award_recommendation_update(request, award_recommendation_id):
    recommendation = award_recommendation_get(pk=award_recommendation_id)
    return _recommendation_form(request, recommendation=recommendation)


def _recommendation_form(request, *, recommendation):
    honoree = recommendation.honoree
    initial = {} if recommendation.pk else {"recommended_on": timezone.localdate()}
    form = AwardRecommendationForm(posted_data(request), instance=recommendation, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = save_unless_taken(form, on_conflict=_taken)
        if saved is not None:
            messages.success(request, saved_message(saved))
            return redirect(_detail_url(honoree.pk))
    return render_form(
        request,
        form=form,
        record=recommendation if recommendation.pk else None,
        heading=_("Recommend %(name)s to a selection") % {"name": honoree.name},
        list_url=_detail_url(honoree.pk),
        list_heading=str(honoree),
        cancel_url=_detail_url(honoree.pk),
    )


def _taken(form):
    form.add_error(
        "selection",
        _("Someone recommended %(name)s to this selection just now.")
        % {"name": form.instance.honoree.name},
    )
