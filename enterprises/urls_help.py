"""URL patterns of the help pages (included by enterprises/urls.py)."""

urlpatterns = []
