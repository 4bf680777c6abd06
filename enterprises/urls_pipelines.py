"""URL patterns of the pipelines pages (included by enterprises/urls.py)."""

urlpatterns = []
