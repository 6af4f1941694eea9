"""Data for bench/indicators.py: preparing a benchmark database, and the 10,000 changes an incremental
run is timed on (made, then undone, so every run of the bench sees the same table).

Imported after django.setup().
"""

import random
from datetime import timedelta

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from complaints.models import Category, Complaint
from portal.models import District

BASE_COUNT = 1_000_000
COPY_CHUNK = 250_000
SHIFT_MINUTES = 7  # copy k is k·7 minutes earlier than the generated complaint it copies
BENCH_PREFIX = "BENCH-"  # tracking codes of the complaints the bench inserts (and deletes again)


def prepare(target: int) -> None:
    """Migrate, load the geography, generate 1,000,000 complaints over 36 months (seed 11) when the table
    is empty, then copy them in SQL until it holds `target`. Re-running resumes; nothing is deleted."""
    call_command("migrate", verbosity=0)
    call_command("load_geography", verbosity=0)
    if not Complaint.objects.exists():
        call_command("generate_complaints", count=BASE_COUNT, seed=11, months=36)
    first_id = Complaint.objects.order_by("pk").values_list("pk", flat=True).first()
    base_last = first_id + BASE_COUNT - 1  # the generated block: COPY gives it consecutive ids
    copies = target // BASE_COUNT - 1 if Complaint.objects.count() < target else 0
    fields = [f for f in Complaint._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(f.column for f in fields)
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        for k in range(1, copies + 1):
            select = ", ".join(_copied(f, k) for f in fields)
            for low in range(first_id, base_last + 1, COPY_CHUNK):
                cursor.execute(
                    f"INSERT INTO complaints_complaint ({columns}) SELECT {select} FROM complaints_complaint"
                    " WHERE id BETWEEN %s AND %s ON CONFLICT (tracking_code) DO NOTHING",
                    [low, min(low + COPY_CHUNK - 1, base_last)],
                )
                print(f"copy {k}/{copies}: ids from {low}, {cursor.rowcount:,} rows", flush=True)
        cursor.execute("ANALYZE complaints_complaint")
        _in_filing_order(cursor)
        cursor.execute("VACUUM ANALYZE complaints_complaint")
    print(f"{Complaint.objects.count():,} complaints")


def _in_filing_order(cursor) -> None:
    """Generated complaints come in random time order; a live table grows in filing order, which is
    what makes a recent month's rows sit together. CLUSTER rewrites the table in that order."""
    cursor.execute(
        "SELECT correlation FROM pg_stats WHERE tablename = 'complaints_complaint' AND attname = 'created_at'"
    )
    if abs(cursor.fetchone()[0]) > 0.9:
        return
    cursor.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'complaints_complaint'"
        " AND indexdef LIKE '%btree (created_at)'"
    )
    print("clustering the table by created_at", flush=True)
    cursor.execute(f"CLUSTER complaints_complaint USING {cursor.fetchone()[0]}")


def _copied(field, k: int) -> str:
    if field.column == "tracking_code":
        return f"tracking_code || '-{k}'"  # 'EG27-ABCD-EFGH-9': unique, within 20 characters
    if field.get_internal_type() == "DateTimeField":
        return f"{field.column} - interval '{k * SHIFT_MINUTES} minutes'"
    return field.column


def changes_make(now, count: int = 10_000, seed: int = 5) -> list[tuple]:
    """Half new complaints filed this month across all districts (one bulk insert, updated_at = now),
    half existing ones changed: open complaints resolved, and recently resolved ones rated. Returns
    the changed rows' old values for changes_undo()."""
    rng = random.Random(seed)
    districts = list(District.objects.values_list("pk", "governorate_id"))
    categories = list(Category.objects.filter(is_active=True))
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    seconds = int((now - month_start).total_seconds())
    new = []
    for i in range(count // 2):
        district_id, governorate_id = rng.choice(districts)
        category = rng.choice(categories)
        created = month_start + timedelta(seconds=rng.randrange(seconds))
        new.append(Complaint(
            tracking_code=f"{BENCH_PREFIX}{i:06d}", governorate_id=governorate_id, district_id=district_id,
            category=category, description="شكوى للاختبار", name="مواطن", phone="+201000000000",
            created_at=created, due_at=created + category.sla,
        ))  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        Complaint.objects.bulk_create(new, batch_size=1000)
        # Old values come back through a self-join; the UPDATE's RETURNING alone gives only new ones.
        cursor.execute(
            """
            WITH picked AS (
                (SELECT id FROM complaints_complaint WHERE status IN ('new', 'accepted', 'in_progress')
                 ORDER BY md5(id::text) LIMIT %(half)s)
                UNION ALL
                (SELECT id FROM complaints_complaint
                 WHERE status IN ('resolved', 'closed') AND satisfaction IS NULL AND resolved_at >= %(recent)s
                 ORDER BY md5(id::text) LIMIT %(half)s)
            ), old AS (
                SELECT c.id, c.status, c.resolved_at, c.satisfaction, c.updated_at
                FROM complaints_complaint c JOIN picked USING (id)
            )
            UPDATE complaints_complaint c  -- open ones are resolved now; resolved ones get a rating
            SET status = CASE WHEN old.resolved_at IS NULL THEN 'resolved' ELSE old.status END,
                resolved_at = coalesce(old.resolved_at, %(now)s),
                satisfaction = CASE WHEN old.resolved_at IS NULL THEN NULL ELSE 1 + c.id %% 5 END,
                updated_at = %(now)s
            FROM old WHERE c.id = old.id
            RETURNING old.id, old.status, old.resolved_at, old.satisfaction, old.updated_at
            """,
            {"half": count - count // 2, "recent": now - timedelta(days=30), "now": now},
        )
        return cursor.fetchall()


def changes_undo(old_rows: list[tuple]) -> None:
    """Delete the complaints changes_make() inserted and put the changed ones back as they were."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM complaints_complaint WHERE tracking_code LIKE %s", [BENCH_PREFIX + "%"])
        if old_rows:
            ids, statuses, resolved, ratings, updated = (
                list(column) for column in zip(*old_rows, strict=True)
            )
            cursor.execute(
                """
                UPDATE complaints_complaint c
                SET status = o.status, resolved_at = o.resolved_at, satisfaction = o.satisfaction,
                    updated_at = o.updated_at
                FROM unnest(%s::bigint[], %s::varchar[], %s::timestamptz[], %s::smallint[], %s::timestamptz[])
                    AS o(id, status, resolved_at, satisfaction, updated_at)
                WHERE c.id = o.id
                """,
                [ids, statuses, resolved, ratings, updated],
            )
