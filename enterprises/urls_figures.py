"""URL patterns of the figures pages (included by enterprises/urls.py)."""

from django.urls import path

from .views import figures, readiness

urlpatterns = [
    path("<int:enterprise_id>/figures/new/", figures.figures_create, name="figures_create"),
    path("figures/<int:figures_id>/edit/", figures.figures_update, name="figures_update"),
    path("<int:enterprise_id>/readiness/<int:year>/", readiness.readiness, name="readiness"),
    path("candidates/<str:track>/", readiness.candidates, name="candidates"),
    path("rules/<int:year>/", readiness.rules_update, name="rules_update"),
]
