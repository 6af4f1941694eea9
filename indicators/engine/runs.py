"""Recomputation: a whole governorate (the unit a full run fans out over), or only what changed since
the last run. Both are idempotent: stored rows that would not change are not written, and the unique
upsert means two runs at once cannot write a row twice."""

from collections import defaultdict
from datetime import date, datetime

from django.db.models import Min

from complaints.models import Complaint, ComplaintEvent
from indicators.engine import complaint_measures as complaints
from indicators.engine import project_measures as projects
from indicators.engine.manual_measures import manual_measures
from indicators.engine.measures import Measures
from indicators.engine.periods import month_of, months_between, previous_month
from indicators.engine.store import scorecards_store, values_store
from indicators.models import Indicator, IndicatorValue
from initiatives.models import Initiative, Inspection, Obstacle, ProgressReport
from portal.models import District

COMPLAINT_CODES = [
    "complaints_received",
    "complaints_resolved",
    "resolution_rate",
    "median_resolution_hours",
    "sla_compliance",
    "overdue_backlog",
    "satisfaction_avg",
]
FIELD_CODES = ["projects_on_schedule", "inspections_done", "obstacles_open"]


def governorate_recompute(governorate_id: int, *, now: datetime) -> int:
    """Every indicator of every district of a governorate, for every month since its first record."""
    district_ids = list(District.objects.filter(governorate_id=governorate_id).values_list("pk", flat=True))
    since = _first_month(district_ids, now)
    measures = Measures().merge(
        complaints.created_measures(district_ids, since),
        complaints.resolved_measures(district_ids, since),
        complaints.backlog_measures(district_ids, since, now, before={}),
        _field_measures(district_ids, since, now),
        manual_measures(district_ids, since),
    )
    periods = months_between(since, month_of(now))
    written = values_store(measures, codes=_all_codes(), district_ids=district_ids, periods=periods, now=now)
    scorecards_store([governorate_id], periods, now=now)
    return written


def changes_recompute(*, changed_since: datetime, now: datetime) -> int:
    """Only the district-months whose source rows changed since `changed_since` (the last run's start),
    plus what time alone moves: the current month's backlog and projects' expected progress, and the
    month that ended since the last run."""
    written = 0
    touched_periods: dict[int, set[date]] = defaultdict(set)
    for since, district_ids in _districts_by_first_change(changed_since).items():
        measures = Measures().merge(
            complaints.created_measures(district_ids, since),
            complaints.resolved_measures(district_ids, since),
            complaints.backlog_measures(
                district_ids, since, now, before=_stored_backlog(district_ids, since)
            ),
        )
        periods = months_between(since, month_of(now))
        written += values_store(
            measures, codes=COMPLAINT_CODES, district_ids=district_ids, periods=periods, now=now
        )
        _note(touched_periods, district_ids, periods)
    written += _time_driven_recompute(changed_since, now, touched_periods)
    for governorate_id, periods in _by_governorate(touched_periods).items():
        scorecards_store([governorate_id], sorted(periods), now=now)
    return written


def _time_driven_recompute(changed_since: datetime, now: datetime, touched_periods) -> int:
    """Backlog and field indicators of every district from the month of the last run on."""
    since = min(month_of(changed_since), _first_field_change(changed_since) or month_of(now))
    district_ids = list(District.objects.values_list("pk", flat=True))
    before = _stored_backlog(district_ids, month_of(changed_since))
    measures = Measures().merge(
        complaints.backlog_measures(district_ids, month_of(changed_since), now, before=before),
        _field_measures(district_ids, since, now),
    )
    written = values_store(
        measures,
        codes=["overdue_backlog"],
        district_ids=district_ids,
        periods=months_between(month_of(changed_since), month_of(now)),
        now=now,
    )
    periods = months_between(since, month_of(now))
    written += values_store(measures, codes=FIELD_CODES, district_ids=district_ids, periods=periods, now=now)
    _note(touched_periods, district_ids, periods)
    return written


def _field_measures(district_ids, since: date, now: datetime) -> Measures:
    return Measures().merge(
        projects.inspection_measures(district_ids, since),
        projects.obstacle_measures(district_ids, since, now),
        projects.project_measures(district_ids, since, now),
    )


def _districts_by_first_change(changed_since: datetime) -> dict[date, list[int]]:
    """Districts with complaints changed since then, grouped by the earliest month a change can move:
    a complaint counts only in months from the one it was filed in."""
    first_change: dict[int, date] = {}
    changed = (
        Complaint.objects.filter(updated_at__gte=changed_since)
        .values("district_id")
        .annotate(first=Min("created_at"))
    )
    for row in changed:
        first_change[row["district_id"]] = month_of(row["first"])
    # A moved complaint also leaves its old district, which the row no longer names: take every
    # district of its governorate (moves stay within a governorate's staff; the nightly run covers the rest).
    moved = ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.MOVED, created_at__gte=changed_since)
    for governorate_id, filed_at in moved.values_list("complaint__governorate_id", "complaint__created_at"):
        for district_id in District.objects.filter(governorate_id=governorate_id).values_list(
            "pk", flat=True
        ):
            first_change[district_id] = min(
                first_change.get(district_id, month_of(filed_at)), month_of(filed_at)
            )
    by_month = defaultdict(list)
    for district_id, since in first_change.items():
        by_month[since].append(district_id)
    return dict(by_month)


def _first_field_change(changed_since: datetime) -> date | None:
    """The earliest month a changed project, report, obstacle or inspection can move."""
    moments = [
        Initiative.objects.filter(updated_at__gte=changed_since).aggregate(m=Min("planned_start"))["m"],
        ProgressReport.objects.filter(reviewed_at__gte=changed_since).aggregate(m=Min("reviewed_at"))["m"],
        Obstacle.objects.filter(resolved_at__gte=changed_since).aggregate(m=Min("created_at"))["m"],
        Obstacle.objects.filter(created_at__gte=changed_since).aggregate(m=Min("created_at"))["m"],
        Inspection.objects.filter(created_at__gte=changed_since).aggregate(m=Min("inspected_at"))["m"],
    ]
    months = [
        m.replace(day=1) if isinstance(m, date) and not isinstance(m, datetime) else month_of(m)
        for m in moments
        if m is not None
    ]
    return min(months, default=None)


def _stored_backlog(district_ids, since: date) -> dict[int, float]:
    """Each district's stored backlog at the end of the month before `since`."""
    rows = IndicatorValue.objects.filter(
        indicator__code="overdue_backlog", district_id__in=district_ids, period=previous_month(since)
    ).values_list("district_id", "value")
    return dict(rows)


def _first_month(district_ids, now: datetime) -> date:
    first = complaints.first_month(district_ids)
    return min(first, month_of(now)) if first else month_of(now)


def _all_codes() -> list[str]:
    return list(Indicator.objects.values_list("code", flat=True))


def _note(touched_periods, district_ids, periods):
    for district_id in district_ids:
        touched_periods[district_id].update(periods)


def _by_governorate(touched_periods) -> dict[int, set[date]]:
    governorate_of = dict(District.objects.filter(pk__in=touched_periods).values_list("pk", "governorate_id"))
    by_governorate = defaultdict(set)
    for district_id, periods in touched_periods.items():
        by_governorate[governorate_of[district_id]].update(periods)
    return by_governorate
