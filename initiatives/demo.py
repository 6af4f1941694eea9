"""Initiatives, field work and an award cycle for Qena, Aswan and Al-Madinah, for seed_demo.

The places, partners and themes are those of the source documents (shared/context); the projects,
figures and dates are illustrative and set relative to today, so that some are on time and some late.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from complaints.models import Category
from initiatives.models import (
    AwardCriterion,
    AwardCycle,
    Initiative,
    InitiativePartner,
    Milestone,
    SuccessStory,
    Theme,
)
from initiatives.services.awards import (
    cycle_publish,
    cycle_start_judging,
    nomination_score,
    nomination_submit,
)
from initiatives.services.field import (
    assignment_complete,
    directive_issue,
    finding_file_complaint,
    inspection_record,
)
from initiatives.services.projects import (
    initiative_report_progress,
    obstacle_log,
    obstacles_escalate,
    progress_review,
)
from initiatives.services.stories import story_replicate
from portal.models import District, Governorate
from programs.models import Organization, Program

# (key, governorate, districts, sector, theme, currency, budget, start/end in days from today,
#  approved progress, partners [(slug, role)], Arabic title, Arabic description, lat, lng)
INITIATIVES = [
    ("qena-road", "EG27", ["EG2702"], "roads", "quality_of_life", "EGP", 12_500_000, -200, 160, 40,
     [("ldp-ue", "1"), ("mold", "2")], "رصف وتطوير الطريق الداخلي لقرية الحميدات",
     "رصف 4.2 كم من الطريق الداخلي مع أعمال صرف مياه الأمطار والأرصفة.", 26.176, 32.752),
    ("nagh-lighting", "EG27", ["EG2708"], "lighting", "sustainability", "EGP", 3_200_000, -120, 60, 70,
     [("mold", "1")], "تحويل إنارة شوارع مدينة نجع حمادي إلى كشافات موفرة للطاقة",
     "استبدال 1,850 كشافاً بكشافات LED وتركيب عدادات ذكية لشبكة الإنارة العامة.", 26.049, 32.242),
    ("qena-market", "EG27", ["EG2702", "EG2701"], "markets", "local_content", "EGP", 7_800_000, -400, -30, 100,
     [("ldp-ue", "1"), ("un-habitat", "technical")], "تطوير سوق الخضر والفاكهة المركزي بمدينة قنا",
     "إعادة تخطيط السوق وتوفير 240 باكية مرخصة ومظلات ونقطة تجميع للمخلفات.", 26.164, 32.726),
    ("qena-asset-map", "EG27", ["EG2702"], "digital", "innovation", "EGP", 1_500_000, -60, 300, 10,
     [("un-habitat", "technical"), ("unitac", "technical")], "خريطة رقمية للأصول والأراضي غير المستغلة بمركز قنا",
     "حصر ميداني للأصول المملوكة للدولة ونشرها على الخريطة الاستثمارية للمحافظة، ضمن معمل قنا للتنمية العمرانية.",
     26.170, 32.740),
    ("hamidat-sewage", "EG27", ["EG2702"], "water_sewage", "quality_of_life", "EGP", 18_000_000, -30, 500, 0,
     [("ldp-ue", "1")], "محطة معالجة الصرف الصحي لقرية الحميدات شرق",
     "إنشاء محطة معالجة بطاقة 5,000 م³ يومياً وشبكة تجميع للقرية.", 26.180, 32.760),
    ("aswan-literacy", "EG28", ["EG2802"], "social", "nonprofit", "EGP", 900_000, -150, 210, 55,
     [("aswan-community-development", "4")], "محو الأمية وتمكين المرأة اقتصادياً في غرب سهيل",
     "فصول لمحو الأمية وتدريب على المشروعات الصغيرة لنساء القرية، تنفذها جمعية أهلية شريكة.", 24.125, 32.866),
    ("kom-ombo-canals", "EG28", ["EG2804"], "environment", "sustainability", "EGP", 6_400_000, -90, 270, 15,
     [("mold", "1")], "تبطين الترع وتحسين كفاءة الري في مركز كوم امبو",
     "تبطين 12 كم من الترع الفرعية لتقليل الفاقد وتحسين وصول المياه لنهايات الترع.", 24.476, 32.946),
    ("yanbu-humanisation", "SA-03", ["00301"], "urban", "quality_of_life", "SAR", 24_000_000, -500, -60, 100,
     [], "أنسنة وسط مدينة ينبع التاريخي", "ممرات للمشاة وإنارة ومساحات عامة مظللة في المنطقة التاريخية.",
     24.089, 38.064),
    ("ula-services", "SA-03", ["00302"], "digital", "innovation", "SAR", 5_000_000, -100, 200, 45,
     [], "منصة الخدمات البلدية الرقمية في العلا", "إتاحة رخص البناء والمحلات إلكترونياً وربطها بخريطة المدينة.",
     26.608, 37.923),
]  # fmt: skip


def seed_initiatives():
    """Idempotent: nothing is added when initiatives exist."""
    if Initiative.objects.exists():
        return
    users = {user.username: user for user in get_user_model().objects.all()}
    today = timezone.localdate()
    with transaction.atomic():
        initiatives = {row[0]: _initiative(row, today) for row in INITIATIVES}
        _progress(initiatives, users)
        _obstacles(initiatives, users, today)
        _inspections(initiatives, users)
        _directives(users, today)
        _madinah_field_work(initiatives, users, today)
        _stories(initiatives, users, today)
        _awards(initiatives, users, today)


def _initiative(row, today) -> Initiative:
    (key, governorate, districts, sector, theme, currency, budget, start, end, progress, partners, title,
     summary, lat, lng) = row  # fmt: skip
    initiative = Initiative.objects.create(
        title_ar=title, summary_ar=summary, governorate=Governorate.objects.get(code=governorate),
        sector=sector, theme=theme, currency=currency, budget=Decimal(budget),
        planned_start=today + timedelta(days=start), planned_end=today + timedelta(days=end),
        latitude=Decimal(str(lat)), longitude=Decimal(str(lng)),
        program=Program.objects.filter(slug="qena-urban-development-lab").first() if key == "qena-asset-map" else None,
    )  # fmt: skip
    initiative.districts.set(District.objects.filter(code__in=districts))
    for slug, role in partners:
        InitiativePartner.objects.create(
            initiative=initiative, organization=Organization.objects.get(slug=slug), role=role
        )
    span = (initiative.planned_end - initiative.planned_start).days
    for order, (title_ar, share) in enumerate(
        [("التصميمات والتراخيص", 0.2), ("التنفيذ", 0.8), ("الاستلام", 1)], 1
    ):
        due = initiative.planned_start + timedelta(days=int(span * share))
        Milestone.objects.create(
            initiative=initiative, order=order, title=title_ar, due_on=due,
            done_on=due if order * 33 <= progress else None,
        )  # fmt: skip
    initiative.target_progress = progress  # applied through approved reports
    return initiative


def _progress(initiatives, users):
    for initiative in initiatives.values():
        if not initiative.target_progress:
            continue
        reporter, reviewer = _reporter_and_reviewer(initiative, users)
        steps = sorted({initiative.target_progress // 2, initiative.target_progress} - {0})
        for percent in steps:
            report = initiative_report_progress(
                initiative=initiative, actor=reporter, percent=percent,
                narrative=f"نسبة الإنجاز {percent}٪ وفق تقرير الاستشاري والمعاينة الميدانية.",
                spent_to_date=initiative.budget * percent / 100,
            )  # fmt: skip
            progress_review(report=report, reviewer=reviewer, approve=True)
            initiative.refresh_from_db()
    qena_road = initiatives["qena-road"]
    initiative_report_progress(
        initiative=qena_road, actor=users["qena.officer"], percent=48,
        narrative="انتهاء طبقة الأساس في 2 كم إضافية، في انتظار اعتماد الإدارة.",
    )  # fmt: skip


def _reporter_and_reviewer(initiative, users):
    by_governorate = {
        "EG27": ("qena.officer" if initiative.districts.filter(code="EG2702").exists() else "nagh.officer",
                 "qena.staff"),
        "EG28": ("aswan.officer" if initiative.districts.filter(code="EG2802").exists() else "aswan.staff", "admin"),
        "SA-03": ("madinah.staff", "admin"),
    }  # fmt: skip
    reporter, reviewer = by_governorate[initiative.governorate.code]
    return users[reporter], users[reviewer]


def _obstacles(initiatives, users, today):
    obstacle_log(
        initiative=initiatives["hamidat-sewage"], actor=users["qena.officer"], kind="land",
        description="لم يصدر بعد قرار تخصيص أرض المحطة من أملاك الدولة.", owner="إدارة أملاك الدولة بالمحافظة",
        needed_by=today - timedelta(days=20), now=timezone.now() - timedelta(days=45),
    )  # fmt: skip
    obstacle_log(
        initiative=initiatives["qena-road"], actor=users["qena.officer"], kind="utilities",
        description="خط مياه قديم يعترض مسار الرصف عند المدخل الشرقي.", owner="شركة مياه الشرب والصرف الصحي بقنا",
        needed_by=today - timedelta(days=3),
    )  # fmt: skip
    obstacle_log(
        initiative=initiatives["kom-ombo-canals"], actor=users["aswan.staff"], kind="funding",
        description="تأخر صرف الدفعة الثانية من الاعتماد المالي.", owner="مديرية الموارد المائية والري",
        needed_by=today + timedelta(days=15),
    )  # fmt: skip
    obstacles_escalate()


def _inspections(initiatives, users):
    qena_markaz = District.objects.get(code="EG2702")
    roads = inspection_record(
        actor=users["qena.officer"], district=qena_markaz, kind="roads", place="طريق الحميدات – المدخل الشرقي",
        checklist={"surface": "fault", "drainage": "fault", "signs": "ok", "sidewalks": "ok", "debris": "ok"},
        findings=[
            {"item": "surface", "description": "هبوط في الأسفلت بطول 30 متراً أمام المدرسة الإعدادية.",
             "severity": "high"},
            {"item": "drainage", "description": "بالوعة أمطار مسدودة بالمخلفات.", "severity": "medium"},
        ],
        latitude=Decimal("26.177"), longitude=Decimal("32.754"), notes="جولة صباحية مع مهندس الطرق بالمركز.",
    )  # fmt: skip
    finding_file_complaint(
        finding=roads.findings.first(),
        category=Category.objects.get(code="roads"),
        actor=users["qena.officer"],
    )
    inspection_record(
        actor=users["qena.officer"], district=qena_markaz, kind="markets", place="سوق الخضر والفاكهة المركزي",
        checklist={"licences": "ok", "hygiene": "ok", "prices": "fault", "scales": "ok", "fire_safety": "ok",
                   "cleanliness": "ok"},
        findings=[{"item": "prices", "description": "محال لا تعلن أسعار السلع.", "severity": "low"}],
        initiative=None,
    )  # fmt: skip
    inspection_record(
        actor=users["qena.officer"], district=qena_markaz, kind="site", place="موقع محطة الحميدات",
        initiative=initiatives["hamidat-sewage"],
        checklist={"on_schedule": "fault", "workers_present": "fault", "safety": "na", "quality": "na",
                   "signboard": "ok"},
        findings=[{"item": "on_schedule", "description": "لم تبدأ الأعمال لعدم تسليم الأرض.", "severity": "high"}],
    )  # fmt: skip
    inspection_record(
        actor=users["nagh.officer"], district=District.objects.get(code="EG2708"), kind="lighting",
        place="شارع بورسعيد – نجع حمادي",
        checklist={"poles_working": "ok", "poles_safe": "ok", "daytime_off": "fault", "coverage": "ok"},
        findings=[{"item": "daytime_off", "description": "12 كشافاً مضاءً نهاراً.", "severity": "low"}],
    )  # fmt: skip
    inspection_record(
        actor=users["aswan.officer"], district=District.objects.get(code="EG2802"), kind="utilities",
        place="غرب سهيل", checklist={"water_pressure": "ok", "sewage_overflow": "ok", "manholes": "fault", "waste_collection": "ok",
                   "public_buildings": "ok"},
        findings=[{"item": "manholes", "description": "غطاء بالوعة مكسور بجوار الوحدة الصحية.", "severity": "high"}],
    )  # fmt: skip


def _madinah_field_work(initiatives, users, today):
    """Al-Madinah's emirate staff follow the governorates of the region the same way."""
    yanbu = District.objects.get(code="00301")
    inspection_record(
        actor=users["madinah.staff"], district=yanbu, kind="site", place="المنطقة التاريخية – ينبع البلد",
        initiative=initiatives["yanbu-humanisation"],
        checklist={"on_schedule": "ok", "workers_present": "na", "safety": "ok", "quality": "ok", "signboard": "ok"},
        findings=[],
    )  # fmt: skip
    inspection_record(
        actor=users["madinah.staff"], district=District.objects.get(code="00302"), kind="markets",
        place="السوق الشعبي – العلا",
        checklist={"licences": "ok", "hygiene": "fault", "prices": "ok", "scales": "ok", "fire_safety": "ok",
                   "cleanliness": "ok"},
        findings=[{"item": "hygiene", "description": "ثلاجة عرض لا تحفظ درجة الحرارة المطلوبة.", "severity": "medium"}],
    )  # fmt: skip
    directive_issue(
        actor=users["madinah.staff"], governorate_id=yanbu.governorate_id,
        title="رفع المبادرات المرشحة لملتقى المبادرات التنموية مع مؤشرات أثرها",
        meeting="اجتماع لجنة التنمية بإمارة المنطقة", meeting_on=today - timedelta(days=12),
        deadline=today + timedelta(days=18), districts=[yanbu, District.objects.get(code="00302")],
    )  # fmt: skip


def _directives(users, today):
    qena = Governorate.objects.get(code="EG27")
    districts = list(District.objects.filter(code__in=["EG2702", "EG2708"]))
    meeting = "اجتماع المحافظ مع رؤساء المراكز والمدن"
    directive_issue(
        actor=users["qena.governor"], governorate_id=qena.pk, meeting=meeting,
        meeting_on=today - timedelta(days=10), deadline=today + timedelta(days=20),
        title="حصر الأصول والأراضي غير المستغلة المملوكة للدولة تمهيداً لإدراجها على الخريطة الاستثمارية",
        districts=districts, departments=["إدارة أملاك الدولة"],
    )  # fmt: skip
    follow_up = directive_issue(
        actor=users["qena.governor"], governorate_id=qena.pk, meeting=meeting,
        meeting_on=today - timedelta(days=30), deadline=today - timedelta(days=5),
        title="متابعة ميدانية لأعمال الرصف والإنارة والمرافق والأسواق ورفع تقرير أسبوعي",
        districts=districts,
    )  # fmt: skip
    nagh = follow_up.assignments.get(district__code="EG2708")
    assignment_complete(assignment=nagh, actor=users["nagh.officer"], note="تم رفع أربعة تقارير أسبوعية.")
    directive_issue(
        actor=users["qena.governor"], governorate_id=qena.pk, meeting=meeting,
        meeting_on=today - timedelta(days=30), deadline=today - timedelta(days=2),
        title="عقد لقاء أسبوعي بالمواطنين لسماع الشكاوى وحل أسبابها الجذرية", districts=districts[:1],
    )  # fmt: skip


def _stories(initiatives, users, today):
    market = initiatives["qena-market"]
    story = SuccessStory.objects.create(
        initiative=market, title_ar="سوق منظم بدل الإشغالات: تجربة سوق قنا المركزي", author=users["qena.staff"],
        problem="إشغالات للباعة الجائلين على الطريق العام وتراكم المخلفات وصعوبة مرور المشاة.",
        intervention="إعادة تخطيط السوق بمشاركة الباعة، وتوفير باكيات مرخصة ومظلات ونقطة تجميع للمخلفات.",
        results="نقل 240 بائعاً إلى باكيات مرخصة، وفتح الطريق العام، وانخفاض شكاوى النظافة في المنطقة.",
        cost=market.budget, currency="EGP", lessons="إشراك الباعة في التصميم منذ البداية قلل الاعتراضات.",
        how_to_replicate="حصر الباعة، ثم التصميم التشاركي، ثم الترخيص والنقل على مراحل.",
        status=SuccessStory.Status.PUBLISHED, published_at=timezone.now() - timedelta(days=20),
    )  # fmt: skip
    story_replicate(
        story=story, actor=users["aswan.staff"], governorate=Governorate.objects.get(code="EG28"), district=None,
        replicated_on=today - timedelta(days=10), note="تطبيق التجربة على سوق مدينة أسوان.",
    )  # fmt: skip
    yanbu = initiatives["yanbu-humanisation"]
    SuccessStory.objects.create(
        initiative=yanbu, title_ar="أنسنة وسط ينبع التاريخي", author=users["madinah.staff"],
        problem="منطقة تاريخية تهيمن عليها السيارات وتفتقر إلى الظل والإنارة.",
        intervention="ممرات مشاة مظللة وإنارة وتأهيل الواجهات والساحات العامة.",
        results="زيادة ارتياد المنطقة وفتح محلات جديدة للأسر المنتجة.", cost=yanbu.budget, currency="SAR",
        lessons="البدء بمسار تجريبي قصير أقنع الملاك بالمشاركة.",
        how_to_replicate="اختيار مسار قصير، ثم القياس، ثم التوسع.",
        status=SuccessStory.Status.PUBLISHED, published_at=timezone.now() - timedelta(days=40),
    )  # fmt: skip


def _awards(initiatives, users, today):
    criteria = [("الأثر التنموي", 40), ("الابتكار", 25), ("الاستدامة", 20), ("قابلية التكرار", 15)]
    past = _cycle(
        "الدورة الخامسة لجوائز المبادرات التنموية", today.year - 1, today - timedelta(days=400), criteria
    )
    past.jurors.set([users["qena.staff"], users["madinah.staff"], users["aswan.staff"]])
    entries = [
        ("qena-market", "local_content", "qena.staff"),
        ("yanbu-humanisation", "quality_of_life", "madinah.staff"),
        ("aswan-literacy", "nonprofit", "aswan.staff"),
        ("nagh-lighting", "sustainability", "qena.staff"),
        ("kom-ombo-canals", "sustainability", "aswan.staff"),
    ]
    for key, theme, nominator in entries:
        nomination_submit(
            cycle=past, initiative=initiatives[key], theme=theme, actor=users[nominator],
            statement="مبادرة حققت أثراً ملموساً ويمكن تكرارها.", today=past.nominations_open_on,
        )  # fmt: skip
    cycle_start_judging(cycle=past, actor=users["admin"])
    for nomination in past.nominations.all():
        for juror in nomination.jurors.all():
            values = {c.pk: c.max_score - (c.pk + nomination.pk + juror.pk) % 4 for c in past.criteria.all()}
            nomination_score(nomination=nomination, juror=juror, values=values)
    cycle_publish(cycle=past, actor=users["admin"])
    current = _cycle(
        "الدورة السادسة لجوائز المبادرات التنموية", today.year, today - timedelta(days=10), criteria
    )
    current.jurors.set([users["qena.staff"], users["madinah.staff"]])


def _cycle(title, year, opens_on, criteria) -> AwardCycle:
    cycle = AwardCycle.objects.create(
        title_ar=title, year=year, host_governorate=Governorate.objects.get(code="SA-03"),
        themes=list(Theme.values), nominations_open_on=opens_on,
        nominations_close_on=opens_on + timedelta(days=60), results_on=opens_on + timedelta(days=120),
    )  # fmt: skip
    for name, weight in criteria:
        AwardCriterion.objects.create(cycle=cycle, name_ar=name, weight=weight, max_score=10)
    return cycle
