from django.contrib import admin

from initiatives.forms.awards import AwardCycleAdminForm
from initiatives.models import (
    AwardCriterion,
    AwardCycle,
    Directive,
    DirectiveAssignment,
    Initiative,
    InitiativePartner,
    Inspection,
    InspectionFinding,
    Milestone,
    Nomination,
    Obstacle,
    ProgressReport,
    Replication,
    SuccessStory,
)
from portal.admin import ScopedAdminMixin
from portal.models import District
from portal.scoping import Scope

# Initiatives and projects: initiatives with partners and milestones, progress reports, obstacles ---------
# Progress approval and obstacle resolution go through their pages (initiatives.services.projects), so
# their outcome fields are read-only here.


class InitiativePartnerInline(admin.TabularInline):
    model = InitiativePartner
    extra = 0
    autocomplete_fields = ["organization"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "title_ar",
        "governorate",
        "sector",
        "theme",
        "status",
        "progress",
        "planned_end",
        "is_public",
    ]
    list_filter = ["status", "sector", "theme", "is_public"]
    list_select_related = ["governorate"]
    search_fields = ["title_ar", "title_en"]
    filter_horizontal = ["districts"]
    readonly_fields = ["progress", "spent", "created_by", "created_at", "updated_at"]
    inlines = [InitiativePartnerInline, MilestoneInline]

    def get_queryset(self, request):
        return super().get_queryset(request).distinct()  # a partner's editor reaches rows through a join

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "districts" and not Scope.of(request.user).is_national:
            kwargs["queryset"] = District.objects.for_user(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(ProgressReport)
class ProgressReportAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["initiative", "percent", "status", "reported_at", "reviewed_at"]
    list_filter = ["status"]
    list_select_related = ["initiative"]
    search_fields = ["initiative__title_ar", "narrative"]
    raw_id_fields = ["initiative"]
    readonly_fields = ["status", "reported_by", "reported_at", "reviewed_by", "reviewed_at", "review_note"]

    def get_readonly_fields(self, request, obj=None):
        # What was reported (and approved into the initiative's progress) is not rewritten afterwards.
        if obj is None:
            return self.readonly_fields
        return [*self.readonly_fields, "initiative", "percent", "spent_to_date"]


@admin.register(Obstacle)
class ObstacleAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["initiative", "kind", "owner", "needed_by", "status", "escalation_level"]
    list_filter = ["status", "kind", "escalation_level"]
    list_select_related = ["initiative"]
    search_fields = ["initiative__title_ar", "description", "owner"]
    raw_id_fields = ["initiative"]
    readonly_fields = [
        "status", "escalation_level", "escalated_at", "resolution", "resolved_at", "resolved_by", "logged_by",
    ]  # fmt: skip


# End of initiatives and projects -----------------------------------------------------------------------


# Field work: inspections and directives ----------------------------------------------------------
# Rounds and directives are recorded through the pages and the API (services); here they are looked
# up and corrected, within the user's scope.


class InspectionFindingInline(admin.TabularInline):
    model = InspectionFinding
    extra = 0
    fields = ["item", "description", "severity", "complaint", "obstacle"]
    raw_id_fields = ["complaint", "obstacle"]


@admin.register(Inspection)
class InspectionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["place", "kind", "district", "inspected_at", "inspector"]
    list_filter = ["kind", "inspected_at"]
    list_select_related = ["district", "inspector"]
    search_fields = ["place", "notes"]
    date_hierarchy = "inspected_at"
    raw_id_fields = ["initiative"]
    readonly_fields = ["inspector", "created_at"]
    inlines = [InspectionFindingInline]


class DirectiveAssignmentInline(admin.TabularInline):
    model = DirectiveAssignment
    extra = 0
    fields = ["district", "department", "status", "completion_note", "completed_at", "completed_by"]
    # A share is reported done by whoever it is assigned to, through the pages (assignment_complete).
    readonly_fields = ["status", "completion_note", "completed_at", "completed_by"]


@admin.register(Directive)
class DirectiveAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "governorate", "meeting_on", "deadline"]
    list_filter = ["deadline"]
    list_select_related = ["governorate"]
    search_fields = ["title", "meeting"]
    readonly_fields = ["issued_by", "created_at"]
    inlines = [DirectiveAssignmentInline]


# End of field work -------------------------------------------------------------------------------


# Success stories and award cycles ----------------------------------------------------------------
# Award cycles and their criteria are set up here by national administrators; nominations, scores and
# results go through the services (the pages and the API), so their computed fields are read-only here.


class AwardCriterionInline(admin.TabularInline):
    model = AwardCriterion
    extra = 1


@admin.register(AwardCycle)
class AwardCycleAdmin(admin.ModelAdmin):
    form = AwardCycleAdminForm
    list_display = ["title_ar", "year", "status", "nominations_open_on", "nominations_close_on", "results_on"]
    list_filter = ["status", "year"]
    search_fields = ["title_ar", "title_en"]
    filter_horizontal = ["jurors"]
    readonly_fields = ["status", "published_at"]
    inlines = [AwardCriterionInline]

    def has_module_permission(self, request):
        return Scope.of(request.user).is_national

    def has_view_permission(self, request, obj=None):
        return Scope.of(request.user).is_national


@admin.register(Nomination)
class NominationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["initiative", "cycle", "governorate", "theme", "score", "rank_in_theme", "is_winner"]
    list_filter = ["cycle", "theme", "is_winner"]
    list_select_related = ["initiative", "cycle", "governorate"]
    search_fields = ["initiative__title_ar", "initiative__title_en"]
    # Governorates nominate through the pages (nomination_submit checks the cycle, the theme and the
    # initiative); jurors are assigned when judging starts; scores and ranks are computed. Only the
    # statement is corrected here.
    readonly_fields = [
        "cycle", "initiative", "governorate", "theme", "jurors", "nominated_by", "score", "rank_in_theme",
        "is_winner",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False


@admin.register(SuccessStory)
class SuccessStoryAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title_ar", "initiative", "status", "published_at"]
    list_filter = ["status"]
    list_select_related = ["initiative"]
    search_fields = ["title_ar", "title_en"]
    raw_id_fields = ["initiative"]
    readonly_fields = ["author", "published_at"]


@admin.register(Replication)
class ReplicationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["story", "governorate", "district", "replicated_on"]
    list_select_related = ["story", "governorate", "district"]
    raw_id_fields = ["story"]
    readonly_fields = ["recorded_by"]


# End of success stories and award cycles --------------------------------------------------------
