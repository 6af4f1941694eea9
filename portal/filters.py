import django_filters

from portal.models import District, Governorate, StaffProfile


class GovernorateFilterSet(django_filters.FilterSet):
    country = django_filters.CharFilter(field_name="country__code")

    class Meta:
        model = Governorate
        fields = ["country", "kind"]


class DistrictFilterSet(django_filters.FilterSet):
    governorate = django_filters.CharFilter(field_name="governorate__code")
    q = django_filters.CharFilter(method="search", label="search")

    class Meta:
        model = District
        fields = ["governorate", "kind"]

    def search(self, queryset, name, value):
        return queryset.search(value)


class StaffProfileFilterSet(django_filters.FilterSet):
    governorate = django_filters.CharFilter(field_name="governorate__code")
    district = django_filters.CharFilter(field_name="district__code")

    class Meta:
        model = StaffProfile
        fields = ["role", "governorate", "district"]
