"""URL patterns of the innovative-city pages (included by platforms/urls.py at city/)."""

from django.urls import path

from . import views_city as views

urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:indicator_id>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:indicator_id>/edit/", views.indicator_update, name="indicator_update"),
    path(
        "indicators/<int:indicator_id>/values/new/",
        views.indicator_value_create,
        name="indicator_value_create",
    ),
    path("departments/", views.department_list, name="department_list"),
    path("departments/new/", views.department_create, name="department_create"),
    path(
        "departments/<int:department_id>/edit/",
        views.department_update,
        name="department_update",
    ),
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/new/", views.notice_create, name="notice_create"),
    path("notices/<int:notice_id>/", views.notice_detail, name="notice_detail"),
    path("notices/<int:notice_id>/reply/", views.notice_reply, name="notice_reply"),
]
