from django.contrib import admin

from investments.models import Asset, AssetImport, Lead, PermittedUse
from portal.admin import ScopedReadOnlyAdmin

# Assets are recorded, checked against their governorate and reviewed through their pages
# (investments.services), and leads followed up there: here they are read-only. Permitted uses are
# reference data, kept here.


@admin.register(Asset)
class AssetAdmin(ScopedReadOnlyAdmin):
    list_display = ["title_ar", "kind", "district", "area_m2", "current_use", "legal_status", "status"]
    list_filter = ["status", "kind", "current_use", "legal_status"]
    list_select_related = ["district"]
    search_fields = ["title_ar", "title_en", "address"]


@admin.register(Lead)
class LeadAdmin(ScopedReadOnlyAdmin):
    list_display = ["name", "company", "asset", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["asset"]


@admin.register(AssetImport)
class AssetImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "created_by", "status", "created_at", "saved_at"]
    readonly_fields = ["file_name", "rows", "status", "created_by", "created_at", "saved_at", "assets"]

    def has_add_permission(self, request):
        return False


@admin.register(PermittedUse)
class PermittedUseAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ar", "name_en", "order"]
