"""Technology finance (科技金融), the bank white lists, the key-enterprise list of the
annual statistical reporting, and policies with the enterprises that benefited."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import bureau_view, is_bureau_writer, read_view, write_view
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.forms import add_conflict_error, save_unless_taken
from guangde_plan.lib.history import change_history
from guangde_plan.lib.http import posted_data
from guangde_plan.lib.pagination import is_filtered, paginate
from guangde_plan.models import PLAN_YEAR_MAX, PLAN_YEAR_MIN

from .. import exports
from ..filters_finance import (
    FinanceRecordFilter,
    PolicyBenefitFilter,
    PolicyFilter,
    StatisticsReportFilter,
    WhiteListEntryFilter,
    WhiteListFilter,
)
from ..forms_finance import (
    FinanceRecordForm,
    PolicyBenefitForm,
    PolicyForm,
    StatisticsAddForm,
    StatisticsReportedForm,
    WhiteListEntryForm,
    WhiteListForm,
)
from ..models import FinanceRecord, PolicyBenefit, WhiteListEntry
from ..selectors import enterprise_get_visible
from ..selectors_finance import (
    benefit_totals,
    finance_record_get_visible,
    finance_record_list_visible,
    finance_totals,
    finance_totals_table,
    policy_benefit_get_visible,
    policy_benefits_visible,
    policy_get,
    policy_list_with_totals,
    statistics_counts,
    statistics_report_get_visible,
    statistics_report_list_visible,
    statistics_years,
    white_list_entries,
    white_list_get,
    white_list_list,
)
from ..services_finance import statistics_add_to_year, white_list_generate


def _finance_section_url(enterprise) -> str:
    return reverse("enterprises:detail", args=[enterprise.pk]) + "#finance"


def _list_page(request, template, filterset, rows, *, export=None, **context):
    """A filtered list's page: its rows paginated, its filters; with `?format=xlsx`, the
    Excel file of every filtered row that `export(rows)` makes."""
    if export is not None and wants_xlsx(request):
        table = export(rows)
        return xlsx_response(table.workbook(), table.filename)
    return render(
        request,
        template,
        {
            "filter": filterset,
            "page": paginate(request, rows),
            "is_filtered": is_filtered(request),
            **context,
        },
    )


# Finance records ---------------------------------------------------------------------------


@read_view
@require_safe
def finance_list(request):
    filterset = FinanceRecordFilter(
        request.GET or None,
        queryset=finance_record_list_visible(user=request.user),
        user=request.user,
    )
    records = filterset.qs.order_by("-started_on", "-pk")
    totals = finance_totals_table(finance_totals(records))
    return _list_page(
        request,
        "enterprises/finance_list.html",
        filterset,
        records,
        export=exports.finance_records,
        totals=totals,
    )


def _enterprise_record_page(request, form, enterprise, *, template, saved_message, record=None):
    """The form page of a record of `enterprise` (a finance record, a policy benefit): saved,
    it returns to the finance section of the enterprise page; `saved_message(record)`."""
    if request.method == "POST" and form.is_valid():
        messages.success(request, saved_message(form.save()))
        return redirect(_finance_section_url(enterprise))
    history = change_history(record, unchanging=("enterprise",)) if record else None
    return render(
        request,
        template,
        {"form": form, "enterprise": enterprise, "record": record, "history": history},
    )


def _finance_form_page(request, form, enterprise, record=None):
    return _enterprise_record_page(
        request,
        form,
        enterprise,
        template="enterprises/finance_form.html",
        saved_message=lambda saved: (
            _("Finance record “%(record)s” of %(name)s saved.")
            % {"record": saved, "name": enterprise.name}
        ),
        record=record,
    )


def _benefit_form_page(request, form, enterprise, benefit=None):
    return _enterprise_record_page(
        request,
        form,
        enterprise,
        template="enterprises/policy_benefit_form.html",
        saved_message=lambda saved: (
            _("Benefit of %(name)s under “%(policy)s” saved.")
            % {"name": enterprise.name, "policy": saved.policy.title}
        ),
        record=benefit,
    )


@write_view
@require_http_methods(["GET", "POST"])
def finance_create(request, enterprise_id):
    enterprise = enterprise_get_visible(user=request.user, pk=enterprise_id)
    form = FinanceRecordForm(
        posted_data(request),
        instance=FinanceRecord(enterprise=enterprise),
        initial={"started_on": timezone.localdate()},
    )
    return _finance_form_page(request, form, enterprise)


@write_view
@require_http_methods(["GET", "POST"])
def finance_update(request, finance_id):
    record = finance_record_get_visible(user=request.user, pk=finance_id)
    form = FinanceRecordForm(posted_data(request), instance=record)
    return _finance_form_page(request, form, record.enterprise, record)


# White lists -------------------------------------------------------------------------------


@read_view
@require_safe
def whitelist_list(request):
    filterset = WhiteListFilter(request.GET or None, queryset=white_list_list())
    # Said again: Django drops Meta.ordering from a GROUP BY query (the entry count).
    white_lists = filterset.qs.order_by("-as_of", "-pk")
    return _list_page(
        request,
        "enterprises/whitelist_list.html",
        filterset,
        white_lists,
        may_write=is_bureau_writer(request.user),
    )


@read_view
@require_safe
def whitelist_detail(request, whitelist_id):
    white_list = white_list_get(pk=whitelist_id)
    filterset = WhiteListEntryFilter(
        request.GET or None, queryset=white_list_entries(white_list=white_list), user=request.user
    )
    entries = filterset.qs
    return _list_page(
        request,
        "enterprises/whitelist_detail.html",
        filterset,
        entries,
        export=lambda rows: exports.white_list_entries(white_list, rows),
        white_list=white_list,
        may_write=is_bureau_writer(request.user),
    )


@bureau_view
@require_http_methods(["GET", "POST"])
def whitelist_generate(request):
    today = timezone.localdate()
    form = WhiteListForm(
        posted_data(request),
        initial={"as_of": today, "title": _("Bank white list %(day)s") % {"day": today}},
    )
    if request.method == "POST" and form.is_valid():
        white_list = white_list_generate(
            title=form.cleaned_data["title"],
            as_of=form.cleaned_data["as_of"],
            note=form.cleaned_data["note"],
            user=request.user,
        )
        messages.success(
            request,
            _("White list “%(title)s” generated with %(count)s entries.")
            % {"title": white_list.title, "count": white_list.entries.count()},
        )
        return redirect("enterprises:whitelist_detail", whitelist_id=white_list.pk)
    return render(request, "enterprises/whitelist_form.html", {"form": form})


@bureau_view
@require_http_methods(["GET", "POST"])
def whitelist_entry_add(request, whitelist_id):
    white_list = white_list_get(pk=whitelist_id)
    form = WhiteListEntryForm(posted_data(request), instance=WhiteListEntry(white_list=white_list))
    if request.method == "POST" and form.is_valid():
        entry = save_unless_taken(form, on_conflict=add_conflict_error)
        if entry is not None:
            messages.success(
                request,
                _("%(name)s added to the white list.") % {"name": entry.enterprise.name},
            )
            return redirect("enterprises:whitelist_detail", whitelist_id=white_list.pk)
    return render(
        request,
        "enterprises/whitelist_entry_form.html",
        {"form": form, "white_list": white_list},
    )


# Statistics reporting ----------------------------------------------------------------------


def _reporting_year(year: int) -> int:
    if not PLAN_YEAR_MIN <= year <= PLAN_YEAR_MAX:
        raise Http404
    return year


@read_view
@require_safe
def statistics_index(request):
    """The latest year with a key list (this year when there is none yet)."""
    years = statistics_years()
    year = years[0] if years else timezone.localdate().year
    return redirect("enterprises:statistics_list", year=year)


@read_view
@require_safe
def statistics_list(request, year):
    year = _reporting_year(year)
    reports = statistics_report_list_visible(user=request.user, year=year)
    filterset = StatisticsReportFilter(request.GET or None, queryset=reports, user=request.user)
    rows = filterset.qs.order_by(
        "enterprise__org_unit__sort_order", "enterprise__org_unit__code", "enterprise__name", "pk"
    )
    return _list_page(
        request,
        "enterprises/statistics_list.html",
        filterset,
        rows,
        export=lambda rows: exports.statistics_reports(rows, year=year),
        year=year,
        years=statistics_years(),
        counts=statistics_counts(reports),
        today=timezone.localdate(),
        may_add=is_bureau_writer(request.user),
    )


@bureau_view
@require_http_methods(["GET", "POST"])
def statistics_add(request, year):
    year = _reporting_year(year)
    form = StatisticsAddForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        added = statistics_add_to_year(year=year, enterprises=form.enterprises(), user=request.user)
        messages.success(
            request,
            _("%(count)s enterprises added to the key list of %(year)s.")
            % {"count": added, "year": year},
        )
        return redirect("enterprises:statistics_list", year=year)
    return render(request, "enterprises/statistics_form.html", {"form": form, "year": year})


@write_view
@require_http_methods(["GET", "POST"])
def statistics_mark_reported(request, report_id):
    """The list marks a report in one click (a POST from its row); the page itself shows
    the date field alone, and its error when the date is refused."""
    report = statistics_report_get_visible(user=request.user, pk=report_id)
    form = StatisticsReportedForm(
        posted_data(request),
        instance=report,
        initial={"reported_on": report.reported_on or timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("%(name)s marked as reported on %(day)s.")
            % {"name": report.enterprise.name, "day": report.reported_on},
        )
        return redirect("enterprises:statistics_list", year=report.year)
    return render(
        request, "enterprises/statistics_reported_form.html", {"form": form, "report": report}
    )


# Policies and their benefits ---------------------------------------------------------------


@read_view
@require_safe
def policy_list(request):
    filterset = PolicyFilter(
        request.GET or None, queryset=policy_list_with_totals(user=request.user)
    )
    policies = filterset.qs
    return _list_page(
        request,
        "enterprises/policy_list.html",
        filterset,
        policies,
        export=exports.policies,
        may_write=is_bureau_writer(request.user),
    )


@read_view
@require_safe
def policy_detail(request, policy_id):
    policy = policy_get(pk=policy_id)
    filterset = PolicyBenefitFilter(
        request.GET or None,
        queryset=policy_benefits_visible(policy=policy, user=request.user),
        user=request.user,
    )
    benefits = filterset.qs.order_by("-granted_on", "-pk")
    return _list_page(
        request,
        "enterprises/policy_detail.html",
        filterset,
        benefits,
        export=lambda rows: exports.policy_benefits(policy, rows),
        policy=policy,
        totals=benefit_totals(benefits),
        may_write=is_bureau_writer(request.user),
    )


def _policy_form_page(request, form, policy=None):
    if request.method == "POST" and form.is_valid():
        policy = form.save()
        messages.success(request, _("Policy “%(title)s” saved.") % {"title": policy.title})
        return redirect("enterprises:policy_detail", policy_id=policy.pk)
    return render(request, "enterprises/policy_form.html", {"form": form, "policy": policy})


@bureau_view
@require_http_methods(["GET", "POST"])
def policy_create(request):
    return _policy_form_page(request, PolicyForm(posted_data(request)))


@bureau_view
@require_http_methods(["GET", "POST"])
def policy_update(request, policy_id):
    policy = policy_get(pk=policy_id)
    return _policy_form_page(request, PolicyForm(posted_data(request), instance=policy), policy)


@write_view
@require_http_methods(["GET", "POST"])
def policy_benefit_create(request, enterprise_id):
    enterprise = enterprise_get_visible(user=request.user, pk=enterprise_id)
    initial = {"granted_on": timezone.localdate()}
    if request.GET.get("policy", "").isdigit():
        initial["policy"] = int(request.GET["policy"])
    form = PolicyBenefitForm(
        posted_data(request), instance=PolicyBenefit(enterprise=enterprise), initial=initial
    )
    return _benefit_form_page(request, form, enterprise)


@write_view
@require_http_methods(["GET", "POST"])
def policy_benefit_update(request, benefit_id):
    benefit = policy_benefit_get_visible(user=request.user, pk=benefit_id)
    form = PolicyBenefitForm(posted_data(request), instance=benefit)
    return _benefit_form_page(request, form, benefit.enterprise, benefit)
