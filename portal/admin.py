from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.models import Country, District, Governorate, StaffProfile, Village
from portal.scoping import Scope
from portal.services import staff_assign

admin.site.site_header = _("Governorate Development Portal")
admin.site.site_title = _("Governorate Development Portal")
admin.site.index_title = _("Administration")


class ScopedAdminMixin:
    """Rows, and the governorates and districts offered in forms, limited to the user's scope."""

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model in (Governorate, District) and not Scope.of(request.user).is_national:
            kwargs["queryset"] = _scoped_choices(db_field.related_model, request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedReadOnlyAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Rows changed only through their pages and services, which hold the rules; here they are read."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _scoped_choices(model, user):
    scope = Scope.of(user)
    if model is Governorate:
        return Governorate.objects.filter(pk=scope.governorate_id)
    return District.objects.for_user(user)


class ReferenceDataAdmin(admin.ModelAdmin):
    """Geography comes from the official files through `load_geography`, not from hand edits."""

    list_display = ["code", "name_ar", "name_en"]
    search_fields = ["code", "name_search"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Country)
class CountryAdmin(ReferenceDataAdmin):
    pass


@admin.register(Governorate)
class GovernorateAdmin(ReferenceDataAdmin):
    list_display = ["code", "name_ar", "name_en", "kind", "country"]
    list_filter = ["country", "kind"]


@admin.register(District)
class DistrictAdmin(ScopedAdminMixin, ReferenceDataAdmin):
    list_display = ["code", "name_ar", "name_en", "kind", "governorate"]
    list_filter = ["kind", "governorate__country"]
    list_select_related = ["governorate"]


@admin.register(Village)
class VillageAdmin(ScopedAdminMixin, ReferenceDataAdmin):
    list_display = ["code", "name_ar", "district"]
    list_select_related = ["district"]
    raw_id_fields = ["district"]


@admin.register(StaffProfile)
class StaffProfileAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "role", "governorate", "district", "job_title"]
    list_filter = ["role"]
    list_select_related = ["user", "governorate", "district"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "job_title"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["district"]

    def save_model(self, request, obj, form, change):
        staff_assign(
            user=obj.user,
            role=obj.role,
            governorate=obj.governorate,
            district=obj.district,
            job_title=obj.job_title,
        )
        obj.refresh_from_db()
