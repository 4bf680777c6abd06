from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import read_view, write_view
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.http import posted_data
from guangde_plan.lib.pagination import is_filtered, paginate
from platforms import sections as platform_sections

from .. import (
    sections_figures,
    sections_finance,
    sections_help,
    sections_pipelines,
    sections_projects,
)
from ..filters import SORTS, EnterpriseFilter, ordering_for
from ..forms import EnterpriseForm
from ..ledger.writing import enterprises_workbook
from ..selectors import enterprise_get_visible, enterprise_history, enterprise_list_visible

# The areas that add a section to the enterprise page, in page order.
DETAIL_SECTIONS = [
    sections_pipelines,
    sections_figures,
    sections_help,
    sections_projects,
    platform_sections,
    sections_finance,
]


@read_view
@require_safe
def enterprise_list(request):
    filterset = EnterpriseFilter(
        request.GET or None, queryset=enterprise_list_visible(user=request.user), user=request.user
    )
    sort, order_by = ordering_for(request.GET.get("sort"))
    enterprises = filterset.qs.order_by(*order_by)
    if wants_xlsx(request):
        # In the ledger's 企业名录 format: edited in Excel, the file imports back.
        filename = f"{_('Enterprise registry')}-{timezone.localdate():%Y%m%d}.xlsx"
        return xlsx_response(enterprises_workbook(enterprises), filename)
    page = paginate(request, enterprises)
    return render(
        request,
        "enterprises/enterprise_list.html",
        {
            "filter": filterset,
            "page": page,
            "sort": sort,
            "sortable": SORTS.keys(),
            "is_filtered": is_filtered(request),
        },
    )


@read_view
@require_safe
def enterprise_detail(request, enterprise_id):
    enterprise = enterprise_get_visible(user=request.user, pk=enterprise_id)
    context = {"enterprise": enterprise, "history": enterprise_history(enterprise=enterprise)}
    for section in DETAIL_SECTIONS:
        context.update(section.detail_context(enterprise=enterprise, user=request.user))
    return render(request, "enterprises/enterprise_detail.html", context)


@write_view
@require_http_methods(["GET", "POST"])
def enterprise_create(request):
    form = EnterpriseForm(posted_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        enterprise = form.save()
        messages.success(request, _("Enterprise “%(name)s” added.") % {"name": enterprise.name})
        return redirect(enterprise)
    return render(request, "enterprises/enterprise_form.html", {"form": form})


@write_view
@require_http_methods(["GET", "POST"])
def enterprise_update(request, enterprise_id):
    enterprise = enterprise_get_visible(user=request.user, pk=enterprise_id)
    form = EnterpriseForm(posted_data(request), instance=enterprise, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes to “%(name)s” saved.") % {"name": enterprise.name})
        return redirect(enterprise)
    return render(
        request, "enterprises/enterprise_form.html", {"form": form, "enterprise": enterprise}
    )
