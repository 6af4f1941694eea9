import django_filters

from initiatives.models import AwardCycle, Nomination, Sector, SuccessStory, Theme


class SuccessStoryFilterSet(django_filters.FilterSet):
    theme = django_filters.ChoiceFilter(field_name="initiative__theme", choices=Theme.choices)
    sector = django_filters.ChoiceFilter(field_name="initiative__sector", choices=Sector.choices)
    governorate = django_filters.CharFilter(field_name="initiative__governorate__code")
    q = django_filters.CharFilter(method="search", label="q")

    class Meta:
        model = SuccessStory
        fields = ["theme", "sector", "governorate", "q"]

    def search(self, queryset, name, value):
        """Arabic-tolerant: hamza forms, taa marbuta and diacritics do not matter."""
        return queryset.search(value)


class AwardCycleFilterSet(django_filters.FilterSet):
    class Meta:
        model = AwardCycle
        fields = ["year", "status"]


class NominationFilterSet(django_filters.FilterSet):
    governorate = django_filters.CharFilter(field_name="governorate__code")

    class Meta:
        model = Nomination
        fields = ["cycle", "theme", "governorate"]
