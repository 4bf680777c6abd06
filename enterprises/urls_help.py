"""URL patterns of the help pages (included by enterprises/urls.py)."""

from django.urls import path

from .views import help as views

urlpatterns = [
    path("help/activities/", views.help_activity_list, name="help_activity_list"),
    path("help/activities/new/", views.help_activity_create, name="help_activity_create"),
    path(
        "help/activities/<int:activity_id>/",
        views.help_activity_detail,
        name="help_activity_detail",
    ),
    path(
        "help/activities/<int:activity_id>/edit/",
        views.help_activity_update,
        name="help_activity_update",
    ),
    path("help/items/", views.help_item_list, name="help_item_list"),
    path("<int:enterprise_id>/help-items/new/", views.help_item_create, name="help_item_create"),
    path("help-items/<int:item_id>/edit/", views.help_item_update, name="help_item_update"),
]
