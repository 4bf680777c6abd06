from django.urls import include, path

from .views import registry

app_name = "enterprises"

urlpatterns = [
    path("", registry.enterprise_list, name="list"),
    path("new/", registry.enterprise_create, name="create"),
    path("<int:enterprise_id>/", registry.enterprise_detail, name="detail"),
    path("<int:enterprise_id>/edit/", registry.enterprise_update, name="update"),
    # Annual figures, readiness and candidates; recognitions and pipelines; the help
    # ledger; ledger files in and out. Each area keeps its own module; all share the
    # "enterprises" namespace.
    path("", include("enterprises.urls_figures")),
    path("", include("enterprises.urls_pipelines")),
    path("", include("enterprises.urls_help")),
    path("", include("enterprises.urls_ledger")),
    path("", include("enterprises.urls_rd")),
    path("", include("enterprises.urls_projects")),
    path("", include("enterprises.urls_finance")),
]
