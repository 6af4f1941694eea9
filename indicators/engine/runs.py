"""Recomputation: a whole governorate (the unit a full run fans out over), or only what changed since
the last run. Both are idempotent: stored rows that would not change are not written, and the unique
upsert means two runs at once cannot write a row twice."""

from collections import defaultdict
from datetime import date, datetime

from django.db.models import Min, Q

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

FIELD_CODES = ["projects_on_schedule", "inspections_done", "obstacles_open"]


def governorate_recompute(governorate_id: int, *, now: datetime) -> int:
    """Every indicator of every district of a governorate, for every month since its first record."""
    district_ids = list(District.objects.filter(governorate_id=governorate_id).values_list("pk", flat=True))
    # From its first complaint; or from its first stored month if earlier, so that months whose only
    # complaints were since rejected (or deleted) are rewritten too.
    stored_first = _grid_starts(governorate_id).get(governorate_id)
    since = min(filter(None, [_first_month(district_ids, now), stored_first]))
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
    plus what time alone moves: the backlog and projects' expected progress of the current month, and of
    the month that ended since the last run. Writes the same rows a full run would."""
    last_month = month_of(changed_since)
    starts = _grid_starts()
    touched: dict[int, set[date]] = defaultdict(set)
    written = 0
    for since, district_ids in _touched_by_start(changed_since, starts, last_month).items():
        written += _complaints_recompute(district_ids, since, now, touched)
    for since, district_ids in _group_by_start(starts, last_month).items():
        written += _time_driven_recompute([d for d in district_ids if d not in touched], since, now, touched)
    for governorate_id in _governorates_with_field_changes(changed_since):
        district_ids = list(
            District.objects.filter(governorate_id=governorate_id).values_list("pk", flat=True)
        )
        written += _field_recompute(district_ids, starts.get(governorate_id, month_of(now)), now, touched)
    for governorate_id, periods in _by_governorate(touched).items():
        scorecards_store([governorate_id], sorted(periods), now=now)
    return written


def _complaints_recompute(district_ids, since: date, now: datetime, touched) -> int:
    """Every complaint indicator of these districts from `since`, the backlog carried on from the
    stored month before."""
    before = _stored_backlog(district_ids, since)
    measures = Measures().merge(
        complaints.created_measures(district_ids, since),
        complaints.resolved_measures(district_ids, since),
        complaints.backlog_measures(district_ids, since, now, before=before),
        _field_measures(district_ids, since, now),
        manual_measures(district_ids, since),
    )
    periods = months_between(since, month_of(now))
    _note(touched, district_ids, periods)
    return values_store(measures, codes=_all_codes(), district_ids=district_ids, periods=periods, now=now)


def _time_driven_recompute(district_ids, since: date, now: datetime, touched) -> int:
    """Districts whose records did not change: the backlog and field indicators from `since` (time moves
    them), and a new month's empty row for everything else."""
    if not district_ids:
        return 0
    moving = Measures().merge(
        complaints.backlog_measures(district_ids, since, now, before=_stored_backlog(district_ids, since)),
        _field_measures(district_ids, since, now),
    )
    periods = months_between(since, month_of(now))
    codes = ["overdue_backlog", *FIELD_CODES]
    written = values_store(moving, codes=codes, district_ids=district_ids, periods=periods, now=now)
    new_months = periods[1:]  # nothing changed in them, so their counts are 0 and their rates empty
    if new_months:
        rest = [code for code in _all_codes() if code not in codes]
        written += values_store(manual_measures(district_ids, new_months[0]), codes=rest,
                                district_ids=district_ids, periods=new_months, now=now)  # fmt: skip
    _note(touched, district_ids, periods)
    return written


def _field_recompute(district_ids, since: date, now: datetime, touched) -> int:
    """Field indicators of a governorate whose projects, reports, obstacles or inspections changed, over
    its whole history: a project's old dates are gone once it is rescheduled."""
    periods = months_between(since, month_of(now))
    _note(touched, district_ids, periods)
    measures = _field_measures(district_ids, since, now)
    return values_store(measures, codes=FIELD_CODES, district_ids=district_ids, periods=periods, now=now)


def _field_measures(district_ids, since: date, now: datetime) -> Measures:
    return Measures().merge(
        projects.inspection_measures(district_ids, since),
        projects.obstacle_measures(district_ids, since, now),
        projects.project_measures(district_ids, since, now),
    )


def _touched_by_start(changed_since: datetime, starts: dict[int, date], last_month: date):
    """Districts with changed complaints, grouped by the month their recompute starts: the earliest a
    change can move, or the last run's month if earlier (it may have ended since), but never before the
    governorate's first month."""
    governorate_of = dict(District.objects.values_list("pk", "governorate_id"))
    groups = defaultdict(list)
    for district_id, first_change in _first_changes(changed_since).items():
        since = min(first_change, last_month)
        start = starts.get(governorate_of[district_id])
        groups[max(since, start) if start else first_change].append(district_id)
    return dict(groups)


def _first_changes(changed_since: datetime) -> dict[int, date]:
    """Districts with complaints changed since then, and the earliest month a change can move: a
    complaint counts only in months from the one it was filed in."""
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
    moved = list(moved.values_list("complaint__governorate_id", "complaint__created_at"))
    districts_of = defaultdict(list)
    for district_id, governorate_id in District.objects.filter(
        governorate_id__in={governorate_id for governorate_id, _filed in moved}
    ).values_list("pk", "governorate_id"):
        districts_of[governorate_id].append(district_id)
    for governorate_id, filed_at in moved:
        for district_id in districts_of[governorate_id]:
            first_change[district_id] = min(
                first_change.get(district_id, month_of(filed_at)), month_of(filed_at)
            )
    return first_change


def _governorates_with_field_changes(changed_since: datetime) -> set[int]:
    changed = [
        Initiative.objects.filter(updated_at__gte=changed_since).values_list("governorate_id", flat=True),
        ProgressReport.objects.filter(reviewed_at__gte=changed_since).values_list(
            "initiative__governorate_id", flat=True
        ),
        Obstacle.objects.filter(
            Q(created_at__gte=changed_since) | Q(resolved_at__gte=changed_since)
        ).values_list("initiative__governorate_id", flat=True),
        Inspection.objects.filter(created_at__gte=changed_since).values_list("governorate_id", flat=True),
    ]
    return {governorate_id for rows in changed for governorate_id in rows}


def _grid_starts(governorate_id: int | None = None) -> dict[int, date]:
    """Each governorate's first stored month: where a full run started its months (its first complaint's)."""
    rows = IndicatorValue.objects.all()
    if governorate_id is not None:
        rows = rows.filter(governorate_id=governorate_id)
    rows = rows.values("governorate_id").annotate(first=Min("period"))
    return {row["governorate_id"]: row["first"] for row in rows}


def _group_by_start(starts: dict[int, date], last_month: date) -> dict[date, list[int]]:
    """Every district, grouped by the month its time-driven recompute starts: the last run's month, or
    later for a governorate whose months start later."""
    groups = defaultdict(list)
    for district_id, governorate_id in District.objects.values_list("pk", "governorate_id"):
        start = starts.get(governorate_id)
        if start is not None:
            groups[max(last_month, start)].append(district_id)
    return dict(groups)


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
