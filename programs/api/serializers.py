from rest_framework import serializers

from programs.models import (
    Agreement,
    Event,
    Indicator,
    Objective,
    Organization,
    Partnership,
    Phase,
    Program,
    ReportingPeriod,
)


class OrganizationSerializer(serializers.ModelSerializer):
    governorates = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Organization
        fields = ["slug", "name_ar", "name_en", "acronym", "org_type", "iati_ref", "website", "governorates",
                  "fields_of_work"]  # fmt: skip


class PartnershipSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Partnership
        fields = ["organization", "role", "funding_amount"]


class PhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["order", "name_ar", "name_en", "start_date", "end_date", "status"]


class PeriodSerializer(serializers.ModelSerializer):
    actual_value = serializers.SerializerMethodField()

    class Meta:
        model = ReportingPeriod
        fields = ["period_start", "period_end", "target_value", "actual_value"]

    def get_actual_value(self, period) -> str | None:
        """Only actuals staff have approved are published."""
        return str(period.actual_value) if period.status == ReportingPeriod.Status.APPROVED else None


class IndicatorSerializer(serializers.ModelSerializer):
    periods = PeriodSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "title_ar",
            "title_en",
            "measure",
            "ascending",
            "baseline_year",
            "baseline_value",
            "periods",
        ]


class AgreementSerializer(serializers.ModelSerializer):
    parties = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = ["kind", "title", "signed_on", "parties", "objectives"]


class ObjectiveSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Objective
        fields = ["order", "title_ar", "title_en", "indicators"]


class ProgramSerializer(serializers.ModelSerializer):
    lead_governorate = serializers.SlugRelatedField(slug_field="code", read_only=True)
    governorates = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    partnerships = PartnershipSerializer(many=True, read_only=True)
    phases = PhaseSerializer(many=True, read_only=True)
    objectives = ObjectiveSerializer(many=True, read_only=True)
    agreements = AgreementSerializer(many=True, read_only=True)

    class Meta:
        model = Program
        fields = [
            "id", "slug", "kind", "title_ar", "title_en", "description_ar", "description_en",
            "lead_governorate", "governorates", "status", "start_date", "end_date", "budget", "currency",
            "sector_code", "sdg_goals", "sdg_targets", "national_visions", "partnerships", "phases",
            "objectives", "agreements",
        ]  # fmt: skip


class EventSerializer(serializers.ModelSerializer):
    program = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    governorates = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    organisers = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    participants = serializers.IntegerField(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id", "program", "kind", "title_ar", "title_en", "starts_on", "ends_on", "place", "organisers",
            "governorates", "topics", "officials", "staff", "partner_representatives", "citizens",
            "participants", "outcomes",
        ]  # fmt: skip
