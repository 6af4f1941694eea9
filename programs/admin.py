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
    model = ReportingPeriod
    fields = ["period_start", "period_end", "target_value", "actual_value", "status"]
    readonly_fields = ["actual_value", "status"]  # actuals go through the report workflow
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title_ar", "objective", "measure", "baseline_value", "reporter"]
    inlines = [PeriodInline]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["indicator", "period_start", "period_end", "target_value", "actual_value", "status"]
    list_filter = ["status"]
    readonly_fields = [
        "actual_value", "actual_comment", "status", "review_note",
        "reported_by", "reviewed_by", "reviewed_at",
    ]  # fmt: skip
