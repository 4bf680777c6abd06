"""URL patterns of the science-popularisation pages (plan section 五)."""

from django.urls import path

from .views import awards, bases, events, societies, themes

app_name = "outreach"

urlpatterns = [
    # The plan year's calendar: themes, key days, figures (`?year=`, default the latest).
    path("themes/", themes.theme_calendar, name="themes"),
    path("themes/<int:year>/<int:month>/", themes.theme_month, name="theme_month"),
    path("themes/<int:year>/<int:month>/edit/", themes.theme_edit, name="theme_edit"),
    path("key-days/<slug:key_day>/", themes.key_day, name="key_day"),
    path("key-days/<slug:key_day>/<int:year>/edit/", themes.key_day_edit, name="key_day_edit"),
    path("figures/", themes.figures, name="figures"),
    # Events and their photos.
    path("events/", events.event_list, name="event_list"),
    path("events/new/", events.event_create, name="event_create"),
    path("events/<int:event_id>/", events.event_detail, name="event_detail"),
    path("events/<int:event_id>/edit/", events.event_update, name="event_update"),
    path("photos/<int:photo_id>/", events.event_photo, name="event_photo"),
    path("photos/<int:photo_id>/delete/", events.event_photo_delete, name="event_photo_delete"),
    # Bases and demonstration units.
    path("bases/", bases.base_list, name="base_list"),
    path("bases/new/", bases.base_create, name="base_create"),
    path("bases/<int:base_id>/", bases.base_detail, name="base_detail"),
    path("bases/<int:base_id>/edit/", bases.base_update, name="base_update"),
    path(
        "bases/<int:base_id>/recommend/",
        bases.base_recommendation_create,
        name="base_recommendation_create",
    ),
    path(
        "bases/recommendations/<int:base_recommendation_id>/edit/",
        bases.base_recommendation_update,
        name="base_recommendation_update",
    ),
    # Outstanding sci-tech workers.
    path("awards/", awards.honoree_list_view, name="honoree_list"),
    path("awards/new/", awards.honoree_create, name="honoree_create"),
    path("awards/<int:honoree_id>/", awards.honoree_detail, name="honoree_detail"),
    path("awards/<int:honoree_id>/edit/", awards.honoree_update, name="honoree_update"),
    path(
        "awards/<int:honoree_id>/recommend/",
        awards.award_recommendation_create,
        name="award_recommendation_create",
    ),
    path(
        "awards/recommendations/<int:award_recommendation_id>/edit/",
        awards.award_recommendation_update,
        name="award_recommendation_update",
    ),
    # Societies and associations, and their papers.
    path("societies/", societies.society_list, name="society_list"),
    path("societies/new/", societies.society_create, name="society_create"),
    path("societies/<int:society_id>/", societies.society_detail, name="society_detail"),
    path("societies/<int:society_id>/edit/", societies.society_update, name="society_update"),
    path("societies/papers/", societies.paper_list_view, name="paper_list"),
    path("societies/papers/new/", societies.paper_create, name="paper_create"),
    path("societies/papers/<int:paper_id>/edit/", societies.paper_update, name="paper_update"),
]
