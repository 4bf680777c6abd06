"""URL patterns of the R&D growth page and the three-zero lists (included by
enterprises/urls.py)."""

from django.urls import path

from .views import rd

urlpatterns = [
    path("rd/", rd.rd_growth, name="rd_growth"),
    path("three-zero/<str:kind>/", rd.three_zero, name="three_zero"),
]
