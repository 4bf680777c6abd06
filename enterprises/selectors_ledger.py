"""Reads of the ledger uploads: each user sees only their own."""

from django.shortcuts import get_object_or_404

from guangde_plan.models import User

from .models import LedgerUpload

RECENT_UPLOADS = 10


def _uploads_visible(*, user: User):
    # An upload holds a whole file, possibly of rows outside the reader's units, and its
    # preview is judged with the uploader's rights: nobody else opens it, bureau staff
    # included (what was imported is in every record's history).
    return LedgerUpload.objects.filter(uploaded_by=user.pk).defer("content")


def ledger_upload_get_visible(*, user: User, pk: int) -> LedgerUpload:
    return get_object_or_404(LedgerUpload.objects.filter(uploaded_by=user.pk), pk=pk)


def ledger_uploads_recent(*, user: User) -> list[LedgerUpload]:
    return list(_uploads_visible(user=user)[:RECENT_UPLOADS])
