from django.contrib import admin

from complaints.models import Category, Complaint, ComplaintEvent, Hearing, Notification, Open311Key
from portal.admin import ScopedAdminMixin, ScopedReadOnlyAdmin


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ar", "name_en", "department_ar", "sla_hours", "is_active", "position"]
    list_editable = ["sla_hours", "is_active", "position"]
    search_fields = ["code", "name_ar", "name_en"]


class EventInline(admin.TabularInline):
    model = ComplaintEvent
    fields = ["created_at", "kind", "from_status", "to_status", "message", "is_public", "actor"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Complaint)
class ComplaintAdmin(ScopedReadOnlyAdmin):
    """Read-only here: complaints are worked in the inbox, through the services."""

    list_display = ["tracking_code", "district", "category", "status", "channel", "created_at", "due_at"]
    list_filter = ["status", "channel", "category", "escalation_level"]
    list_select_related = ["district", "category"]
    search_fields = ["tracking_code"]
    date_hierarchy = "created_at"
    inlines = [EventInline]


@admin.register(Hearing)
class HearingAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["held_on", "governorate", "district", "chaired_by", "attendees"]
    list_select_related = ["governorate", "district"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "state", "attempts", "sent_at"]
    list_filter = ["state", "channel"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Open311Key)
class Open311KeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "is_active", "created_at"]
    readonly_fields = ["prefix", "created_at"]
    fields = ["name", "is_active", "prefix", "created_at"]

    def has_add_permission(self, request):
        return False  # keys are issued with `manage.py open311_key create NAME`, which shows the key once
