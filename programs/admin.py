from django.contrib import admin

from portal.admin import ScopedAdminMixin
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


@admin.register(Organization)
class OrganizationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name_ar", "name_en", "acronym", "org_type", "status", "registration_number"]
    list_filter = ["org_type", "status"]
    search_fields = ["name_ar", "name_en", "acronym", "registration_number"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["governorates"]
    # Verification goes through the review page (programs.services.organization_review).
    readonly_fields = ["status", "review_note", "reviewed_by", "reviewed_at"]


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ["organization"]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Program)
class ProgramAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title_ar", "kind", "lead_governorate", "status", "start_date", "is_public"]
    list_filter = ["kind", "status", "is_public"]
    list_select_related = ["lead_governorate"]
    search_fields = ["title_ar", "title_en", "slug"]
    filter_horizontal = ["governorates", "districts"]
    inlines = [PartnershipInline, PhaseInline]


@admin.register(Agreement)
class AgreementAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "program", "signed_on"]
    filter_horizontal = ["parties"]


@admin.register(Event)
class EventAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title_ar", "kind", "program", "starts_on", "place"]
    list_filter = ["kind"]
    filter_horizontal = ["organisers", "governorates"]


@admin.register(Objective)
class ObjectiveAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title_ar", "program", "order"]


class PeriodInline(admin.TabularInline):
    """Shown only: periods are added in their own admin, and actuals go through the report workflow."""

    model = ReportingPeriod
    fields = ["period_start", "period_end", "target_value", "actual_value", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Indicator)
class IndicatorAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title_ar", "objective", "measure", "baseline_value", "reporter"]
    inlines = [PeriodInline]


LOCKED_FIELDS = ["indicator", "period_start", "period_end", "target_value"]
WORKFLOW_FIELDS = [
    "actual_value", "actual_comment", "status", "review_note", "reported_by", "reviewed_by", "reviewed_at",
]  # fmt: skip


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Targets are set here; once a report is submitted or approved the period is locked."""

    list_display = ["indicator", "period_start", "period_end", "target_value", "actual_value", "status"]
    list_filter = ["status"]

    def get_readonly_fields(self, request, obj=None):
        return WORKFLOW_FIELDS + (LOCKED_FIELDS if obj and _locked(obj) else [])

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and _locked(obj))


def _locked(period) -> bool:
    return period.status in (ReportingPeriod.Status.SUBMITTED, ReportingPeriod.Status.APPROVED)
