from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.engine.periods import parse_period
from indicators.models import Indicator, IndicatorValue, ManualEntry, Scorecard, Target
from portal.models import District


@extend_schema_field({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "example": "2026-11"})
class PeriodSerializerField(serializers.Field):
    """A month as `YYYY-MM`, read by the same rule as the pages' month fields."""

    default_error_messages = {"invalid": _("Write the month as YYYY-MM.")}

    def to_internal_value(self, data):
        period = parse_period(data) if isinstance(data, str) else None
        if period is None:
            self.fail("invalid")
        return period

    def to_representation(self, value) -> str:
        return f"{value:%Y-%m}"


class IndicatorDefinitionSerializer(serializers.ModelSerializer):
    national_targets = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name_ar",
            "name_en",
            "definition_ar",
            "definition_en",
            "unit",
            "direction",
            "source",
            "weight",
            "green_from",
            "amber_from",
            "minimum",
            "maximum",
            "national_targets",
        ]

    def get_national_targets(self, indicator) -> dict[str, float]:
        return {str(t.year): t.value for t in indicator.targets.all() if t.district_id is None}


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    district = serializers.SlugRelatedField(slug_field="code", read_only=True)
    governorate = serializers.SlugRelatedField(slug_field="code", read_only=True)
    period = PeriodSerializerField(read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "indicator",
            "district",
            "governorate",
            "period",
            "value",
            "numerator",
            "denominator",
            "target",
            "score",
            "light",
            "computed_at",
        ]


class ScorecardSerializer(serializers.ModelSerializer):
    district = serializers.SlugRelatedField(slug_field="code", read_only=True)
    governorate = serializers.SlugRelatedField(slug_field="code", read_only=True)
    period = PeriodSerializerField(read_only=True)

    class Meta:
        model = Scorecard
        fields = [
            "district",
            "governorate",
            "period",
            "score",
            "rank",
            "previous_rank",
            "light",
            "computed_at",
        ]


class TargetSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())
    district = serializers.SlugRelatedField(
        slug_field="code", queryset=District.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Target
        fields = ["id", "indicator", "year", "district", "value"]
        # The service decides between creating and updating (one target per indicator, year, district).
        validators = []

    def validate_year(self, year: int) -> int:
        if not 2000 <= year <= 2100:
            raise serializers.ValidationError(_("The year must be between 2000 and 2100."))
        return year


class ManualEntrySerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(
        slug_field="code", queryset=Indicator.objects.filter(source=Indicator.Source.MANUAL)
    )
    district = serializers.SlugRelatedField(slug_field="code", queryset=District.objects.all())
    period = PeriodSerializerField()
    entered_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ManualEntry
        fields = [
            "id",
            "indicator",
            "district",
            "period",
            "value",
            "numerator",
            "denominator",
            "note",
            "status",
            "entered_by",
            "entered_at",
            "reviewed_by",
            "reviewed_at",
            "review_note",
        ]
        read_only_fields = ["status", "entered_at", "reviewed_at", "review_note"]
        validators = []  # the service corrects an unapproved entry rather than refusing a second one


class ReviewSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
