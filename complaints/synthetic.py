"""Realistic synthetic complaints for demos and benchmarks: skewed volumes across districts,
a real status mix, resolution times around each category's SLA, and ratings that follow speed."""

import math
import random
from datetime import datetime, timedelta

from django.utils import timezone

from complaints.models import Category, Channel, Complaint, Status
from complaints.services import TRACKING_ALPHABET
from portal.text import normalize_arabic

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
    *, districts, count: int, seed: int, months: int, now: datetime | None = None, batch_size: int = 5000
) -> int:
    """Insert `count` complaints spread over the last `months` months. Returns how many were inserted."""
    rng = random.Random(seed)
    now = now or timezone.now()
    categories = list(Category.objects.filter(is_active=True))
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(districts))]  # a few districts get most of it
    rng.shuffle(districts)
    batch, inserted = [], 0
    for _ in range(count):
        batch.append(_complaint(rng, rng.choices(districts, weights)[0], rng.choice(categories), months, now))
        if len(batch) >= batch_size:
            inserted += len(Complaint.objects.bulk_create(batch))
            batch = []
    if batch:
        inserted += len(Complaint.objects.bulk_create(batch))
    return inserted


def _complaint(rng, district, category, months, now) -> Complaint:
    # Volume grows over time: later months get more complaints.
    age_days = months * 30 * (1 - math.sqrt(rng.random()))
    created = now - timedelta(days=age_days, seconds=rng.randrange(86400))
    description = rng.choice(PROBLEMS.get(category.code, PROBLEMS["other"]))
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}"
    fields = {
        "tracking_code": _code(rng, district.governorate.code),
        "governorate_id": district.governorate_id,
        "district": district,
        "category": category,
        "channel": rng.choices(Channel.values, [70, 15, 8, 2, 5])[0],
        "description": description,
        "name": name,
        "phone": f"+2010{rng.randrange(10**8):08d}",
        "search_text": normalize_arabic(f"{description} {name}"),
        "created_at": created,
        "due_at": created + category.sla,
    }
    fields.update(_outcome(rng, category, created, now))
    return Complaint(**fields)


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
    # Random from `secrets` for real complaints; reproducible here, with the seed, for test data.
    block = "".join(rng.choice(TRACKING_ALPHABET) for _ in range(8))
    return f"{governorate_code.replace('-', '')}-{block[:4]}-{block[4:]}"
