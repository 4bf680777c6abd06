"""Ledger files uploaded in the browser, kept between the preview and the import.

The file is stored in the database, not on disk: it never reaches a path a web server could
serve, and it goes with the row. Its content is dropped once imported; the row stays as the
record of who imported what, and when.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LedgerUpload(models.Model):
    class Source(models.TextChoices):
        FILE = "file", _("Uploaded file")
        PASTE = "paste", _("Pasted rows")

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Waiting for confirmation")
        IMPORTED = "imported", _("Imported")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ledger_uploads",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    filename = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content = models.BinaryField(_("content"), null=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEWED
    )
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    # What the import did, sheet by sheet: {"企业名录": {"create": 3, "update": 1, ...}}.
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("ledger upload")
        verbose_name_plural = _("ledger uploads")

    def __str__(self):
        return self.filename
