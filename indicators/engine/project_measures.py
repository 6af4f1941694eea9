"""projects_on_schedule, inspections_done and obstacles_open of DESIGN.md §5.

Inspections are counted grouped in the database. Projects and obstacles number in the hundreds per
governorate, so their state at the end of each month is worked out from a few columns per row.
"""

from collections import defaultdict
from datetime import date, datetime

from django.db.models import Count, Q
from django.utils import timezone

from indicators.engine.measures import Measures, percent
from indicators.engine.periods import month_end, month_of, month_start, months_between
from indicators.engine.sql import month
from initiatives.models import Initiative, Inspection, Obstacle, ProgressReport


def inspection_measures(district_ids, since: date) -> Measures:
    rows = (
        Inspection.objects.filter(district_id__in=district_ids, inspected_at__gte=month_start(since))
        .annotate(period=month("inspected_at"))
        .values("district_id", "period")
        .annotate(count=Count("pk"))
    )
    measures = Measures()
    for row in rows:
        measures.set(
            "inspections_done", row["district_id"], row["period"], value=row["count"], numerator=row["count"]
        )
    return measures


def obstacle_measures(district_ids, since: date, now: datetime) -> Measures:
    """Obstacles on a district's projects logged before end(m) and not resolved before it."""
    rows = Obstacle.objects.filter(initiative__districts__in=district_ids).values_list(
        "initiative__districts", "created_at", "resolved_at"
    )
    change: dict[tuple[int, date], int] = defaultdict(int)
    for district_id, logged_at, resolved_at in rows:
        change[district_id, month_of(logged_at)] += 1
        if resolved_at is not None:
            change[district_id, month_of(resolved_at)] -= 1
    first = min((period for _district, period in change), default=since)
    measures = Measures()
    for district_id in district_ids:
        open_count = 0
        for period in months_between(min(first, since), month_of(now)):
            open_count += change.get((district_id, period), 0)
            if period >= since:
                measures.set("obstacles_open", district_id, period, value=open_count, numerator=open_count)
    return measures


def project_measures(district_ids, since: date, now: datetime) -> Measures:
    """Of each district's projects under way at end(m), the share at or above the linear expected
    progress, taking the progress approved before end(m)."""
    # Under way now (planned or active), or completed since: their actual end says until when they ran.
    # Suspended and cancelled projects, and completed ones with no end date, are not under way.
    ran = Q(status__in=[Initiative.Status.PLANNED, Initiative.Status.ACTIVE]) | Q(
        status=Initiative.Status.COMPLETED, actual_end__isnull=False
    )
    projects = list(
        Initiative.objects.filter(ran, districts__in=district_ids).values(
            "pk", "districts", "planned_start", "planned_end", "actual_end", "created_at"
        )
    )
    approvals = _approved_progress([project["pk"] for project in projects])
    measures = Measures()
    for period in months_between(since, month_of(now)):
        end = month_end(period, now)
        on_date = timezone.localtime(end).date()
        tally: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # district: [on schedule, under way]
        for project in projects:
            if not _under_way(project, end, on_date):
                continue
            progress = _progress_before(approvals.get(project["pk"], []), end)
            expected = Initiative(planned_start=project["planned_start"], planned_end=project["planned_end"])
            tally[project["districts"]][0] += progress >= expected.expected_progress(on_date)
            tally[project["districts"]][1] += 1
        for district_id in district_ids:
            on_schedule, under_way = tally[district_id]
            measures.set("projects_on_schedule", district_id, period, **percent(on_schedule, under_way))
    return measures


def _under_way(project: dict, end: datetime, on_date: date) -> bool:
    return (
        project["created_at"] < end
        and project["planned_start"] < on_date
        and (project["actual_end"] is None or project["actual_end"] >= on_date)
    )


def _approved_progress(initiative_ids) -> dict[int, list[tuple[datetime, int]]]:
    reports = (
        ProgressReport.objects.filter(initiative_id__in=initiative_ids, status=ProgressReport.Status.APPROVED)
        .order_by("reviewed_at")
        .values_list("initiative_id", "reviewed_at", "percent")
    )
    approvals = defaultdict(list)
    for initiative_id, reviewed_at, percent_done in reports:
        approvals[initiative_id].append((reviewed_at, percent_done))
    return approvals


def _progress_before(approvals: list[tuple[datetime, int]], end: datetime) -> int:
    """The percentage of the last report approved before `end` (0 before any)."""
    progress = 0
    for reviewed_at, percent_done in approvals:
        if reviewed_at is None or reviewed_at >= end:
            break
        progress = percent_done
    return progress
