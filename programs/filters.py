import django_filters

from programs.models import Organization, Program


class ProgramFilterSet(django_filters.FilterSet):
    governorate = django_filters.CharFilter(field_name="governorates__code", distinct=True)

    class Meta:
        model = Program
        fields = ["governorate", "kind", "status"]


class OrganizationFilterSet(django_filters.FilterSet):
    governorate = django_filters.CharFilter(field_name="governorates__code", distinct=True)

    class Meta:
        model = Organization
        fields = ["governorate", "org_type"]
