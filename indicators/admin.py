"""Administrators define indicators (names, unit, direction, weight, traffic-light thresholds, the range
of figures entered by hand) and their yearly targets. Values, scorecards and runs are written by the
engine and only read here; figures entered by hand are approved on their page."""

from django.contrib import admin
from django.utils import timezone

from indicators import services
from indicators.models import ComputationRun, Indicator, IndicatorValue, ManualEntry, Scorecard, Target
from portal.admin import ScopedReadOnlyAdmin


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    autocomplete_fields = ["district"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name_ar",
        "name_en",
        "unit",
        "direction",
        "source",
        "weight",
        "green_from",
        "amber_from",
        "is_active",
    ]
    list_filter = ["source", "unit", "direction", "is_active"]
    search_fields = ["code", "name_ar", "name_en"]
    inlines = [TargetInline]

    def get_readonly_fields(self, request, obj=None):
        # The engine computes indicators by their code: a computed indicator's code cannot change.
        return ["code", "source"] if obj is not None else []

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Thresholds or targets changed: this year's and last year's stored scores follow.
        this_year = timezone.localdate().year
        for year in (this_year - 1, this_year):
            services.scores_refresh(indicator=form.instance, year=year)


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ScopedReadOnlyAdmin):
    list_display = ["indicator", "district", "period", "value", "numerator", "denominator", "target", "light"]
    list_filter = ["indicator", "light", "governorate"]
    list_select_related = ["indicator", "district"]
    date_hierarchy = "period"


@admin.register(Scorecard)
class ScorecardAdmin(ScopedReadOnlyAdmin):
    list_display = ["district", "period", "score", "rank", "previous_rank", "light"]
    list_filter = ["governorate", "light"]
    list_select_related = ["district"]
    date_hierarchy = "period"


@admin.register(ManualEntry)
class ManualEntryAdmin(ScopedReadOnlyAdmin):
    list_display = ["indicator", "district", "period", "value", "status", "entered_by", "reviewed_by"]
    list_filter = ["status", "indicator"]
    list_select_related = ["indicator", "district", "entered_by", "reviewed_by"]


@admin.register(ComputationRun)
class ComputationRunAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "governorate",
        "started_at",
        "finished_at",
        "parts_done",
        "parts_total",
        "values_written",
    ]
    list_filter = ["kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
