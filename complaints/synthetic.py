"""Realistic synthetic complaints for demos and benchmarks: skewed volumes across districts,
a real status mix, resolution times around each category's SLA, and ratings that follow speed."""

import io
import itertools
import math
import random
import secrets
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from complaints.models import Category, Channel, Complaint, Status
from complaints.services import TRACKING_ALPHABET
from portal.text import normalize_arabic

# How citizens' complaints arrive (those raised on inspections are seeded with the inspections).
CHANNEL_WEIGHTS = {Channel.WEB: 70, Channel.HOTLINE: 15, Channel.HEARING: 8, Channel.OPEN311: 2,
                   Channel.WALK_IN: 5}  # fmt: skip

FIRST_NAMES = [
    "محمد",
    "أحمد",
    "محمود",
    "مصطفى",
    "علي",
    "حسن",
    "فاطمة",
    "منى",
    "سارة",
    "هبة",
    "عمرو",
    "خالد",
    "إيمان",
    "نورا",
    "يوسف",
    "عبد الله",
    "مريم",
    "آية",
    "سيد",
    "رضا",
]
FAMILY_NAMES = [
    "عبد الرحيم",
    "السيد",
    "حسانين",
    "الطيب",
    "عبد العال",
    "الصعيدي",
    "القناوي",
    "إبراهيم",
    "عثمان",
    "محمود",
    "فرغلي",
    "الأسواني",
    "درويش",
    "النجار",
]
PROBLEMS = {
    "roads": ["حفرة كبيرة في منتصف الطريق أمام المدرسة", "الطريق غير ممهد منذ شهور ويصعب مرور السيارات"],
    "street_lighting": ["أعمدة الإنارة في الشارع مطفأة منذ أسبوع", "كشاف إنارة مكسور بجوار المسجد"],
    "water": ["انقطاع مياه الشرب منذ ثلاثة أيام", "المياه تصل بلون عكر ورائحة غير مقبولة"],
    "sewage": ["طفح مياه الصرف الصحي في الشارع الرئيسي", "غطاء بالوعة الصرف مكسور ويمثل خطرا"],
    "waste": ["تراكم القمامة بجوار السوق ولم ترفع", "صندوق القمامة ممتلئ ولا يتم تفريغه"],
    "markets": ["إشغالات الباعة تغلق الطريق أمام السوق", "سوق عشوائي يعطل حركة المرور"],
    "illegal_building": ["بناء مخالف بدون ترخيص على أرض زراعية", "تعلية مخالفة لعقار قديم"],
    "public_utilities": ["تلف سور الحديقة العامة", "دورة المياه العامة مغلقة"],
    "public_transport": ["عدم انتظام مواعيد سيارات الأجرة بالموقف", "زيادة الأجرة عن التعريفة المقررة"],
    "other": ["كلاب ضالة في المنطقة", "ضوضاء مستمرة من ورشة ليلا"],
}
# How often each status is reached, by the age of the complaint (share of all complaints).
REJECTED_SHARE = 0.05


def generate_complaints(
    *, districts, count: int, seed: int, months: int, now: datetime | None = None, batch_size: int = 10_000
) -> int:
    """Insert `count` complaints spread over the last `months` months. Returns how many were inserted."""
    rng = random.Random(seed)
    now = now or timezone.now()
    categories = list(Category.objects.filter(is_active=True))
    rng.shuffle(districts)
    # A few districts get most of the complaints (Zipf-like); cumulative weights are computed once.
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(districts))))
    insert = _copy_rows if connection.vendor == "postgresql" else _bulk_create_rows
    inserted = 0
    while inserted < count:
        size = min(batch_size, count - inserted)
        rows = [
            _complaint(
                rng, rng.choices(districts, cum_weights=cumulative)[0], rng.choice(categories), months, now
            )
            for _ in range(size)
        ]
        insert(rows)
        inserted += size
    return inserted


def _bulk_create_rows(rows: list[dict]):
    Complaint.objects.bulk_create([Complaint(**row) for row in rows])


def _copy_rows(rows: list[dict]):
    """PostgreSQL's COPY: about three times faster than bulk_create for a million rows."""
    fields = [f for f in Complaint._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    buffer = io.StringIO()
    for row in rows:
        values = {**defaults, **{_attname(key): value for key, value in row.items()}}
        buffer.write("\t".join(_copy_text(values[f.attname]) for f in fields) + "\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.connection.cursor().copy_expert(
            f"COPY {Complaint._meta.db_table} ({columns}) FROM STDIN", buffer
        )


def _attname(key: str) -> str:
    return f"{key}_id" if key in ("district", "category") else key


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _complaint(rng, district, category, months, now) -> dict:
    # Volume grows over time: later months get more complaints.
    age_days = months * 30 * (1 - math.sqrt(rng.random()))
    created = now - timedelta(days=age_days, seconds=rng.randrange(86400))
    description = rng.choice(PROBLEMS.get(category.code, PROBLEMS["other"]))
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}"
    fields = {
        "tracking_code": _code(rng, district.governorate.code),
        "governorate_id": district.governorate_id,
        "district_id": district.pk,
        "category_id": category.pk,
        "channel": rng.choices(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()))[0],
        "description": description,
        "name": name,
        "phone": f"+2010{rng.randrange(10**8):08d}",
        "search_text": normalize_arabic(f"{description} {name}"),
        "created_at": created,
        "due_at": created + category.sla,
    }
    fields.update(_place(rng, district.governorate))
    fields.update(_outcome(rng, category, created, now))
    fields["updated_at"] = fields.get("closed_at") or fields.get("resolved_at") or created
    return fields


def _place(rng, governorate) -> dict:
    """Two in three citizens share a place, somewhere around their governorate's centre."""
    if governorate.latitude is None or rng.random() > 0.66:
        return {}
    return {
        "latitude": round(governorate.latitude + Decimal(rng.gauss(0, 0.12)), 6),
        "longitude": round(governorate.longitude + Decimal(rng.gauss(0, 0.12)), 6),
    }


def _outcome(rng, category, created, now) -> dict:
    if rng.random() < REJECTED_SHARE:
        return {
            "status": Status.REJECTED,
            "rejection_reason": rng.choice(["outside_mandate", "spam", "duplicate"]),
        }
    # Resolution time: log-normal around 80% of the SLA, with a long tail of late answers.
    hours = rng.lognormvariate(math.log(category.sla_hours * 0.8), 0.7)
    resolved = created + timedelta(hours=hours)
    if resolved > now:
        status = rng.choices([Status.NEW, Status.ACCEPTED, Status.IN_PROGRESS], [2, 3, 5])[0]
        return {
            "status": status,
            "accepted_at": created + timedelta(hours=2) if status != Status.NEW else None,
        }
    on_time = hours <= category.sla_hours
    rating = None
    if rng.random() < 0.45:
        rating = min(5, max(1, round(rng.gauss(4.2 if on_time else 2.6, 0.9))))
    closed = resolved + timedelta(days=7)
    return {
        "status": Status.CLOSED if closed < now or rating else Status.RESOLVED,
        "accepted_at": created + timedelta(hours=min(hours / 4, 12)),
        "resolved_at": resolved,
        "closed_at": closed if closed < now else None,
        "answer": "تم التعامل مع الشكوى وحل المشكلة بمعرفة الإدارة المختصة.",
        "satisfaction": rating,
    }


def _code(rng, governorate_code: str) -> str:
    # From `secrets`, not the seeded generator: a second run with the same seed must not collide.
    block = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))
    return f"{governorate_code.replace('-', '')}-{block[:4]}-{block[4:]}"
