"""Initiatives (public, and staff's own), progress reports and obstacles (scoped) in the API.

Services' refusals propagate: portal/api/errors.py answers them 400; those about the record's state
(already reviewed, a report waiting) are answered 409 here."""

from contextlib import contextmanager
from http import HTTPStatus

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response

from initiatives.filters.projects import InitiativeFilterSet, ObstacleFilterSet, ProgressReportFilterSet
from initiatives.models import Initiative, InitiativePartner, Milestone, Obstacle, ProgressReport
from initiatives.services.projects import (
    initiative_report_progress,
    obstacle_log,
    obstacle_resolve,
    progress_review,
    progress_reviewer,
    refusal_status,
)
from portal.api.errors import Conflict
from portal.api.mixins import ScopedViewSetMixin
from portal.scoping import Scope
from programs.models import Organization


class IsInitiativeWorker(BasePermission):
    """Staff with a scope, or a partner's editor: for_user() then holds them to their initiatives."""

    def has_permission(self, request, view) -> bool:
        scope = Scope.of(request.user)
        return not scope.is_empty or scope.organization_id is not None


@contextmanager
def conflicts_as_409():
    """A service's refusal about the record's state becomes 409; any other goes on to the handler's 400."""
    try:
        yield
    except ValidationError as error:
        if refusal_status(error) == HTTPStatus.CONFLICT:
            raise Conflict({"detail": error.messages}) from error
        raise


# Serializers -------------------------------------------------------------------------------------


class InitiativePartnerSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = InitiativePartner
        fields = ["organization", "role", "contribution"]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["order", "title", "due_on", "done_on"]


class InitiativeSerializer(serializers.ModelSerializer):
    governorate = serializers.SlugRelatedField(slug_field="code", read_only=True)
    districts = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    program = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    expected_progress = serializers.SerializerMethodField()
    is_late = serializers.SerializerMethodField()
    partners = InitiativePartnerSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id", "title_ar", "title_en", "summary_ar", "summary_en", "program", "governorate", "districts",
            "theme", "sector", "status", "progress", "expected_progress", "is_late", "planned_start",
            "planned_end", "actual_start", "actual_end", "budget", "spent", "currency", "latitude",
            "longitude", "partners", "milestones",
        ]  # fmt: skip

    def get_expected_progress(self, initiative) -> int:
        return initiative.expected_progress()

    def get_is_late(self, initiative) -> bool:
        return initiative.is_late()


class ProgressReportSerializer(serializers.ModelSerializer):
    initiative = serializers.PrimaryKeyRelatedField(queryset=Initiative.objects.none())
    percent = serializers.IntegerField()  # the service checks the range, with its own message
    photos = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = [
            "id", "initiative", "percent", "narrative", "spent_to_date", "reason", "status", "reported_at",
            "reviewed_at", "review_note", "photos",
        ]  # fmt: skip
        read_only_fields = ["status", "reported_at", "reviewed_at", "review_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["initiative"].queryset = Initiative.objects.for_user(request.user)

    def get_photos(self, report) -> list[str]:
        """Each photo's address (media is not served; the photo view checks who may see it)."""
        request = self.context.get("request")
        urls = [reverse("initiatives:progress-photo", args=[photo.pk]) for photo in report.photos.all()]
        return [request.build_absolute_uri(url) for url in urls] if request is not None else urls


class ProgressReviewSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class ObstacleSerializer(serializers.ModelSerializer):
    initiative = serializers.PrimaryKeyRelatedField(queryset=Initiative.objects.none())

    class Meta:
        model = Obstacle
        fields = [
            "id", "initiative", "kind", "description", "owner", "needed_by", "status", "escalation_level",
            "escalated_at", "created_at", "resolution", "resolved_at",
        ]  # fmt: skip
        read_only_fields = [
            "status",
            "escalation_level",
            "escalated_at",
            "created_at",
            "resolution",
            "resolved_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["initiative"].queryset = Initiative.objects.for_user(request.user)


class ObstacleResolveSerializer(serializers.Serializer):
    resolution = serializers.CharField(max_length=3000)


# Viewsets ----------------------------------------------------------------------------------------


class InitiativeViewSet(viewsets.ReadOnlyModelViewSet):
    """Published initiatives with their verified partners' roles and milestones; for signed-in staff,
    also the unpublished ones in their scope."""

    queryset = Initiative.objects.select_related("governorate", "program").prefetch_related(
        "districts",
        "milestones",
        Prefetch(
            "partners",
            queryset=InitiativePartner.objects.filter(
                organization__status=Organization.Status.VERIFIED
            ).select_related("organization"),
        ),
    )
    serializer_class = InitiativeSerializer
    filterset_class = InitiativeFilterSet
    permission_classes = [AllowAny]

    def get_queryset(self):
        # Subqueries rather than joins, so an initiative both published and in scope comes once.
        published = Initiative.objects.public().values("pk")
        in_scope = Initiative.objects.for_user(self.request.user).values("pk")
        return super().get_queryset().filter(Q(pk__in=published) | Q(pk__in=in_scope))


class ProgressReportViewSet(
    ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):  # fmt: skip
    """Progress reports on the initiatives in the user's scope. Partners' editors report on theirs."""

    queryset = ProgressReport.objects.select_related("initiative").prefetch_related("photos")
    serializer_class = ProgressReportSerializer
    filterset_class = ProgressReportFilterSet
    permission_classes = [IsInitiativeWorker]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with conflicts_as_409():  # a report already waiting
            report = initiative_report_progress(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(report).data, status=HTTPStatus.CREATED)

    @extend_schema(request=ProgressReviewSerializer, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """Approve the report (the initiative takes its figures) or return it with a note."""
        report = self.get_object()
        if not progress_reviewer(request.user, report):
            raise PermissionDenied
        serializer = ProgressReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with conflicts_as_409():  # already reviewed, or below the last approved figure
            report = progress_review(report=report, reviewer=request.user, **serializer.validated_data)
        return Response(self.get_serializer(report).data)


class ObstacleViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Obstacles on the initiatives in the user's scope; escalated by schedule when unresolved."""

    queryset = Obstacle.objects.select_related("initiative").order_by(
        "status", "-escalation_level", "needed_by"
    )
    serializer_class = ObstacleSerializer
    filterset_class = ObstacleFilterSet
    permission_classes = [IsInitiativeWorker]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        obstacle = obstacle_log(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(obstacle).data, status=HTTPStatus.CREATED)

    @extend_schema(request=ObstacleResolveSerializer, responses=ObstacleSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        """Record how the obstacle was removed."""
        obstacle = self.get_object()
        serializer = ObstacleResolveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with conflicts_as_409():  # already resolved
            obstacle = obstacle_resolve(obstacle=obstacle, actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(obstacle).data)
