"""URL patterns of the pipelines pages (included by enterprises/urls.py)."""

from django.urls import path

from .views import pipelines, recognitions

urlpatterns = [
    # HTE certificates and tech-SME registrations of an enterprise.
    path(
        "<int:enterprise_id>/hte-certificates/new/",
        recognitions.hte_certificate_create,
        name="hte_certificate_create",
    ),
    path(
        "hte-certificates/<int:certificate_id>/edit/",
        recognitions.hte_certificate_update,
        name="hte_certificate_update",
    ),
    path(
        "<int:enterprise_id>/sme-registrations/new/",
        recognitions.sme_registration_create,
        name="sme_registration_create",
    ),
    path(
        "sme-registrations/<int:registration_id>/edit/",
        recognitions.sme_registration_update,
        name="sme_registration_update",
    ),
    path("hte-expiring/", recognitions.hte_expiring, name="hte_expiring"),
    # Cultivation pipelines.
    path("<int:enterprise_id>/pipelines/new/", pipelines.pipeline_create, name="pipeline_create"),
    path("pipelines/ledger/", pipelines.pipeline_ledger, name="pipeline_ledger"),
    path("pipelines/<int:entry_id>/", pipelines.pipeline_detail, name="pipeline_detail"),
    path("pipelines/<int:entry_id>/move/", pipelines.pipeline_move, name="pipeline_move"),
    path("pipelines/<str:track>/board/", pipelines.pipeline_board, name="pipeline_board"),
]
