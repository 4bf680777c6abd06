"""URL patterns of the platforms (section 三) and the innovative city (section 四)."""

from django.urls import include, path

from . import urls_city, urls_platforms

app_name = "platforms"

urlpatterns = [
    path("platforms/", include(urls_platforms)),
    path("city/", include(urls_city)),
]
