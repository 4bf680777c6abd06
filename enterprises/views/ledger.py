"""Ledgers (台账) in the browser: upload a workbook or paste rows, read the preview, confirm;
download a township's template, the whole ledger, or the rows an import refused.

An upload is kept (in the database, never on a public path) from the preview to the
confirmation; each page judges the file afresh against the records of the moment, and the
confirmation is refused when what it would write is no longer what the preview showed.
"""

import io

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from guangde_plan.lib.access import read_view, write_view
from guangde_plan.lib.excel import xlsx_response
from guangde_plan.lib.http import posted_data
from guangde_plan.selectors import org_units_visible

from ..forms_ledger import FiguresPasteForm, LedgerDownloadForm, LedgerUploadForm
from ..ledger.importer import apply_import, plan_import
from ..ledger.reading import read_ledger
from ..ledger.results import ACTIONS, CREATE, UNCHANGED, UPDATE, ImportRefused
from ..ledger.schema import FIGURES
from ..ledger.writing import export_ledger, rejected_rows_workbook, township_template
from ..models import LedgerUpload
from ..selectors_figures import plan_year_list
from ..selectors_ledger import ledger_upload_get_visible, ledger_uploads_recent

# Changes listed per sheet and action on the preview; the counts cover them all.
PREVIEW_ROWS = 200


def _store(form, *, user, source, filename) -> LedgerUpload:
    return LedgerUpload.objects.create(
        uploaded_by=user,
        source=source,
        filename=filename[:200],
        size=len(form.content),
        content=form.content,
    )


def _download_forms(request, plan_years):
    return {
        "template_form": LedgerDownloadForm(
            org_units=org_units_visible(user=request.user),
            plan_years=plan_years,
            unit_required=True,
            auto_id="template_%s",
        ),
        "export_form": LedgerDownloadForm(
            org_units=org_units_visible(user=request.user),
            plan_years=plan_years,
            auto_id="export_%s",
        ),
    }


def _ledger_page(request, form):
    plan_years = plan_year_list()
    context = {
        "form": form,
        "uploads": ledger_uploads_recent(user=request.user),
        "has_plan_years": bool(plan_years),
        **_download_forms(request, plan_years),
    }
    return render(request, "enterprises/ledger_import.html", context)


@read_view
@require_safe
def ledger_page(request):
    """The ledger page: downloads (a township's template, the whole ledger) for everyone;
    for those who may write, the upload form and their recent imports."""
    return _ledger_page(request, LedgerUploadForm() if request.user.can_write else None)


@write_view
@require_POST
def ledger_upload(request):
    form = LedgerUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _ledger_page(request, form)
    upload = _store(
        form, user=request.user, source=LedgerUpload.Source.FILE, filename=form.files["file"].name
    )
    return redirect("enterprises:ledger_preview", upload_id=upload.pk)


@write_view
@require_http_methods(["GET", "HEAD", "POST"])
def figures_paste(request):
    """Several rows of annual figures pasted from Excel, through the same preview."""
    form = FiguresPasteForm(posted_data(request))
    if form.is_valid():
        upload = _store(
            form, user=request.user, source=LedgerUpload.Source.PASTE, filename=form.ledger.filename
        )
        return redirect("enterprises:ledger_preview", upload_id=upload.pk)
    columns = [column.title for column in FIGURES.columns]
    return render(request, "enterprises/figures_paste.html", {"form": form, "columns": columns})


def _judge(upload: LedgerUpload, user):
    ledger = read_ledger(io.BytesIO(bytes(upload.content)), filename=upload.filename)
    return plan_import(ledger, user=user)


def _preview_context(upload, plan) -> dict:
    sheets = []
    for name, counts in plan.counts.items():
        changes = [change for change in plan.changes if change.sheet == name]
        sheets.append(
            {
                "name": name,
                "counts": counts,
                "errors": sum(1 for error in plan.errors if error.sheet == name),
                "skipped": sum(1 for row in plan.skipped if row.sheet == name),
                "created": [c for c in changes if c.action == CREATE][:PREVIEW_ROWS],
                "updated": [c for c in changes if c.action == UPDATE][:PREVIEW_ROWS],
            }
        )
    return {
        "upload": upload,
        "plan": plan,
        "sheets": sheets,
        "totals": {action: sum(sheet["counts"][action] for sheet in sheets) for action in ACTIONS},
        "preview_rows": PREVIEW_ROWS,
        "fingerprint": plan.digest,
        "actions": {"create": CREATE, "update": UPDATE, "unchanged": UNCHANGED},
    }


# The upload's own pages are GET-only and need no write mark: only its uploader, who may
# write, can open them (selectors_ledger); confirming is a write.
@read_view
@require_safe
def ledger_preview(request, upload_id):
    upload = ledger_upload_get_visible(user=request.user, pk=upload_id)
    if upload.status == LedgerUpload.Status.IMPORTED:
        return render(request, "enterprises/ledger_imported.html", {"upload": upload})
    plan = _judge(upload, request.user)
    return render(request, "enterprises/ledger_preview.html", _preview_context(upload, plan))


@write_view
@require_http_methods(["GET", "HEAD", "POST"])
def ledger_confirm(request, upload_id):
    upload = ledger_upload_get_visible(user=request.user, pk=upload_id)
    # A GET (the address opened again) or a double click once imported: the preview page.
    if request.method != "POST" or upload.status == LedgerUpload.Status.IMPORTED:
        return redirect("enterprises:ledger_preview", upload_id=upload.pk)
    plan = _judge(upload, request.user)
    context = _preview_context(upload, plan)
    if request.POST.get("fingerprint") != context["fingerprint"]:
        context["notice"] = _(
            "The records changed since you read the preview, so nothing was written. "
            "Here is the preview as it stands now: check it and confirm again."
        )
        return render(request, "enterprises/ledger_preview.html", context)
    try:
        result = apply_import(plan, user=request.user)
    except ImportRefused as refused:
        context["notice"] = _("Nothing was written: %(reason)s") % {"reason": refused}
        return render(request, "enterprises/ledger_preview.html", context)
    upload.status = LedgerUpload.Status.IMPORTED
    upload.imported_at = timezone.now()
    upload.summary = result.counts
    upload.content = None  # imported: the records hold the data now
    upload.save(update_fields=["status", "imported_at", "summary", "content"])
    messages.success(request, _("The ledger was imported."))
    return redirect("enterprises:ledger_preview", upload_id=upload.pk)


@read_view
@require_safe
def ledger_rejected(request, upload_id):
    """The rows the import refused, with their reasons, to correct and upload again."""
    upload = ledger_upload_get_visible(user=request.user, pk=upload_id)
    if upload.content is None:
        return redirect("enterprises:ledger_preview", upload_id=upload.pk)
    plan = _judge(upload, request.user)
    stem = upload.filename.rsplit(".", 1)[0]
    return xlsx_response(rejected_rows_workbook(plan, plan.ledger), f"{stem}-错误行.xlsx")


def _download(request, *, unit_required: bool, org_units):
    plan_years = plan_year_list()
    form = LedgerDownloadForm(
        request.GET,
        org_units=org_units,
        plan_years=plan_years,
        unit_required=unit_required,
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return None, redirect("enterprises:ledger")
    return form.cleaned_data, None


@read_view
@require_safe
def ledger_template(request):
    """A township's workbook for the year, pre-filled: its enterprises, last year's figures,
    and a row per enterprise for this year's, to fill in offline and upload."""
    data, refused = _download(
        request, unit_required=True, org_units=org_units_visible(user=request.user)
    )
    if refused:
        return refused
    unit, year = data["org_unit"], data["year"]
    workbook = township_template(org_unit=unit, year=year)
    return xlsx_response(workbook, f"{unit.name}-{year}年台账模板.xlsx")


@read_view
@require_safe
def ledger_export(request):
    """The whole ledger of a year, in the import's format, for the units the user sees."""
    visible = org_units_visible(user=request.user)
    data, refused = _download(request, unit_required=False, org_units=visible)
    if refused:
        return refused
    unit, year = data["org_unit"], data["year"]
    if unit is not None:
        units, name = [unit], unit.name
    elif request.user.sees_all_units:
        units, name = None, _("all units")
    else:
        units, name = list(visible), _("my units")
    return xlsx_response(export_ledger(year=year, org_units=units), f"{year}年台账-{name}.xlsx")
