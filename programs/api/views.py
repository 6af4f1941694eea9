from django.db.models import Prefetch
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from programs.api.serializers import EventSerializer, OrganizationSerializer, ProgramSerializer
from programs.filters import EventFilterSet, OrganizationFilterSet, ProgramFilterSet
from programs.models import Event, Organization, Partnership, Program


class ProgramViewSet(viewsets.ReadOnlyModelViewSet):
    """Published programs with their partners' roles and phases. IATI XML: `{id}/iati.xml`."""

    queryset = Program.objects.public().select_related("lead_governorate").prefetch_related(
        "governorates", "phases", "objectives__indicators__periods",
        Prefetch("agreements__parties", queryset=Organization.objects.public()),
        Prefetch("partnerships", queryset=Partnership.objects.public()),
    )  # fmt: skip
    serializer_class = ProgramSerializer
    filterset_class = ProgramFilterSet
    permission_classes = [AllowAny]


class PartnerViewSet(viewsets.ReadOnlyModelViewSet):
    """Verified partner organisations."""

    queryset = Organization.objects.public().prefetch_related("governorates")
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    permission_classes = [AllowAny]
    lookup_field = "slug"


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Workshops, trainings, forums and meetings of published programs."""

    queryset = Event.objects.filter(program__is_public=True).select_related("program").prefetch_related(
        "governorates", Prefetch("organisers", queryset=Organization.objects.public())
    )  # fmt: skip
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    permission_classes = [AllowAny]
