"""URL patterns of the finance pages (included by enterprises/urls.py)."""

urlpatterns = []
