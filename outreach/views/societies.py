"""Learned societies and associations (学会/协会): terms and renewals, activities, papers.
City-wide records read by everyone, kept by bureau staff."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import bureau_view, is_bureau_writer, read_view
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.http import posted_data
from guangde_plan.lib.pagination import is_filtered, paginate

from .. import exports
from ..filters import PaperFilter, SocietyFilter
from ..forms_records import PaperForm, SocietyForm
from ..selectors import event_list_visible
from ..selectors_records import (
    paper_get,
    paper_list,
    society_get,
    society_get_for_update,
    society_list_with_counts,
)
from . import render_form, saved_message

PAPERS_SHOWN = 20


def _detail_url(society_id) -> str:
    return reverse("outreach:society_detail", kwargs={"society_id": society_id})


@read_view
@require_safe
def society_list(request):
    """Societies with their next renewal: overdue ones first stand out in red."""
    today = timezone.localdate()
    filterset = SocietyFilter(
        request.GET or None, queryset=society_list_with_counts(year=today.year)
    )
    # Said again: Django drops Meta.ordering from a GROUP BY query (the counts).
    societies = filterset.qs.order_by("name", "pk")
    if wants_xlsx(request):
        table = exports.societies(societies, today=today, year=today.year)
        return xlsx_response(table.workbook(), table.filename)
    page = paginate(request, societies)
    for society in page:
        society.status = society.renewal_status(today)
    return render(
        request,
        "outreach/society_list.html",
        {
            "filter": filterset,
            "page": page,
            "year": today.year,
            "is_filtered": is_filtered(request),
            "may_edit": is_bureau_writer(request.user),
        },
    )


@read_view
@require_safe
def society_detail(request, society_id):
    today = timezone.localdate()
    society = society_get(pk=society_id, year=today.year)
    society.status = society.renewal_status(today)
    events = event_list_visible(user=request.user).filter(society=society)
    return render(
        request,
        "outreach/society_detail.html",
        {
            "society": society,
            "year": today.year,
            "page": paginate(request, events.order_by("-held_on", "-pk")),
            # list() runs the query now, so the template does no database access.
            "papers": list(society.papers.order_by("-collected_on", "-pk")[:PAPERS_SHOWN]),
            "may_edit": is_bureau_writer(request.user),
        },
    )


@bureau_view
@require_http_methods(["GET", "POST"])
def society_create(request):
    return _society_form(request)


@bureau_view
@require_http_methods(["GET", "POST"])
def society_update(request, society_id):
    return _society_form(request, society=society_get_for_update(pk=society_id))


def _society_form(request, *, society=None):
    form = SocietyForm(posted_data(request), instance=society)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, saved_message(saved))
        return redirect(_detail_url(saved.pk))
    list_url = reverse("outreach:society_list")
    return render_form(
        request,
        form=form,
        record=society,
        heading=_("Edit the society") if society else _("Add a society or association"),
        list_url=list_url,
        list_heading=_("Societies and associations"),
        cancel_url=_detail_url(society.pk) if society else list_url,
    )


@read_view
@require_safe
def paper_list_view(request):
    filterset = PaperFilter(request.GET or None, queryset=paper_list())
    papers = filterset.qs.order_by("-collected_on", "-pk")
    if wants_xlsx(request):
        table = exports.papers(papers)
        return xlsx_response(table.workbook(), table.filename)
    return render(
        request,
        "outreach/paper_list.html",
        {
            "filter": filterset,
            "page": paginate(request, papers),
            "is_filtered": is_filtered(request),
            "may_edit": is_bureau_writer(request.user),
        },
    )


@bureau_view
@require_http_methods(["GET", "POST"])
def paper_create(request):
    initial = {"collected_on": timezone.localdate()}
    if request.GET.get("society", "").isdigit():
        initial["society"] = request.GET["society"]
    return _paper_form(request, initial=initial)


@bureau_view
@require_http_methods(["GET", "POST"])
def paper_update(request, paper_id):
    return _paper_form(request, paper=paper_get(pk=paper_id))


def _paper_form(request, *, paper=None, initial=None):
    form = PaperForm(posted_data(request), instance=paper, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, saved_message(saved))
        return redirect(reverse("outreach:paper_list"))
    list_url = reverse("outreach:paper_list")
    return render_form(
        request,
        form=form,
        record=paper,
        heading=_("Edit the paper") if paper else _("Record a paper"),
        list_url=list_url,
        list_heading=_("Papers"),
        cancel_url=list_url,
    )
