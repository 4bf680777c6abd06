"""URL patterns of the figures pages (included by enterprises/urls.py)."""

urlpatterns = []
