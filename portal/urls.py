from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from portal import views
from portal.health import health

portal_patterns = (
    [
        path("", views.home, name="home"),
        path("workspace/", views.workspace, name="workspace"),
        path("workspace/districts/<str:code>/", views.district_detail, name="district-detail"),
    ],
    "portal",
)

urlpatterns = [
    path("", views.root, name="root"),
    path("health/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("portal.api.urls")),
    path("api/v1/", include("complaints.api.urls")),
    path("api/v1/", include("programs.api.urls")),
    path("api/v1/", include("initiatives.api.urls")),
    path("api/v1/", include("indicators.api.urls")),
    path("api/v1/", include("investments.api.urls")),
    path("open311/v2/", include("complaints.open311.urls")),
    path("captcha/", include("captcha.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", views.api_docs, name="api-docs"),
    # Browsers ask for /favicon.ico on pages (the admin's) that do not name an icon.
    path("favicon.ico", views.favicon),
]

urlpatterns += i18n_patterns(
    path("", include(portal_patterns)),
    path("complaints/", include("complaints.urls")),
    path("", include("programs.urls")),
    path("initiatives/", include("initiatives.urls")),
    path("dashboard/", include("indicators.urls")),
    path("investments/", include("investments.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
)
