from django.http import Http404, JsonResponse
from django.views.decorators.cache import cache_control
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from portal.api.mixins import ScopedViewSetMixin
from portal.api.serializers import DistrictSerializer, GovernorateSerializer, StaffProfileSerializer
from portal.boundaries import boundaries_geojson
from portal.filters import DistrictFilterSet, GovernorateFilterSet, StaffProfileFilterSet
from portal.models import District, Governorate, StaffProfile


class GovernorateViewSet(viewsets.ReadOnlyModelViewSet):
    """Governorates (Egypt) and regions (Saudi Arabia): public reference data."""

    queryset = Governorate.objects.select_related("country").order_by("code")
    serializer_class = GovernorateSerializer
    filterset_class = GovernorateFilterSet
    permission_classes = [AllowAny]
    lookup_field = "code"


class DistrictViewSet(viewsets.ReadOnlyModelViewSet):
    """Districts: filter by `governorate` code, `kind`, or `q` (Arabic-tolerant name search)."""

    queryset = District.objects.select_related("governorate").order_by("code")
    serializer_class = DistrictSerializer
    filterset_class = DistrictFilterSet
    permission_classes = [AllowAny]
    lookup_field = "code"


class StaffProfileViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Staff members in the caller's scope, with their roles."""

    queryset = StaffProfile.objects.select_related("user", "governorate", "district")
    serializer_class = StaffProfileSerializer
    filterset_class = StaffProfileFilterSet


@cache_control(public=True, max_age=24 * 60 * 60)
def governorate_boundaries(request):
    """Egypt's governorate outlines (GeoJSON), read from the geography folder: the base layer of the
    portal's maps, which need no tile server."""
    data = boundaries_geojson()
    if data is None:
        raise Http404
    return JsonResponse(data)
