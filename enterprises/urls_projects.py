"""URL patterns of the projects pages (included by enterprises/urls.py): technology needs and
results, cooperations, key projects, and the technology intermediaries with their services."""

from django.urls import path

from .views import projects as views

urlpatterns = [
    path("projects/needs/", views.project_demand_list, name="project_demand_list"),
    path("projects/needs/new/", views.project_demand_create, name="project_demand_create"),
    path(
        "projects/needs/<int:demand_id>/edit/",
        views.project_demand_update,
        name="project_demand_update",
    ),
    path(
        "projects/cooperations/",
        views.project_cooperation_list,
        name="project_cooperation_list",
    ),
    path(
        "projects/cooperations/new/",
        views.project_cooperation_create,
        name="project_cooperation_create",
    ),
    path(
        "projects/cooperations/<int:cooperation_id>/edit/",
        views.project_cooperation_update,
        name="project_cooperation_update",
    ),
    path("projects/key/", views.project_key_list, name="project_key_list"),
    path("projects/key/new/", views.project_key_create, name="project_key_create"),
    path(
        "projects/key/<int:key_project_id>/edit/",
        views.project_key_update,
        name="project_key_update",
    ),
    path("intermediaries/", views.intermediary_list, name="intermediary_list"),
    path("intermediaries/new/", views.intermediary_create, name="intermediary_create"),
    path(
        "intermediaries/<int:intermediary_id>/",
        views.intermediary_detail,
        name="intermediary_detail",
    ),
    path(
        "intermediaries/<int:intermediary_id>/edit/",
        views.intermediary_update,
        name="intermediary_update",
    ),
    path(
        "intermediaries/services/new/",
        views.intermediary_service_create,
        name="intermediary_service_create",
    ),
    path(
        "intermediaries/services/<int:intermediary_service_id>/edit/",
        views.intermediary_service_update,
        name="intermediary_service_update",
    ),
]
