import django_filters
from django.utils.translation import gettext_lazy as _

from indicators.forms import PeriodField
from indicators.models import Indicator, IndicatorValue, ManualEntry, Scorecard, Target
from initiatives.filters.common import district_filter, governorate_filter


class PeriodFilter(django_filters.Filter):
    """`period=YYYY-MM`; anything else is answered 400 with the field's message."""

    field_class = PeriodField


def indicator_filter():
    return django_filters.ModelChoiceFilter(
        field_name="indicator", queryset=Indicator.objects.all(), to_field_name="code", label=_("Indicator")
    )


class IndicatorValueFilterSet(django_filters.FilterSet):
    indicator = indicator_filter()
    district = district_filter("district")
    governorate = governorate_filter("governorate")
    period = PeriodFilter(field_name="period", label=_("Month (YYYY-MM)"))
    period_after = PeriodFilter(field_name="period", lookup_expr="gte", label=_("From month (YYYY-MM)"))
    period_before = PeriodFilter(field_name="period", lookup_expr="lte", label=_("Until month (YYYY-MM)"))

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "district", "governorate", "period", "light"]


class ScorecardFilterSet(django_filters.FilterSet):
    district = district_filter("district")
    governorate = governorate_filter("governorate")
    period = PeriodFilter(field_name="period", label=_("Month (YYYY-MM)"))

    class Meta:
        model = Scorecard
        fields = ["district", "governorate", "period", "light"]


class TargetFilterSet(django_filters.FilterSet):
    indicator = indicator_filter()
    district = district_filter("district")

    class Meta:
        model = Target
        fields = ["indicator", "district", "year"]


class ManualEntryFilterSet(django_filters.FilterSet):
    indicator = indicator_filter()
    district = district_filter("district")
    period = PeriodFilter(field_name="period", label=_("Month (YYYY-MM)"))

    class Meta:
        model = ManualEntry
        fields = ["indicator", "district", "period", "status"]
