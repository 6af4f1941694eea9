"""Indicator definitions (public), stored values and scorecards (scoped), targets (national
administrators write them) and figures entered by hand (with approve and return)."""

from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission
from rest_framework.response import Response

from indicators import services
from indicators.api.serializers import (
    IndicatorDefinitionSerializer,
    IndicatorValueSerializer,
    ManualEntrySerializer,
    ReviewSerializer,
    ScorecardSerializer,
    TargetSerializer,
)
from indicators.filters import (
    IndicatorValueFilterSet,
    ManualEntryFilterSet,
    ScorecardFilterSet,
    TargetFilterSet,
)
from indicators.models import Indicator, IndicatorValue, ManualEntry, Scorecard, Target
from initiatives.api.projects import conflicts_as_409
from portal.api.mixins import ScopedViewSetMixin
from portal.api.permissions import IsStaffMember
from portal.models import District
from portal.scoping import Scope


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """What each indicator means, its unit, direction, weight, thresholds and national targets."""

    queryset = Indicator.objects.filter(is_active=True).prefetch_related(
        Prefetch("targets", queryset=Target.objects.filter(district__isnull=True).order_by("year"))
    )
    serializer_class = IndicatorDefinitionSerializer
    permission_classes = [AllowAny]
    lookup_field = "code"
    filterset_fields = ["source", "unit", "direction"]


class IndicatorValueViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Stored values per district and month, within the caller's scope."""

    queryset = IndicatorValue.objects.select_related("indicator", "district", "governorate").order_by(
        "period", "district__code", "indicator__position"
    )
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilterSet


class ScorecardViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Scorecard.objects.select_related("district", "governorate").order_by(
        "period", "governorate", "rank"
    )
    serializer_class = ScorecardSerializer
    filterset_class = ScorecardFilterSet


class NationalWritesTargets(BasePermission):
    """Staff read targets; only national administrators set them."""

    def has_permission(self, request, view) -> bool:
        scope = Scope.of(request.user)
        return not scope.is_empty if request.method in SAFE_METHODS else scope.is_national


class TargetViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Yearly targets: national defaults (no district) and districts' own. POST sets (creates or replaces)."""

    queryset = Target.objects.select_related("indicator", "district").order_by("indicator__position", "-year")
    serializer_class = TargetSerializer
    filterset_class = TargetFilterSet
    permission_classes = [NationalWritesTargets]

    def get_queryset(self):
        """National targets, and the overrides of districts in the caller's scope."""
        queryset = super().get_queryset()
        if Scope.of(self.request.user).is_national:
            return queryset
        return queryset.filter(
            Q(district__isnull=True) | Q(district__in=District.objects.for_user(self.request.user))
        )

    def perform_create(self, serializer):
        serializer.instance = services.target_set(actor=self.request.user, **serializer.validated_data)


class ManualEntryViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Figures district officers enter by hand; governorate staff approve (locking the month) or return
    them."""

    queryset = ManualEntry.objects.select_related("indicator", "district", "entered_by", "reviewed_by")
    serializer_class = ManualEntrySerializer
    filterset_class = ManualEntryFilterSet
    permission_classes = [IsStaffMember]

    def perform_create(self, serializer):
        with conflicts_as_409():
            serializer.instance = services.manual_entry_submit(
                actor=self.request.user, **serializer.validated_data
            )

    @extend_schema(request=ReviewSerializer, responses=ManualEntrySerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._review(request, approve=True)

    @extend_schema(request=ReviewSerializer, responses=ManualEntrySerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_for_correction(self, request, pk=None):
        return self._review(request, approve=False)

    def _review(self, request, *, approve: bool):
        entry = self.get_object()
        if not services.manual_entry_reviewer(request.user, entry):
            raise PermissionDenied
        review = ReviewSerializer(data=request.data)
        review.is_valid(raise_exception=True)
        with conflicts_as_409():
            entry = services.manual_entry_review(
                entry=entry, reviewer=request.user, approve=approve, note=review.validated_data["note"]
            )
        return Response(ManualEntrySerializer(entry).data)
