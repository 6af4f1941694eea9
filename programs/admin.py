from django.contrib import admin

from programs.models import Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name_ar", "name_en", "acronym", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name_ar", "name_en", "acronym"]
    prepopulated_fields = {"slug": ["name_en"]}
