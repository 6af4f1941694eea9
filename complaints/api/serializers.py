from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from complaints.models import Category, Complaint, ComplaintEvent, RejectionReason
from complaints.services import TRANSITIONS, complaint_submit
from portal.api.errors import django_check
from portal.models import District
from portal.validation import normalize_phone, validate_national_id


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["code", "name_ar", "name_en", "department_ar", "department_en", "sla_hours"]


class ComplaintCreateSerializer(serializers.Serializer):
    """What a citizen (or a partner system) sends to file a complaint."""

    category = serializers.SlugRelatedField(
        slug_field="code", queryset=Category.objects.filter(is_active=True)
    )
    district = serializers.SlugRelatedField(
        slug_field="code", queryset=District.objects.select_related("governorate")
    )
    description = serializers.CharField(min_length=10, max_length=5000)
    name = serializers.CharField(max_length=200)
    phone = serializers.CharField(max_length=30)
    email = serializers.EmailField(required=False, allow_blank=True)
    national_id = serializers.CharField(required=False, allow_blank=True, max_length=20)
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True, min_value=-90, max_value=90
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True, min_value=-180, max_value=180
    )
    address = serializers.CharField(required=False, allow_blank=True, max_length=300)

    # Answer fields
    tracking_code = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    due_at = serializers.DateTimeField(read_only=True)

    def validate_phone(self, value):
        return django_check(normalize_phone, value)

    def validate_national_id(self, value):
        return django_check(validate_national_id, value) if value else ""

    def create(self, validated_data):
        return complaint_submit(channel=self.context.get("channel", "web"), **validated_data)


class ComplaintSerializer(serializers.ModelSerializer):
    """A complaint as staff in its scope see it, personal data included."""

    district = serializers.SlugRelatedField(slug_field="code", read_only=True)
    governorate = serializers.SlugRelatedField(slug_field="code", read_only=True)
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    assigned_to = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Complaint
        fields = [
            "tracking_code", "district", "governorate", "category", "status", "channel",
            "created_at", "updated_at", "due_at", "accepted_at", "resolved_at", "closed_at",
            "satisfaction", "escalation_level", "description", "address", "latitude", "longitude",
            "name", "phone", "email", "national_id", "answer", "rejection_reason", "assigned_to",
        ]  # fmt: skip
        read_only_fields = fields


class PublicEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = ComplaintEvent
        fields = ["kind", "from_status", "to_status", "message", "created_at"]


class TrackedComplaintSerializer(serializers.ModelSerializer):
    """What the citizen sees when tracking: status, public timeline and answer; no personal data."""

    category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    district = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    timeline = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "tracking_code", "category", "district", "status", "status_label", "created_at", "due_at",
            "resolved_at", "answer", "satisfaction", "timeline",
        ]  # fmt: skip

    @extend_schema_field(PublicEventSerializer(many=True))
    def get_timeline(self, complaint):
        events = [event for event in complaint.events.all() if event.is_public]
        return PublicEventSerializer(events, many=True).data


class TrackQuerySerializer(serializers.Serializer):
    code = serializers.CharField(max_length=30)
    phone = serializers.CharField(max_length=30)

    def validate_phone(self, value):
        return django_check(normalize_phone, value)


class RateSerializer(TrackQuerySerializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class ReopenSerializer(TrackQuerySerializer):
    reason = serializers.CharField(max_length=2000)


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=sorted(TRANSITIONS))
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    reason = serializers.ChoiceField(choices=RejectionReason.choices, required=False, allow_blank=True)
    duplicate_of = serializers.CharField(required=False, allow_blank=True, max_length=30)

    def validate_duplicate_of(self, value):
        if not value:
            return None
        original = (
            Complaint.objects.for_user(self.context["request"].user).filter(tracking_code=value).first()
        )
        if original is None:
            raise serializers.ValidationError(_("No complaint in your scope has this tracking code."))
        return original
