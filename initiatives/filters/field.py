"""Filters of inspections, directives and their assignments (API); governorates and districts by code."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.filters import BoundedDateTimeFilter
from initiatives.filters.common import district_filter, governorate_filter
from initiatives.models import Directive, DirectiveAssignment, Inspection


class InspectionFilterSet(django_filters.FilterSet):
    governorate = governorate_filter("governorate")
    district = district_filter("district")
    kind = django_filters.ChoiceFilter(choices=Inspection.Kind.choices, label=_("Kind"))
    inspected_after = BoundedDateTimeFilter(field_name="inspected_at", lookup_expr="gte")
    inspected_before = BoundedDateTimeFilter(field_name="inspected_at", lookup_expr="lt")

    class Meta:
        model = Inspection
        fields = ["governorate", "district", "kind", "inspected_after", "inspected_before"]


class DirectiveFilterSet(django_filters.FilterSet):
    governorate = governorate_filter("governorate")
    district = district_filter("assignments__district")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = Directive
        fields = ["governorate", "district", "overdue"]

    def filter_overdue(self, queryset, name, value):
        """Directives with a share still open past the deadline (or, with false, none)."""
        overdue = DirectiveAssignment.objects.overdue(timezone.localdate()).values("directive")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class DirectiveAssignmentFilterSet(django_filters.FilterSet):
    governorate = governorate_filter("directive__governorate")
    district = district_filter("district")
    status = django_filters.ChoiceFilter(choices=DirectiveAssignment.Status.choices, label=_("Status"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = DirectiveAssignment
        fields = ["governorate", "district", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue(timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))
