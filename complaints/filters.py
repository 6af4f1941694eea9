import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import Category, Channel, Complaint, EscalationLevel, Status
from portal.models import District, Governorate


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time within years a complaint can have (year 1 overflows the time-zone shift)."""

    def to_python(self, value):
        try:
            moment = super().to_python(value)
        except OverflowError:
            moment = None
        else:
            if moment is None or 1900 <= moment.year <= 2100:
                return moment
        raise forms.ValidationError(_("Enter a date between 1900 and 2100."), code="invalid")


class BoundedDateTimeFilter(django_filters.DateTimeFilter):
    field_class = BoundedDateTimeField


class ComplaintFilterSet(django_filters.FilterSet):
    governorate = django_filters.ModelChoiceFilter(
        queryset=Governorate.objects.all(), to_field_name="code", label=_("Governorate")
    )
    district = django_filters.ModelChoiceFilter(
        queryset=District.objects.all(), to_field_name="code", label=_("District")
    )
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(), to_field_name="code", label=_("Category")
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Channel"))
    escalation_level = django_filters.ChoiceFilter(choices=EscalationLevel.choices, label=_("Escalation"))
    created_after = BoundedDateTimeFilter(
        widget=forms.DateInput(attrs={"type": "date"}),
        field_name="created_at",
        lookup_expr="gte",
        label=_("Filed from"),
    )
    created_before = BoundedDateTimeFilter(
        widget=forms.DateInput(attrs={"type": "date"}),
        field_name="created_at",
        lookup_expr="lt",
        label=_("Filed before"),
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Overdue only"), widget=forms.CheckboxInput
    )
    q = django_filters.CharFilter(method="filter_search", label=_("Search"))

    class Meta:
        model = Complaint
        fields = ["governorate", "district", "category", "status", "channel", "escalation_level"]

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.now()) if value else queryset

    def filter_search(self, queryset, name, value):
        return queryset.search(value)
