"""Indicator engine benchmark: a full recomputation against one hand-tuned SQL statement (the limit) and
a naive Python loop, and an incremental run after 10,000 changed complaints. PostgreSQL only.

Prepare each database once; they are kept, and later runs reuse them:

    createdb -h 127.0.0.1 -U postgres bench1m
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench1m
    .venv/bin/python bench/indicators.py --prepare 1000000
    createdb -h 127.0.0.1 -U postgres bench10m
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench10m
    nohup .venv/bin/python bench/indicators.py --prepare 10000000 > prepare10m.log 2>&1 &

`--prepare N` runs migrate and load_geography, generates 1,000,000 complaints over 36 months (seed 11)
when the table is empty (about 2.5 minutes), copies them in SQL until there are N (new ids, tracking codes
with a '-k' suffix, times k·7 minutes earlier; about 2.5 minutes a million), then VACUUM ANALYZE.
It resumes when interrupted and deletes nothing. Long steps: run them with nohup … & and poll.

Then, in one run per database (the 10M run takes several minutes):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench1m .venv/bin/python bench/indicators.py

The bench deletes and rewrites only what it owns: indicator values, scorecards and computation runs.
The 10,000 changes it times an incremental run on are undone afterwards (its 5,000 inserted complaints
deleted, the 5,000 changed ones restored). Timings are wall-clock on a shared 2-core machine: run it
when nothing else is (a test suite running beside it moves figures by tens of percent).
PostgreSQL's JIT compiles every query costed over jit_above_cost; to run everything without it:
PGOPTIONS='-c jit=off' DATABASE_URL=… .venv/bin/python bench/indicators.py
"""

import argparse
import hashlib
import os
import statistics
import sys
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from indicator_data import changes_make, changes_undo, prepare  # noqa: E402

from complaints.models import Complaint, Status  # noqa: E402
from indicators.engine.periods import month_of, months_between  # noqa: E402
from indicators.models import ComputationRun, IndicatorValue, Scorecard  # noqa: E402
from indicators.services import changes_run, full_run_in_process  # noqa: E402

TARGET_RATIO = 1.3

# Every complaint indicator of DESIGN.md §5 per district and month, in one statement: one scan groups
# filing, due and leaving months (the backlog is +1 in a complaint's due month, -1 in the later of its
# due and resolution months), a second sorts the resolved complaints for the exact median.
STATEMENT = """
WITH e AS NOT MATERIALIZED (
    SELECT district_id, created_at, resolved_at, due_at, satisfaction,
           date_trunc('month', created_at AT TIME ZONE %(tz)s)::date AS created_m,
           date_trunc('month', resolved_at AT TIME ZONE %(tz)s)::date AS resolved_m,
           date_trunc('month', due_at AT TIME ZONE %(tz)s)::date AS due_m
    FROM complaints_complaint WHERE status <> 'rejected'
), counts AS (
    SELECT district_id, created_m, due_m, due_at < %(now)s AS due,
           CASE WHEN resolved_m IS NOT NULL THEN greatest(due_m, resolved_m) END AS left_m,
           count(*) AS n, count(resolved_at) AS settled
    FROM e GROUP BY 1, 2, 3, 4, 5
), filed AS (
    SELECT district_id, created_m AS m, sum(n) AS received, sum(settled) AS settled FROM counts GROUP BY 1, 2
), moves AS (
    SELECT district_id, m, sum(delta) AS delta FROM (
        SELECT district_id, due_m AS m, n AS delta FROM counts WHERE due
        UNION ALL
        SELECT district_id, left_m, -n FROM counts WHERE due AND left_m IS NOT NULL
    ) AS d GROUP BY 1, 2
), resolved AS (
    SELECT district_id, resolved_m AS m, count(*) AS resolved,
           count(*) FILTER (WHERE resolved_at <= due_at) AS on_time,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', resolved_at - created_at) / 3600.0)
               AS median_hours,
           avg(satisfaction) AS satisfaction_avg
    FROM e WHERE resolved_at IS NOT NULL GROUP BY 1, 2
), grid AS (
    SELECT d.id AS district_id, g.m::date AS m
    FROM portal_district AS d,
         generate_series((SELECT min(m) FROM filed), date_trunc('month', %(now)s AT TIME ZONE %(tz)s),
                         interval '1 month') AS g(m)
)
SELECT g.district_id, g.m, coalesce(f.received, 0), 100.0 * f.settled / f.received, coalesce(r.resolved, 0),
       r.median_hours, 100.0 * r.on_time / r.resolved,
       sum(coalesce(mv.delta, 0)) OVER (PARTITION BY g.district_id ORDER BY g.m), r.satisfaction_avg
FROM grid AS g
LEFT JOIN filed AS f USING (district_id, m)
LEFT JOIN resolved AS r USING (district_id, m)
LEFT JOIN moves AS mv USING (district_id, m)
"""
STATEMENT_CODES = ["complaints_received", "resolution_rate", "complaints_resolved", "median_resolution_hours",
                   "sla_compliance", "overdue_backlog", "satisfaction_avg"]  # fmt: skip


def timed(function, repeat: int = 1, warm_up: bool = False) -> float:
    """Median wall time in seconds over `repeat` runs, after an untimed one if `warm_up`."""
    if warm_up:
        function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


@contextmanager
def queries_recorded(log: list):
    """Append (seconds, sql, params) of every query run inside to `log`."""

    def record(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            log.append((time.perf_counter() - start, sql, params))

    with connection.execute_wrapper(record):
        yield


def statement_rows(now, jit_off: bool = False) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SET jit = off" if jit_off else "RESET jit")  # RESET: the session's default
        try:
            cursor.execute(STATEMENT, {"now": now, "tz": settings.TIME_ZONE})
            return cursor.fetchall()
        finally:
            cursor.execute("RESET jit")


def differences(rows: list[tuple]) -> tuple[int, Counter]:
    """Compare the statement's figures with the stored ones: values compared, and how many differ by code."""
    stored = {
        (code, district_id, period): value
        for code, district_id, period, value in IndicatorValue.objects.filter(
            indicator__code__in=STATEMENT_CODES
        ).values_list("indicator__code", "district_id", "period", "value")
    }
    compared, differ = 0, Counter()
    for district_id, period, *values in rows:
        for code, value in zip(STATEMENT_CODES, values, strict=True):
            if (code, district_id, period) not in stored:
                continue  # the engine starts each governorate at its own first month
            mine, theirs = stored[code, district_id, period], None if value is None else float(value)
            compared += 1
            differ[code] += (mine is None) != (theirs is None) or (
                mine is not None and abs(mine - theirs) > 1e-6
            )
    return compared, +differ


def naive_measures(now, sample: int) -> dict:
    """The same indicators by looping over complaints in Python (ORM objects), for the first `sample`."""
    filed, settled, ratings = defaultdict(int), defaultdict(int), defaultdict(list)
    hours, on_time, backlog = defaultdict(list), defaultdict(int), defaultdict(int)
    current = month_of(now)
    fields = ["district_id", "status", "created_at", "due_at", "resolved_at", "satisfaction"]
    for complaint in Complaint.objects.only(*fields).order_by("pk")[:sample].iterator(chunk_size=5000):
        if complaint.status == Status.REJECTED:
            continue
        district = complaint.district_id
        filed[district, month_of(complaint.created_at)] += 1
        if complaint.resolved_at is not None:
            resolved = (district, month_of(complaint.resolved_at))
            settled[district, month_of(complaint.created_at)] += 1
            hours[resolved].append((complaint.resolved_at - complaint.created_at).total_seconds() / 3600)
            on_time[resolved] += complaint.resolved_at <= complaint.due_at
            if complaint.satisfaction is not None:
                ratings[resolved].append(complaint.satisfaction)
        if complaint.due_at < now:
            left = month_of(complaint.resolved_at) if complaint.resolved_at else None
            for period in months_between(month_of(complaint.due_at), current):
                if left is not None and period >= left:
                    break
                backlog[district, period] += 1
    medians = {key: statistics.median(values) for key, values in hours.items()}
    averages = {key: statistics.mean(values) for key, values in ratings.items()}
    return {"filed": filed, "settled": settled, "median": medians, "on_time": on_time, "rating": averages,
            "backlog": backlog}  # fmt: skip


def owned_data_delete() -> None:
    """What the bench owns and rewrites: indicator values, scorecards and computation runs."""
    IndicatorValue.objects.all().delete()
    Scorecard.objects.all().delete()
    ComputationRun.objects.all().delete()


def family(sql: str) -> str:
    markers = [("upserts", "INSERT"), ("backlog departures", "GREATEST("), ("resolved", '"resolved_at" AT'),
               ("backlog arrivals", '"due_at" AT'), ("created", '"created_at" AT')]  # fmt: skip
    return next((name for name, marker in markers if marker in sql), "other")


def slowest(log: list, count: int = 3) -> list[tuple]:
    return sorted(log, key=lambda entry: entry[0], reverse=True)[:count]


def explain(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join("    " + line for (line,) in cursor.fetchall())


def benchmark(naive_sample: int) -> None:
    total = Complaint.objects.count()
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
    engine = Path(__file__).resolve().parent.parent / "indicators"
    source = b"".join(
        path.read_bytes() for path in [*sorted(engine.glob("engine/*.py")), engine / "services.py"]
    )
    print(f"database {connection.settings_dict['NAME']}: {total:,} complaints; now {now:%Y-%m-%d %H:%M} UTC; "
          f"jit {jit}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"engine source sha1 {hashlib.sha1(source).hexdigest()[:10]}")  # fmt: skip

    statement = timed(lambda: statement_rows(now), repeat=3, warm_up=True)
    statement_no_jit = timed(lambda: statement_rows(now, jit_off=True), repeat=3, warm_up=True)
    limit = min(statement, statement_no_jit)
    rows = statement_rows(now)
    print(f"hand-tuned statement (median of 3):    {statement:8.2f} s  ({len(rows):,} district-months)")
    print(f"  the same with SET jit = off:         {statement_no_jit:8.2f} s  -> the limit is {limit:.2f} s")

    owned_data_delete()
    log = []
    with queries_recorded(log):
        start = time.perf_counter()
        run = full_run_in_process(now=now)
        full = time.perf_counter() - start
    again = timed(lambda: full_run_in_process(now=now))
    in_database = sum(seconds for seconds, _sql, _params in log)
    print(
        f"engine full recompute, empty table:    {full:8.2f} s  ({run.values_written:,} values written)"
        f"  ratio {full / limit:.2f} (target <= {TARGET_RATIO}); {full / statement:.2f} to the first"
    )
    print(f"  in {len(log):,} queries {in_database:.2f} s, in Python {full - in_database:.2f} s")  # fmt: skip
    print(f"engine full recompute, re-run:         {again:8.2f} s  ratio {again / limit:.2f}")
    compared, differ = differences(rows)
    print(f"statement vs engine: {compared:,} values compared; differing: {dict(differ) or 'none'}")

    sample = min(naive_sample, total)
    naive = timed(lambda: naive_measures(now, sample)) * total / sample
    print(f"naive Python loop over ORM objects:    {naive:8.2f} s  (timed on {sample:,} complaints, "
          f"extrapolated; no storing)  ratio {naive / limit:.1f} to the statement, "
          f"{naive / full:.1f} to the engine")  # fmt: skip

    changes_run(now=timezone.now())  # the run the incremental one follows
    quiet = timed(lambda: changes_run(now=timezone.now()))
    old_rows = changes_make(timezone.now())
    incremental_log = []
    try:
        with queries_recorded(incremental_log):
            start = time.perf_counter()
            run = changes_run(now=timezone.now())
            incremental = time.perf_counter() - start
    finally:
        changes_undo(old_rows)
    print(f"incremental run, nothing changed:      {quiet:8.2f} s")
    print(
        f"incremental run after 10,000 changes:  {incremental:8.2f} s  "
        f"({run.values_written:,} values written, {len(incremental_log)} queries; target < 2 s)"
    )

    print(f"load average now {os.getloadavg()[0]:.1f}")
    over = {"full recompute": full / limit > TARGET_RATIO, "incremental run": incremental >= 2}
    for title, entries in [("full recompute", log), ("incremental run", incremental_log)]:
        families = defaultdict(lambda: [0, 0.0])
        for seconds, sql, _params in entries:
            families[family(sql)][0] += 1
            families[family(sql)][1] += seconds
        print(
            f"queries of the {title}: " + ", ".join(f"{k} {n} in {t:.2f} s" for k, (n, t) in families.items())
        )
        for seconds, sql, _params in slowest(entries):
            print(f"  {seconds:7.3f} s  {' '.join(sql.split())[:150]}")
        if over[title]:
            seconds, sql, params = slowest(
                [e for e in entries if e[1].lstrip().upper().startswith("SELECT")], 1
            )[0]
            print(f"EXPLAIN ANALYZE of the slowest query of the {title} ({seconds:.2f} s in the run):")
            print(explain(sql, params))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prepare", type=int, metavar="N", help="prepare this database with N complaints")
    parser.add_argument("--naive-sample", type=int, default=100_000, help="complaints the naive loop times")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("This bench needs PostgreSQL: set DATABASE_URL (see the top of bench/indicators.py).")
    if args.prepare:
        prepare(args.prepare)
    else:
        benchmark(args.naive_sample)


if __name__ == "__main__":
    main()
