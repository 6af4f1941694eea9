"""The complaint indicators of DESIGN.md §5, aggregated in the database (grouped SQL through the ORM).

Each function returns Measures for the given districts and the months from `since` on. E is every
complaint that is not rejected.
"""

from collections import defaultdict
from datetime import date, datetime

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Greatest

from complaints.models import Complaint, Status
from indicators.engine.measures import Measures, percent, ratio
from indicators.engine.periods import month_of, month_start, months_between
from indicators.engine.sql import HoursBetween, Median, month


def eligible(district_ids):
    return Complaint.objects.exclude(status=Status.REJECTED).filter(district_id__in=district_ids)


def created_measures(district_ids, since: date) -> Measures:
    """complaints_received and resolution_rate, by the month complaints were filed."""
    rows = (
        eligible(district_ids)
        .filter(created_at__gte=month_start(since))
        .annotate(period=month("created_at"))
        .values("district_id", "period")
        .annotate(filed=Count("pk"), settled=Count("resolved_at"))
    )
    measures = Measures()
    for row in rows:
        key = (row["district_id"], row["period"])
        measures.set("complaints_received", *key, value=row["filed"], numerator=row["filed"])
        measures.set("resolution_rate", *key, **percent(row["settled"], row["filed"]))
    return measures


def resolved_measures(district_ids, since: date) -> Measures:
    """complaints_resolved, median_resolution_hours, sla_compliance and satisfaction_avg, by the month
    complaints were resolved."""
    rows = (
        eligible(district_ids)
        .filter(resolved_at__gte=month_start(since))
        .annotate(period=month("resolved_at"))
        .values("district_id", "period")
        .annotate(
            settled=Count("pk"),
            on_time=Count("pk", filter=Q(resolved_at__lte=F("due_at"))),
            median_hours=Median(HoursBetween("resolved_at", "created_at")),
            rating_total=Sum("satisfaction"),
            rated=Count("satisfaction"),
        )
    )
    measures = Measures()
    for row in rows:
        key = (row["district_id"], row["period"])
        measures.set("complaints_resolved", *key, value=row["settled"], numerator=row["settled"])
        measures.set("median_resolution_hours", *key, value=row["median_hours"], denominator=row["settled"])
        measures.set("sla_compliance", *key, **percent(row["on_time"], row["settled"]))
        measures.set("satisfaction_avg", *key, **ratio(row["rating_total"], row["rated"]))
    return measures


def backlog_measures(district_ids, since: date, now: datetime, before: dict[int, float]) -> Measures:
    """overdue_backlog at end(m) for every month from `since` to now's month.

    A complaint is in the backlog of month m when month(due_at) <= m < month(resolved_at) (or it is
    unresolved), so the backlog moves by +1 in its due month and -1 in max(due month, resolved month).
    Both are counted grouped in the database; the running sum starts from `before` (each district's
    backlog at the end of the month before `since`, 0 from the first month).
    Only complaints already due by `now` count, which makes the current month's end(m) = now.
    """
    due = eligible(district_ids).filter(due_at__lt=now)
    start = month_start(since)
    arrivals = (
        due.filter(due_at__gte=start)
        .annotate(period=month("due_at"))
        .values("district_id", "period")
        .annotate(count=Count("pk"))
    )
    departures = (
        due.filter(resolved_at__isnull=False)
        .filter(Q(due_at__gte=start) | Q(resolved_at__gte=start))
        .annotate(period=Greatest(month("due_at"), month("resolved_at")))
        .values("district_id", "period")
        .annotate(count=Count("pk"))
    )
    change: dict[tuple[int, date], int] = defaultdict(int)
    for row in arrivals:
        change[row["district_id"], row["period"]] += row["count"]
    for row in departures:
        change[row["district_id"], _as_date(row["period"])] -= row["count"]
    measures = Measures()
    for district_id in district_ids:
        backlog = before.get(district_id) or 0
        for period in months_between(since, month_of(now)):
            backlog += change.get((district_id, period), 0)
            measures.set("overdue_backlog", district_id, period, value=backlog, numerator=backlog)
    return measures


def _as_date(period) -> date:
    """PostgreSQL's GREATEST of two months comes back as a timestamp; the months here are dates."""
    return period.date() if isinstance(period, datetime) else period


def first_month(district_ids) -> date | None:
    """The month of the earliest complaint in these districts."""
    earliest = eligible(district_ids).order_by("created_at").values_list("created_at", flat=True).first()
    return month_of(earliest) if earliest else None
