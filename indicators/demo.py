"""Demo figures for Qena (shared/context/004: district heads judged on performance indicators): six
months of street lighting and market inspections entered by its districts and approved, one month waiting
for approval, a district's own target, then the indicators computed from everything seeded before."""

import random
from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from indicators import services
from indicators.engine.periods import month_of, previous_month
from indicators.models import Indicator, ManualEntry
from portal.models import District

DEMO_MONTHS = 6
# Nag Hammadi's own, stricter target for resolving complaints (a national default applies elsewhere).
DISTRICT_TARGET = ("EG2708", "resolution_rate", 90.0)


def seed_indicators() -> None:
    if not ManualEntry.objects.exists():
        _seed_manual_entries()
        _seed_district_target()
    services.changes_run()


def _seed_manual_entries():
    """Entered by each district's officer (Qena's staff for districts without one), approved by the
    governor; the latest month of Markaz Qena still waits."""
    users = get_user_model().objects
    staff, governor = users.get(username="qena.staff"), users.get(username="qena.governor")
    officers = {"EG2702": users.get(username="qena.officer"), "EG2708": users.get(username="nagh.officer")}
    manual = list(Indicator.objects.filter(source=Indicator.Source.MANUAL).order_by("code"))
    months = _last_months(DEMO_MONTHS)
    rng = random.Random(2026)
    for district in District.objects.filter(governorate__code="EG27").order_by("code"):
        for period in months:
            for indicator in manual:
                entry = services.manual_entry_submit(
                    actor=officers.get(district.code, staff), indicator=indicator, district=district,
                    period=period, value=round(rng.uniform(62, 99), 1), note="حصر الإدارة الهندسية بالمركز",
                )  # fmt: skip
                if not (district.code == "EG2702" and period == months[-1]):
                    services.manual_entry_review(entry=entry, reviewer=governor, approve=True)


def _seed_district_target():
    code, indicator_code, value = DISTRICT_TARGET
    services.target_set(
        actor=get_user_model().objects.get(username="admin"),
        indicator=Indicator.objects.get(code=indicator_code),
        year=timezone.localdate().year,
        district=District.objects.get(code=code),
        value=value,
    )


def _last_months(count: int) -> list[date]:
    months = [previous_month(month_of(timezone.now()))]
    while len(months) < count:
        months.insert(0, previous_month(months[0]))
    return months
