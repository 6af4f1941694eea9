"""State assets and investors' leads in the API.

Assets are recorded through the same checks as the import's rows (places and uses named by code), and
reviewed through the same service as the pages. Anyone may send an expression of interest in a
published asset; the leads are read and followed up by the governorate's staff."""

from http import HTTPStatus

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, Throttled, ValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response

from initiatives.api.projects import conflicts_as_409
from initiatives.services.access import governorate_editor
from investments.filters import AssetFilterSet
from investments.imports import AssetRowForm
from investments.limits import interest_over_limit
from investments.models import Asset, Lead
from investments.services import (
    NOT_PUBLISHED,
    REVIEW_STEPS,
    asset_recorder,
    asset_review,
    asset_save,
    lead_handler,
    lead_submit,
    lead_update,
    may_review,
)
from portal.api.errors import django_check
from portal.api.mixins import ScopedViewSetMixin
from portal.validation import normalize_phone


class AssetSerializer(serializers.ModelSerializer):
    governorate = serializers.SlugRelatedField(slug_field="code", read_only=True)
    district = serializers.SlugRelatedField(slug_field="code", read_only=True)
    village = serializers.SlugRelatedField(slug_field="code", read_only=True)
    permitted_uses = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    photos = serializers.SerializerMethodField()

    class Meta:
        model = Asset
        fields = [
            "id", "title_ar", "title_en", "description", "kind", "governorate", "district", "village",
            "address", "latitude", "longitude", "outline", "area_m2", "owner_body", "current_use",
            "legal_status", "has_water", "has_electricity", "has_sewage", "has_road_access", "zoning",
            "permitted_uses", "estimated_value", "currency", "status", "approved_at", "updated_at", "photos",
        ]  # fmt: skip
        read_only_fields = fields

    def get_photos(self, asset) -> list[str]:
        """Each photo's address (media is not served; the photo view checks who may see it)."""
        request = self.context.get("request")
        urls = [reverse("investments:photo", args=[photo.pk]) for photo in asset.photos.all()]
        return [request.build_absolute_uri(url) for url in urls] if request is not None else urls


class VersionField(serializers.DateTimeField):
    """A date and time that may name the far ends of the calendar: refused, not a 500 from the time zone."""

    def to_internal_value(self, value):
        try:
            return super().to_internal_value(value)
        except OverflowError:
            self.fail("invalid", format="ISO 8601")


class AssetReviewSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(REVIEW_STEPS))
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    seen = VersionField(
        required=False, allow_null=True, default=None,
        help_text="The asset's updated_at as you read it: the step is refused (409) if it changed since.",
    )  # fmt: skip


class AssetViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Published assets for everyone; signed-in staff also see the inventory of their scope in every review
    state, record assets (places and permitted uses by code) and review them."""

    queryset = Asset.objects.select_related("governorate", "district", "village").prefetch_related(
        "permitted_uses", "photos"
    )
    serializer_class = AssetSerializer
    filterset_class = AssetFilterSet
    permission_classes = [AllowAny]

    def get_queryset(self):
        # Subqueries rather than joins, so an asset both published and in scope comes once.
        published = Asset.objects.published().values("pk")
        in_scope = Asset.objects.for_user(self.request.user).values("pk")
        return super().get_queryset().filter(Q(pk__in=published) | Q(pk__in=in_scope))

    def create(self, request, *args, **kwargs):
        if not asset_recorder(request.user):
            raise PermissionDenied
        form = AssetRowForm(_flat_fields(request.data), user=request.user)
        if not form.is_valid():
            raise ValidationError(form.errors)
        asset = asset_save(form=form, actor=request.user)
        return Response(self.get_serializer(asset).data, status=HTTPStatus.CREATED)

    @extend_schema(request=AssetReviewSerializer, responses=AssetSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """Verify (governorate staff), approve for publication (a national administrator), or return it."""
        asset = self.get_object()
        serializer = AssetReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not may_review(request.user, asset, serializer.validated_data["action"]):
            raise PermissionDenied
        with conflicts_as_409():  # someone reviewed it first
            asset = asset_review(asset=asset, actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(asset).data)


NESTED_FIELDS = {"outline", "permitted_uses"}


def _flat_fields(data) -> dict:
    """The request body as the row form takes it: an object whose fields are plain values, but for the
    outline (GeoJSON) and the permitted uses (a list of codes)."""
    if not isinstance(data, dict):
        raise ValidationError({"detail": [_("Send the asset as a JSON object.")]})
    errors = {name: [_("Send a single value.")] for name, value in data.items()
              if name not in NESTED_FIELDS and isinstance(value, (dict, list))}  # fmt: skip
    if not isinstance(data.get("permitted_uses", []), list):
        errors["permitted_uses"] = [_("Send a list of codes.")]
    if errors:
        raise ValidationError(errors)
    return data


class LeadSerializer(serializers.ModelSerializer):
    # An unpublished asset is answered as one that does not exist, with a message that says why.
    asset = serializers.PrimaryKeyRelatedField(
        queryset=Asset.objects.published(), error_messages={"does_not_exist": NOT_PUBLISHED}
    )

    class Meta:
        model = Lead
        fields = ["id", "asset", "name", "company", "phone", "email", "intended_use", "status", "staff_note",
                  "created_at", "updated_at"]  # fmt: skip
        read_only_fields = ["status", "staff_note", "created_at", "updated_at"]

    def validate_phone(self, value):
        return django_check(normalize_phone, value)


class InterestReceiptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()


class LeadStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Lead.Status.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class IsGovernorateEditor(BasePermission):
    def has_permission(self, request, view) -> bool:
        return governorate_editor(request.user)


class LeadViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Anyone sends an expression of interest in a published asset (rate-limited); the governorate's staff
    read the leads of their scope and follow them up."""

    queryset = Lead.objects.select_related("asset")
    serializer_class = LeadSerializer
    filterset_fields = ["status"]

    def get_permissions(self):
        return [AllowAny()] if self.action == "create" else [IsGovernorateEditor()]

    @extend_schema(responses=InterestReceiptSerializer)
    def create(self, request, *args, **kwargs):
        if interest_over_limit(request):
            raise Throttled
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if interest_over_limit(request, phone=serializer.validated_data["phone"]):
            raise Throttled
        lead = lead_submit(**serializer.validated_data)
        # The sender learns it arrived, never anything of other leads or the staff's notes.
        return Response({"id": lead.pk, "status": lead.status}, status=HTTPStatus.CREATED)

    @extend_schema(request=LeadStatusSerializer, responses=LeadSerializer)
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request, pk=None):
        """Move the lead on: contacted, in negotiation, closed."""
        lead = self.get_object()
        if not lead_handler(request.user, lead):
            raise PermissionDenied
        serializer = LeadStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lead = lead_update(lead=lead, actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(lead).data)
