"""Figures entered by hand count once a supervisor approved them."""

from datetime import date

from indicators.engine.measures import Measures
from indicators.models import ManualEntry


def manual_measures(district_ids, since: date) -> Measures:
    entries = ManualEntry.objects.filter(
        district_id__in=district_ids, period__gte=since, status=ManualEntry.Status.APPROVED
    ).values_list("indicator__code", "district_id", "period", "value", "numerator", "denominator")
    measures = Measures()
    for code, district_id, period, value, numerator, denominator in entries:
        measures.set(code, district_id, period, value=value, numerator=numerator, denominator=denominator)
    return measures
