"""Filters of initiatives, progress reports and obstacles, shared by the HTML lists and the API."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.filters.common import district_filter, governorate_filter
from initiatives.models import Initiative, Obstacle, ProgressReport
from initiatives.models.choices import EscalationLevel, Sector, Theme
from portal.models import District, Governorate
from programs.models import Program


class InitiativeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    governorate = governorate_filter("governorate")
    district = district_filter("districts")
    theme = django_filters.ChoiceFilter(choices=Theme.choices, empty_label=_("All"), label=_("Theme"))
    sector = django_filters.ChoiceFilter(choices=Sector.choices, empty_label=_("All"), label=_("Sector"))
    status = django_filters.ChoiceFilter(
        choices=Initiative.Status.choices, empty_label=_("All"), label=_("Status")
    )
    program = django_filters.ModelChoiceFilter(
        queryset=Program.objects.order_by("title_ar"),
        to_field_name="slug",
        label=_("Program"),
        empty_label=_("All"),
    )

    late = django_filters.ChoiceFilter(
        choices=[("true", _("Behind schedule")), ("false", _("On schedule or not under way"))],
        method="filter_late", label=_("Schedule"), empty_label=_("All"),
    )  # fmt: skip

    class Meta:
        model = Initiative
        fields = ["q", "governorate", "district", "theme", "sector", "status", "program", "late"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def filter_late(self, queryset, name, value):
        late = queryset.late(timezone.localdate())
        return late if value == "true" else queryset.exclude(pk__in=late.values("pk"))

    def narrow_places(self, initiatives, *, public_only: bool = False):
        """Offer only the governorates, districts and programs the listed initiatives are in."""
        narrow_places(self, initiatives, public_only=public_only)
        return self


def narrow_places(filterset, initiatives, *, public_only: bool = False):
    """Limit a filter set's governorate and district choices to those of `initiatives`."""
    listed = initiatives.values("pk")
    filterset.filters["governorate"].queryset = Governorate.objects.filter(initiatives__in=listed).distinct()
    filterset.filters["district"].queryset = District.objects.filter(initiatives__in=listed).distinct()
    if "program" in filterset.filters:
        # Only published programs are named to the public; staff see them in their forms anyway.
        programs = Program.objects.filter(initiatives__in=listed).distinct()
        filterset.filters["program"].queryset = programs.public() if public_only else programs


def _initiative_filter():
    """An initiative by its id: a number out of the database's range is a 400, not an overflow (500).
    Typed, not a list: a select would name every initiative of the country in the API's forms."""
    return django_filters.ModelChoiceFilter(
        queryset=Initiative.objects.all(), label=_("Initiative"), widget=forms.NumberInput
    )


class ProgressReportFilterSet(django_filters.FilterSet):
    initiative = _initiative_filter()
    governorate = governorate_filter("initiative__governorate")
    district = district_filter("initiative__districts")
    status = django_filters.ChoiceFilter(
        choices=ProgressReport.Status.choices, empty_label=_("All"), label=_("Status")
    )

    class Meta:
        model = ProgressReport
        fields = ["initiative", "governorate", "district", "status"]


class ObstacleFilterSet(django_filters.FilterSet):
    initiative = _initiative_filter()
    governorate = governorate_filter("initiative__governorate")
    district = district_filter("initiative__districts")
    kind = django_filters.ChoiceFilter(choices=Obstacle.Kind.choices, empty_label=_("All"), label=_("Kind"))
    status = django_filters.ChoiceFilter(
        choices=Obstacle.Status.choices, empty_label=_("All"), label=_("Status")
    )
    escalation_level = django_filters.ChoiceFilter(
        choices=EscalationLevel.choices, empty_label=_("All"), label=_("Escalation")
    )

    class Meta:
        model = Obstacle
        fields = ["initiative", "governorate", "district", "kind", "status", "escalation_level"]
