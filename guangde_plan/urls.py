from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import api, views, views_reminders, views_targets
from .lib.access import public_view, self_view

admin.site.site_header = _("Work plan administration")
admin.site.site_title = _("Work plan administration")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accounts/login/",
        public_view(auth_views.LoginView.as_view(redirect_authenticated_user=True)),
        name="login",
    ),
    path("accounts/logout/", self_view(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "accounts/password/",
        self_view(auth_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        self_view(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("health/", views.health, name="health"),
    path("api/v1/progress/<int:year>/", api.progress, name="api_progress"),
    path("plan/<int:year>/targets/", views_targets.target_list, name="target_list"),
    path(
        "plan/<int:year>/targets/<slug:code>/values/",
        views_targets.target_values,
        name="target_values",
    ),
    path(
        "reminders/preferences/",
        views_reminders.reminder_preferences,
        name="reminder_preferences",
    ),
    path(
        "reminders/unsubscribe/<str:token>/",
        views_reminders.reminder_unsubscribe,
        name="reminder_unsubscribe",
    ),
    path("reminders/log/", views_reminders.reminder_log, name="reminder_log"),
    path("reminders/send/", views_reminders.reminder_send, name="reminder_send"),
    path("enterprises/", include("enterprises.urls")),
    path("outreach/", include("outreach.urls")),
    path("", include("platforms.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "guangde_plan.views.page_not_found"
