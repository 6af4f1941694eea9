"""State assets for seed_demo: the inventory of unused state land and buildings Qena's governor asked
for (shared/context/004), with a few in Aswan and Al-Madinah, at every step of the review, and
investors' leads. Places are real districts; titles, areas and figures are illustrative.

Everything goes through the services, as staff would: the import's row form checks each asset."""

from django.contrib.auth import get_user_model
from django.db import transaction

from investments.imports import AssetRowForm
from investments.models import Asset
from investments.services import asset_review, asset_save, lead_submit, lead_update
from portal.models import District


def _square(lat: float, lng: float, half: float) -> dict:
    """A small surveyed outline around a point (half a side, in degrees)."""
    ring = [[lng - half, lat - half], [lng + half, lat - half], [lng + half, lat + half],
            [lng - half, lat + half], [lng - half, lat - half]]  # fmt: skip
    return {"type": "Polygon", "coordinates": [ring]}


# (recorder, district, village, kind, Arabic title, lat, lng, area m², owning body, use, legal status,
#  utilities [water, electricity, sewage, road], permitted uses, value, currency, outline half-side,
#  review steps [(action, actor, note)])
ASSETS = [
    (
        "qena.officer",
        "EG2702",
        "",
        "land",
        "أرض فضاء بالظهير الصحراوي الشرقي لمدينة قنا",
        26.190,
        32.780,
        85_000,
        "محافظة قنا - أملاك الدولة",
        "unused",
        "clear",
        (0, 1, 0, 1),
        "industrial,logistics",
        42_500_000,
        "EGP",
        0.0015,
        [("verify", "qena.staff", ""), ("approve", "admin", "")],
    ),
    (
        "qena.officer",
        "EG2702",
        "EG270201",
        "building",
        "مبنى الوحدة المحلية القديم بقرية أبنود",
        26.108,
        32.792,
        1_200,
        "الوحدة المحلية لمركز قنا",
        "unused",
        "clear",
        (1, 1, 1, 1),
        "services,administrative",
        3_600_000,
        "EGP",
        0,
        [("verify", "qena.staff", ""), ("approve", "admin", "")],
    ),
    (
        "nagh.officer",
        "EG2708",
        "",
        "market",
        "سوق الجملة غير المستغل بمدينة نجع حمادي",
        26.055,
        32.250,
        6_500,
        "مجلس مدينة نجع حمادي",
        "partly",
        "registration",
        (1, 1, 1, 1),
        "commercial",
        9_750_000,
        "EGP",
        0,
        [("verify", "qena.staff", ""), ("approve", "admin", "")],
    ),
    (
        "qena.staff",
        "EG2711",
        "",
        "land",
        "توسعات المنطقة الصناعية بقفط",
        26.000,
        32.830,
        250_000,
        "محافظة قنا - أملاك الدولة",
        "unused",
        "clear",
        (0, 1, 0, 1),
        "industrial",
        75_000_000,
        "EGP",
        0.0025,
        [("verify", "qena.staff", ""), ("approve", "admin", "")],
    ),
    (
        "qena.staff",
        "EG2709",
        "",
        "building",
        "استراحة على كورنيش النيل بنقادة",
        25.902,
        32.722,
        3_200,
        "مجلس مدينة نقادة",
        "unused",
        "clear",
        (1, 1, 1, 1),
        "tourism",
        6_400_000,
        "EGP",
        0,
        [("verify", "qena.staff", ""), ("approve", "admin", "")],
    ),
    (
        "qena.staff",
        "EG2713",
        "",
        "land",
        "قطعة أرض بالحي الثالث بمدينة قنا الجديدة",
        26.262,
        32.812,
        60_000,
        "هيئة المجتمعات العمرانية الجديدة",
        "unused",
        "clear",
        (1, 1, 1, 1),
        "residential,mixed",
        90_000_000,
        "EGP",
        0.002,
        [("verify", "qena.staff", ""), ("approve", "admin", "")],
    ),
    (
        "qena.staff",
        "EG2707",
        "",
        "facility",
        "مصنع تعبئة متوقف بمدينة قوص",
        25.915,
        32.765,
        14_000,
        "الشركة القابضة للصناعات الغذائية",
        "unused",
        "dispute",
        (1, 1, 0, 1),
        "industrial,logistics",
        None,
        "EGP",
        0,
        [("verify", "qena.staff", "")],
    ),
    (
        "qena.staff",
        "EG2706",
        "",
        "land",
        "أرض زراعية بزمام دشنا",
        26.128,
        32.470,
        42_000,
        "الهيئة العامة للإصلاح الزراعي",
        "partly",
        "encroached",
        (1, 0, 0, 1),
        "agricultural",
        None,
        "EGP",
        0,
        [],
    ),
    (
        "qena.staff",
        "EG2710",
        "",
        "building",
        "مخازن الإصلاح الزراعي بفرشوط",
        26.058,
        32.163,
        5_000,
        "الهيئة العامة للإصلاح الزراعي",
        "partly",
        "registration",
        (1, 1, 0, 1),
        "logistics",
        None,
        "EGP",
        0,
        [
            ("verify", "qena.staff", ""),
            ("return", "qena.staff", "المساحة في السجل العيني 4,600 م² وليست 5,000 م²؛ يرجى المراجعة."),
        ],
    ),
    (
        "aswan.staff",
        "EG2802",
        "",
        "land",
        "أرض فضاء بمدخل مدينة أسوان الشمالي",
        24.120,
        32.905,
        30_000,
        "محافظة أسوان - أملاك الدولة",
        "unused",
        "clear",
        (0, 1, 0, 1),
        "tourism,commercial",
        24_000_000,
        "EGP",
        0,
        [("verify", "aswan.staff", ""), ("approve", "admin", "")],
    ),
    (
        "madinah.staff",
        "00301",
        "",
        "land",
        "أرض صناعية بمحافظة ينبع",
        24.090,
        38.070,
        120_000,
        "وزارة الشؤون البلدية والقروية والإسكان",
        "unused",
        "clear",
        (1, 1, 0, 1),
        "industrial,logistics",
        36_000_000,
        "SAR",
        0,
        [("verify", "madinah.staff", ""), ("approve", "admin", "")],
    ),
]
# (asset index, name, company, phone, intended use, status reached, staff note)
LEADS = [
    (
        0,
        "م. أحمد عبد الرحيم",
        "شركة الصعيد للصناعات الغذائية",
        "01001234567",
        "مصنع لتعبئة وتجفيف الخضروات والفاكهة يوفر نحو 150 فرصة عمل.",
        "negotiating",
        "تمت المعاينة مع الشركة؛ في انتظار دراسة الجدوى.",
    ),
    (
        2,
        "منى حسن",
        "",
        "01112345678",
        "تشغيل السوق كسوق جملة للخضر والفاكهة بنظام حق الانتفاع.",
        "contacted",
        "تم الاتصال وتحديد موعد للزيارة.",
    ),
    (
        3,
        "خالد السيد",
        "مجموعة النيل للاستثمار الصناعي",
        "01223456789",
        "مجمع لصناعات مواد البناء الخفيفة على مرحلتين.",
        "new",
        "",
    ),
]


def seed_investments():
    """Idempotent: nothing is added when assets exist."""
    if Asset.objects.exists():
        return
    users = {user.username: user for user in get_user_model().objects.all()}
    with transaction.atomic():
        assets = [_asset(row, users) for row in ASSETS]
        for index, name, company, phone, intended_use, status, note in LEADS:
            lead = lead_submit(asset=assets[index], name=name, company=company, phone=f"+2{phone}",
                               intended_use=intended_use)  # fmt: skip
            if status != "new":
                lead_update(lead=lead, actor=users["qena.staff"], status=status, note=note)


def _asset(row, users) -> Asset:
    (recorder, district, village, kind, title, lat, lng, area, owner, use, legal, utilities, uses, value,
     currency, half, steps) = row  # fmt: skip
    water, electricity, sewage, road = utilities
    data = {
        "title_ar": title, "kind": kind, "district": district, "village": village, "latitude": str(lat),
        "longitude": str(lng), "area_m2": str(area), "owner_body": owner, "current_use": use,
        "legal_status": legal, "has_water": water, "has_electricity": electricity, "has_sewage": sewage,
        "has_road_access": road, "permitted_uses": uses.split(","), "currency": currency,
        "estimated_value": "" if value is None else str(value),
        "outline": _square(lat, lng, half) if half else "",
    }  # fmt: skip
    actor = users[recorder]
    data["governorate"] = _governorate_code(district)
    form = AssetRowForm(data, user=actor)
    if not form.is_valid():
        raise ValueError(f"demo asset {title}: {form.errors.as_json()}")
    asset = asset_save(form=form, actor=actor)
    for action, reviewer, note in steps:
        asset = asset_review(asset=asset, actor=users[reviewer], action=action, note=note)
    return asset


def _governorate_code(district_code: str) -> str:
    return District.objects.select_related("governorate").get(code=district_code).governorate.code
