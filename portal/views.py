from csp.decorators import csp_update
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from drf_spectacular.views import SpectacularSwaggerSplitView

from portal.models import District, StaffProfile
from portal.scoping import Scope
from portal.summary import geography_summary


def root(request):
    """`/` goes to the Arabic site unless this browser chose English before."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    return redirect(f"/{language}/")


def favicon(request):
    """Browsers ask for /favicon.ico on pages (the admin's) that name no icon."""
    return redirect(static("favicon.svg"), permanent=True)


def home(request):
    return render(request, "portal/home.html", {"countries": geography_summary()})


def _require_scope(request) -> Scope:
    scope = Scope.of(request.user)
    if scope.is_empty:
        raise PermissionDenied
    return scope


@login_required
def workspace(request):
    scope = Scope.of(request.user)
    districts = (
        District.objects.for_user(request.user).select_related("governorate").order_by("code")
        if not scope.is_national
        else District.objects.none()
    )
    colleagues = (
        StaffProfile.objects.for_user(request.user)
        .select_related("user", "governorate", "district")
        .order_by("role", "user__username")[:50]
    )
    return render(
        request,
        "portal/workspace.html",
        {
            "scope": scope,
            "districts": districts,
            "countries": geography_summary() if scope.is_national else [],
            "colleagues": colleagues,
            "profile": getattr(request.user, "staff_profile", None),
        },
    )


@login_required
def district_detail(request, code: str):
    _require_scope(request)
    district = get_object_or_404(
        District.objects.for_user(request.user).select_related("governorate"), code=code
    )
    return render(
        request,
        "portal/district_detail.html",
        {
            "district": district,
            "villages": district.villages.order_by("code"),
            "staff": StaffProfile.objects.for_user(request.user)
            .filter(district=district)
            .select_related("user"),
        },
    )


# Swagger UI sets inline styles as it renders; its scripts still come only from this site.
api_docs = csp_update({"style-src": ["'self'", "'unsafe-inline'"]})(
    SpectacularSwaggerSplitView.as_view(url_name="schema")
)
