from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from complaints.api.serializers import (
    CategorySerializer,
    ComplaintCreateSerializer,
    ComplaintSerializer,
    RateSerializer,
    ReopenSerializer,
    TrackedComplaintSerializer,
    TrackQuerySerializer,
    TransitionSerializer,
)
from complaints.filters import ComplaintFilterSet
from complaints.limits import over_limit
from complaints.models import Category, Complaint
from complaints.services import (
    TransitionNotAllowed,
    complaint_rate,
    complaint_reopen_by_citizen,
    complaint_transition,
)
from portal.api.mixins import ScopedViewSetMixin

CITIZEN_ACTIONS = {"create", "track", "rate", "reopen"}


class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Complaint categories with the hours each has to be answered in."""

    queryset = Category.objects.filter(is_active=True)
    serializer_class = CategorySerializer
    permission_classes = [AllowAny]
    lookup_field = "code"
    pagination_class = None


class TooManyRequests(APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = gettext_lazy("Too many requests. Please try again later.")
    default_code = "too_many_requests"


class Conflict(APIException):
    """The complaint is not in a state that allows this (or someone acted on it first)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class ComplaintViewSet(
    ScopedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Complaints. Anyone may file, track (code + phone), rate and reopen; staff list and work their scope."""

    queryset = Complaint.objects.select_related("district", "governorate", "category", "assigned_to")
    serializer_class = ComplaintSerializer
    filterset_class = ComplaintFilterSet
    lookup_field = "tracking_code"

    def get_permissions(self):
        if self.action in CITIZEN_ACTIONS:
            return [AllowAny()]
        return super().get_permissions()

    def get_serializer_class(self):
        return ComplaintCreateSerializer if self.action == "create" else super().get_serializer_class()

    def create(self, request, *args, **kwargs):
        if over_limit(request, "file_per_ip"):
            raise TooManyRequests(
                detail=_("Too many complaints from this connection. Please try again later.")
            )
        serializer = ComplaintCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        if over_limit(request, "file_per_phone", key=serializer.validated_data["phone"]):
            raise TooManyRequests(
                detail=_("Too many complaints from this phone number. Please try again later.")
            )
        serializer.save()
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter("code", str, required=True),
            OpenApiParameter("phone", str, required=True),
        ],
        responses=TrackedComplaintSerializer,
    )
    @action(detail=False, methods=["get"])
    def track(self, request):
        """Status and public timeline of a complaint, for the citizen who filed it."""
        complaint = self._citizen_complaint(TrackQuerySerializer, request.query_params)[0]
        return Response(TrackedComplaintSerializer(complaint).data)

    @extend_schema(request=RateSerializer, responses=TrackedComplaintSerializer)
    @action(detail=False, methods=["post"])
    def rate(self, request):
        complaint, data = self._citizen_complaint(RateSerializer, request.data)
        complaint = _conflict_on_refusal(
            complaint_rate, complaint=complaint, rating=data["rating"], comment=data.get("comment", "")
        )
        return Response(TrackedComplaintSerializer(complaint).data)

    @extend_schema(request=ReopenSerializer, responses=TrackedComplaintSerializer)
    @action(detail=False, methods=["post"])
    def reopen(self, request):
        complaint, data = self._citizen_complaint(ReopenSerializer, request.data)
        complaint = _conflict_on_refusal(
            complaint_reopen_by_citizen, complaint=complaint, reason=data["reason"]
        )
        return Response(TrackedComplaintSerializer(complaint).data)

    @extend_schema(request=TransitionSerializer, responses=ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, tracking_code=None):
        """Accept, start, resolve, close, reject or reopen a complaint in your scope."""
        complaint = self.get_object()
        serializer = TransitionSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        complaint = _conflict_on_refusal(
            complaint_transition, complaint=complaint, actor=request.user, **serializer.validated_data
        )
        return Response(ComplaintSerializer(complaint).data)

    def _citizen_complaint(self, serializer_class, data):
        if over_limit(self.request, "track_per_ip"):
            raise TooManyRequests()
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        complaint = (
            Complaint.objects.prefetch_related("events")
            .select_related("category", "district")
            .for_citizen(serializer.validated_data["code"], serializer.validated_data["phone"])
        )
        if complaint is None:
            raise NotFound(_("No complaint matches this tracking code and phone number."))
        return complaint, serializer.validated_data


def _conflict_on_refusal(service, **kwargs):
    try:
        return service(**kwargs)
    except TransitionNotAllowed as refusal:
        raise Conflict(detail=refusal.message) from refusal
