"""Calendar months in the site's time zone: an indicator's period is the month's first day."""

import re
from datetime import date, datetime, time

from django.utils import timezone


def month_of(moment: datetime) -> date:
    """The first day of the month `moment` falls in, in the site's time zone."""
    return timezone.localtime(moment).date().replace(day=1)


def next_month(period: date) -> date:
    return date(period.year + period.month // 12, period.month % 12 + 1, 1)


def previous_month(period: date) -> date:
    return date(period.year - (period.month == 1), (period.month - 2) % 12 + 1, 1)


def month_start(period: date) -> datetime:
    """The first instant of the month, as an aware datetime in the site's time zone."""
    return timezone.make_aware(datetime.combine(period, time.min))


def month_end(period: date, now: datetime) -> datetime:
    """end(m) of DESIGN.md §5: the earlier of the next month's first instant and now."""
    return min(month_start(next_month(period)), now)


def months_between(first: date, last: date) -> list[date]:
    """Every month from `first` to `last`, both included."""
    months = []
    while first <= last:
        months.append(first)
        first = next_month(first)
    return months


PERIOD = re.compile(r"[0-9]{4}-[0-9]{2}")


def parse_period(text: str) -> date | None:
    """`YYYY-MM` (exactly: ASCII digits, a two-digit month) as the month's first day; None for anything
    else, and for months before 2000."""
    text = (text or "").strip()
    if not PERIOD.fullmatch(text):
        return None
    year, month = int(text[:4]), int(text[5:])
    return date(year, month, 1) if year >= 2000 and 1 <= month <= 12 else None
