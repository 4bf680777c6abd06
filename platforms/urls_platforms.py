"""URL patterns of the platform pages (included by platforms/urls.py at platforms/)."""

from django.urls import path

from . import views, views_records

urlpatterns = [
    path("", views.platform_list, name="list"),
    path("new/", views.platform_create, name="create"),
    # The dashboard's section 三 figures link here (guangde_plan/views.py RECORD_PAGES).
    path("counted/<slug:target_code>/", views.platform_counted, name="counted"),
    path("<int:platform_id>/", views.platform_detail_page, name="detail"),
    path("<int:platform_id>/edit/", views.platform_update, name="update"),
    path("<int:platform_id>/close/", views.platform_close, name="close"),
    path("<int:platform_id>/reopen/", views.platform_reopen, name="reopen"),
    path("<int:platform_id>/delete/", views.platform_delete, name="delete"),
    # Recognitions and filings.
    path(
        "<int:platform_id>/recognitions/new/",
        views_records.recognition_create,
        name="recognition_create",
    ),
    path(
        "recognitions/<int:recognition_id>/edit/",
        views_records.recognition_update,
        name="recognition_update",
    ),
    path(
        "recognitions/<int:recognition_id>/delete/",
        views_records.recognition_delete,
        name="recognition_delete",
    ),
    # Level applications.
    path("applications/", views_records.application_board_page, name="application_board"),
    path(
        "<int:platform_id>/applications/new/",
        views_records.application_create,
        name="application_create",
    ),
    path(
        "applications/<int:application_id>/move/",
        views_records.application_move,
        name="application_move",
    ),
    # Yearly incubation figures of incubators and maker spaces.
    path("<int:platform_id>/figures/new/", views_records.figures_create, name="figures_create"),
    path(
        "figures/<int:incubation_figures_id>/edit/",
        views_records.figures_update,
        name="figures_update",
    ),
]
