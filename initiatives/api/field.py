"""Inspections and directives: scoped to the user, recorded and completed through the services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from initiatives.checklists import ANSWERS
from initiatives.filters.field import DirectiveAssignmentFilterSet, DirectiveFilterSet, InspectionFilterSet
from initiatives.models import Directive, DirectiveAssignment, Initiative, Inspection, InspectionFinding
from initiatives.services.field import (
    DEPARTMENT_MAX_LENGTH,
    MAX_FINDINGS,
    assignment_complete,
    assignment_completer,
    directive_issue,
    inspection_record,
)
from portal.api.errors import Conflict
from portal.api.mixins import ScopedViewSetMixin
from portal.api.permissions import IsStaffMember
from portal.models import District, Governorate

# Serializers -------------------------------------------------------------------------------------


class FindingSerializer(serializers.ModelSerializer):
    complaint = serializers.SlugRelatedField(slug_field="tracking_code", read_only=True)

    class Meta:
        model = InspectionFinding
        fields = ["id", "item", "description", "severity", "complaint", "obstacle"]
        read_only_fields = ["complaint", "obstacle"]


class InspectionSerializer(serializers.ModelSerializer):
    governorate = serializers.SlugRelatedField(slug_field="code", read_only=True)
    district = serializers.SlugRelatedField(slug_field="code", read_only=True)
    inspector = serializers.SlugRelatedField(slug_field="username", read_only=True)
    findings = FindingSerializer(many=True, read_only=True)
    photos = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = [
            "id", "governorate", "district", "kind", "initiative", "inspected_at", "place", "latitude",
            "longitude", "checklist", "notes", "inspector", "created_at", "findings", "photos",
        ]  # fmt: skip

    def get_photos(self, inspection) -> list[str]:
        return [reverse("initiatives:inspection-photo", args=[photo.pk]) for photo in inspection.photos.all()]


class FindingInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=3000)
    severity = serializers.ChoiceField(
        choices=InspectionFinding.Severity.choices, default=InspectionFinding.Severity.MEDIUM
    )
    item = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class InspectionCreateSerializer(serializers.Serializer):
    """An inspection round as a phone app sends it (JSON; photos through the web form)."""

    district = serializers.SlugRelatedField(slug_field="code", queryset=District.objects.all())
    kind = serializers.ChoiceField(choices=Inspection.Kind.choices)
    initiative = serializers.PrimaryKeyRelatedField(
        queryset=Initiative.objects.all(), required=False, allow_null=True
    )
    inspected_at = serializers.DateTimeField(required=False)
    place = serializers.CharField(max_length=300)
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True, min_value=-90, max_value=90
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True, min_value=-180, max_value=180
    )
    checklist = serializers.DictField(child=serializers.ChoiceField(choices=list(ANSWERS)))
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    findings = FindingInputSerializer(many=True, required=False, default=list, max_length=MAX_FINDINGS)

    def create(self, validated_data):
        return inspection_record(actor=self.context["request"].user, **validated_data)


class AssignmentSerializer(serializers.ModelSerializer):
    district = serializers.SlugRelatedField(slug_field="code", read_only=True)
    completed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = DirectiveAssignment
        fields = [
            "id", "directive", "district", "department", "status", "overdue", "completion_note",
            "completed_at", "completed_by",
        ]  # fmt: skip

    def get_overdue(self, assignment) -> bool:
        return assignment.is_overdue()


class DirectiveSerializer(serializers.ModelSerializer):
    governorate = serializers.SlugRelatedField(slug_field="code", read_only=True)
    assignments = AssignmentSerializer(many=True, read_only=True)

    class Meta:
        model = Directive
        fields = ["id", "governorate", "title", "details", "meeting", "meeting_on", "deadline", "assignments"]


class DirectiveCreateSerializer(serializers.Serializer):
    governorate = serializers.SlugRelatedField(slug_field="code", queryset=Governorate.objects.all())
    title = serializers.CharField(max_length=300)
    details = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    meeting = serializers.CharField(max_length=300)
    meeting_on = serializers.DateField()
    deadline = serializers.DateField()
    districts = serializers.SlugRelatedField(
        slug_field="code", queryset=District.objects.all(), many=True, required=False, default=list
    )
    departments = serializers.ListField(
        child=serializers.CharField(max_length=DEPARTMENT_MAX_LENGTH), required=False, default=list
    )

    def create(self, validated_data):
        governorate = validated_data.pop("governorate")
        return directive_issue(
            actor=self.context["request"].user, governorate_id=governorate.pk, **validated_data
        )


class CompleteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=3000)


# Viewsets ----------------------------------------------------------------------------------------


class InspectionViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Inspection rounds in your scope with their findings; record one (JSON)."""

    queryset = (
        Inspection.objects.select_related("governorate", "district", "inspector")
        .prefetch_related(
            Prefetch("findings", queryset=InspectionFinding.objects.select_related("complaint")), "photos"
        )
    )  # fmt: skip
    serializer_class = InspectionSerializer
    filterset_class = InspectionFilterSet
    permission_classes = [IsStaffMember]

    def get_serializer_class(self):
        return InspectionCreateSerializer if self.action == "create" else super().get_serializer_class()

    @extend_schema(request=InspectionCreateSerializer, responses=InspectionSerializer)
    def create(self, request, *args, **kwargs):
        serializer = InspectionCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        inspection = self.get_queryset().get(pk=serializer.save().pk)
        return Response(InspectionSerializer(inspection).data, status=status.HTTP_201_CREATED)


class DirectiveViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Directives of the governor's meetings in your scope, with each district's or department's share."""

    queryset = Directive.objects.select_related("governorate")
    serializer_class = DirectiveSerializer
    filterset_class = DirectiveFilterSet
    permission_classes = [IsStaffMember]

    def get_queryset(self):
        # The directive is in scope through one share; the other shares (another district's, with its
        # completion note) are not: only the shares the user may see are listed.
        shares = DirectiveAssignment.objects.for_user(self.request.user).select_related(
            "district", "completed_by", "directive"
        )
        return super().get_queryset().prefetch_related(Prefetch("assignments", queryset=shares))

    def get_serializer_class(self):
        return DirectiveCreateSerializer if self.action == "create" else super().get_serializer_class()

    @extend_schema(request=DirectiveCreateSerializer, responses=DirectiveSerializer)
    def create(self, request, *args, **kwargs):
        serializer = DirectiveCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        directive = self.get_queryset().get(pk=serializer.save().pk)
        return Response(DirectiveSerializer(directive).data, status=status.HTTP_201_CREATED)


class DirectiveAssignmentViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Shares of directives in your scope; `complete` reports one done with a note."""

    queryset = DirectiveAssignment.objects.select_related("directive", "district", "completed_by")
    serializer_class = AssignmentSerializer
    filterset_class = DirectiveAssignmentFilterSet
    permission_classes = [IsStaffMember]

    @extend_schema(request=CompleteSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        assignment = self.get_object()
        if not assignment_completer(request.user, assignment):
            raise PermissionDenied
        serializer = CompleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            assignment = assignment_complete(
                assignment=assignment, actor=request.user, note=serializer.validated_data["note"]
            )
        except DjangoValidationError as error:
            assignment.refresh_from_db()
            if assignment.status == DirectiveAssignment.Status.DONE:
                raise Conflict(detail=error.messages) from error
            raise
        return Response(AssignmentSerializer(assignment).data)
