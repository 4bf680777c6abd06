"""URL patterns of the ledger pages (included by enterprises/urls.py)."""

from django.urls import path

from .views import ledger

urlpatterns = [
    path("ledger/", ledger.ledger_page, name="ledger"),
    path("ledger/upload/", ledger.ledger_upload, name="ledger_upload"),
    path("ledger/paste/", ledger.figures_paste, name="figures_paste"),
    path("ledger/template/", ledger.ledger_template, name="ledger_template"),
    path("ledger/export/", ledger.ledger_export, name="ledger_export"),
    path("ledger/<int:upload_id>/", ledger.ledger_preview, name="ledger_preview"),
    path("ledger/<int:upload_id>/confirm/", ledger.ledger_confirm, name="ledger_confirm"),
    path("ledger/<int:upload_id>/rejected/", ledger.ledger_rejected, name="ledger_rejected"),
]
