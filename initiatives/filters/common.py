"""Filters shared by the initiatives' filter sets: governorates and districts chosen by their code."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.models import District, Governorate


def governorate_filter(field_name: str):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=Governorate.objects.order_by("code"), to_field_name="code",
        label=_("Governorate"), empty_label=_("All"),
    )  # fmt: skip


def district_filter(field_name: str):
    # distinct: the path may cross a many-to-many (an initiative's districts, a directive's shares).
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=District.objects.select_related("governorate").order_by("code"),
        to_field_name="code", label=_("District"), distinct=True, empty_label=_("All"),
    )  # fmt: skip
