"""URL patterns of the projects pages (included by enterprises/urls.py)."""

urlpatterns = []
