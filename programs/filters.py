import django_filters

from programs.models import Event, Organization, Program


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


class EventFilterSet(django_filters.FilterSet):
    program = django_filters.CharFilter(field_name="program__slug")
    governorate = django_filters.CharFilter(field_name="governorates__code", distinct=True)

    class Meta:
        model = Event
        fields = ["program", "governorate", "kind"]
