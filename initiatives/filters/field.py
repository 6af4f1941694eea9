"""Filters of inspections, directives and their assignments (API); governorates and districts by code."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.filters import BoundedDateTimeFilter
from initiatives.models import Directive, DirectiveAssignment, Inspection
from portal.models import District, Governorate


def _governorate(field_name: str):
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=Governorate.objects.all(),
        to_field_name="code",
        label=_("Governorate"),
    )


def _district(field_name: str, **kwargs):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=District.objects.all(), to_field_name="code", label=_("District"),
        **kwargs,
    )  # fmt: skip


class InspectionFilterSet(django_filters.FilterSet):
    governorate = _governorate("governorate")
    district = _district("district")
    kind = django_filters.ChoiceFilter(choices=Inspection.Kind.choices, label=_("Kind"))
    inspected_after = BoundedDateTimeFilter(field_name="inspected_at", lookup_expr="gte")
    inspected_before = BoundedDateTimeFilter(field_name="inspected_at", lookup_expr="lt")

    class Meta:
        model = Inspection
        fields = ["governorate", "district", "kind", "inspected_after", "inspected_before"]


class DirectiveFilterSet(django_filters.FilterSet):
    governorate = _governorate("governorate")
    district = _district("assignments__district", distinct=True)
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = Directive
        fields = ["governorate", "district", "overdue"]

    def filter_overdue(self, queryset, name, value):
        """Directives with a share still open past the deadline (or, with false, none)."""
        overdue = DirectiveAssignment.objects.overdue(timezone.localdate()).values("directive")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class DirectiveAssignmentFilterSet(django_filters.FilterSet):
    governorate = _governorate("directive__governorate")
    district = _district("district")
    status = django_filters.ChoiceFilter(choices=DirectiveAssignment.Status.choices, label=_("Status"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = DirectiveAssignment
        fields = ["governorate", "district", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue(timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))
