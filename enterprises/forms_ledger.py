"""Forms of the ledger pages: uploading a file, pasting rows, choosing what to download."""

import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from guangde_plan.models import OrgUnit, PlanYear

from .ledger.reading import MAX_FILE_BYTES, LedgerFileError, read_ledger
from .ledger.schema import FIGURES, USCC

PASTE_FILENAME = "粘贴的年度数据.csv"
PASTE_MAX_CHARS = 2_000_000
MEGABYTE = 1024 * 1024


class LedgerUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Ledger file"),
        help_text=_(
            "An .xlsx workbook with the sheets 企业名录, 年度数据, 高企证书, 科小入库 and 培育库 "
            "(any of them), or one sheet saved as CSV (UTF-8 or GBK). At most 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refused before a byte is parsed: the size Django reports is the stored file's.
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("The file is %(size)s MB; at most %(limit)s MB can be imported."),
                code="too_large",
                params={
                    "size": f"{upload.size / MEGABYTE:.1f}",
                    "limit": MAX_FILE_BYTES // MEGABYTE,
                },
            )
        content = upload.read()
        try:
            self.ledger = read_ledger(io.BytesIO(content), filename=upload.name)
        except LedgerFileError as error:
            raise ValidationError(str(error), code="unreadable") from None
        self.content = content
        return upload


class FiguresPasteForm(forms.Form):
    """Rows copied from Excel (cells separated by tabs), with or without the header row."""

    text = forms.CharField(
        label=_("Rows copied from Excel"),
        max_length=PASTE_MAX_CHARS,
        widget=forms.Textarea(
            attrs={"rows": 12, "class": "font-monospace", "spellcheck": "false", "wrap": "off"}
        ),
        help_text=_(
            "Select the rows in Excel, including the header row, copy and paste them here. "
            "Without a header row the columns must be in the order of the 年度数据 sheet."
        ),
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        rows = [line.split("\t") for line in text.splitlines() if line.strip()]
        if not rows:
            raise ValidationError(_("Nothing was pasted."), code="empty")
        if USCC not in [cell.strip().strip("*") for cell in rows[0]]:
            rows.insert(0, list(FIGURES.headers))
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        content = buffer.getvalue().encode("utf-8")
        try:
            self.ledger = read_ledger(io.BytesIO(content), filename=PASTE_FILENAME)
        except LedgerFileError as error:
            raise ValidationError(str(error), code="unreadable") from None
        self.content = content
        return text


class LedgerDownloadForm(forms.Form):
    """Which year and unit a ledger download covers (GET). The units are those the user
    may see; `unit_required` for a township's template, which is one unit's."""

    year = forms.TypedChoiceField(label=_("Plan year"), coerce=int)
    org_unit = forms.ModelChoiceField(
        label=_("Township or park"), queryset=OrgUnit.objects.none(), required=False
    )

    def __init__(self, *args, org_units, plan_years: list[PlanYear], unit_required=False, **kw):
        super().__init__(*args, **kw)
        self.fields["year"].choices = [(year.year, year.year) for year in plan_years]
        self.fields["org_unit"].queryset = org_units
        self.fields["org_unit"].required = unit_required
        if not unit_required:
            self.fields["org_unit"].empty_label = _("All my units")
