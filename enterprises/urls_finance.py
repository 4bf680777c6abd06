"""URL patterns of the finance pages (included by enterprises/urls.py): technology finance,
the bank white lists, statistics reporting and policies."""

from django.urls import path

from .views import finance as views

urlpatterns = [
    path("finance/", views.finance_list, name="finance_list"),
    path("<int:enterprise_id>/finance/new/", views.finance_create, name="finance_create"),
    path("finance/<int:finance_id>/edit/", views.finance_update, name="finance_update"),
    path("white-lists/", views.whitelist_list, name="whitelist_list"),
    path("white-lists/new/", views.whitelist_generate, name="whitelist_generate"),
    path("white-lists/<int:whitelist_id>/", views.whitelist_detail, name="whitelist_detail"),
    path(
        "white-lists/<int:whitelist_id>/entries/new/",
        views.whitelist_entry_add,
        name="whitelist_entry_add",
    ),
    path("statistics/", views.statistics_index, name="statistics_index"),
    path("statistics/<int:year>/", views.statistics_list, name="statistics_list"),
    path("statistics/<int:year>/add/", views.statistics_add, name="statistics_add"),
    path(
        "statistics/reports/<int:report_id>/reported/",
        views.statistics_mark_reported,
        name="statistics_mark_reported",
    ),
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/new/", views.policy_create, name="policy_create"),
    path("policies/<int:policy_id>/", views.policy_detail, name="policy_detail"),
    path("policies/<int:policy_id>/edit/", views.policy_update, name="policy_update"),
    path(
        "<int:enterprise_id>/policy-benefits/new/",
        views.policy_benefit_create,
        name="policy_benefit_create",
    ),
    path(
        "policy-benefits/<int:benefit_id>/edit/",
        views.policy_benefit_update,
        name="policy_benefit_update",
    ),
]
