"""The two things the ORM lacks for indicators: hours between two timestamps, and an exact median.

PostgreSQL has `percentile_cont`; SQLite gets a MEDIAN aggregate registered on each connection, so the
median is still computed inside the database on both.
"""

import statistics
import zoneinfo

from django.conf import settings
from django.db.models import Aggregate, DateField, F, FloatField, Func
from django.db.models.functions import TruncMonth


def month(field: str) -> TruncMonth:
    """The month (its first day) of a timestamp in the site's time zone, whatever zone is active."""
    return TruncMonth(field, output_field=DateField(), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


class HoursBetween(Func):
    """(end - start) in hours, as a float."""

    output_field = FloatField()

    def __init__(self, end: str, start: str):
        super().__init__(F(end), F(start))

    def as_postgresql(self, compiler, connection, **extra):
        # date_part on an interval is a float; extract() is numeric and 42 % slower (DESIGN.md §7).
        return self.as_sql(
            compiler,
            connection,
            template="date_part('epoch', %(expressions)s) / 3600.0",
            arg_joiner=" - ",
            **extra,
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s)) * 24.0",
            arg_joiner=") - julianday(",
            **extra,
        )


class Median(Aggregate):
    """The exact median; the mean of the two middle values for an even count."""

    function = "MEDIAN"
    output_field = FloatField()
    allow_distinct = False

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            function="PERCENTILE_CONT",
            template="%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)",
            **extra,
        )


class _SqliteMedian:
    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def register_sqlite_functions(sender, connection, **kwargs):
    """connection_created receiver: give SQLite the MEDIAN aggregate."""
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("MEDIAN", 1, _SqliteMedian)
