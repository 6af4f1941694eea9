"""The programs, partners, agreement, workshop and strategy of the source documents (shared/context),
for seed_demo. Dates the articles do not give are marked as assumed."""

from datetime import date

from django.db import transaction

from portal.models import Governorate
from programs.models import (
    Agreement,
    Event,
    Indicator,
    Objective,
    Organization,
    Partnership,
    Phase,
    Program,
    ReportingPeriod,
)
from programs.services import organization_upsert

PARTNERS = [
    {"slug": "un-habitat", "acronym": "UN-Habitat", "org_type": "40", "iati_ref": "XM-DAC-41120",
     "name_ar": "برنامج الأمم المتحدة للمستوطنات البشرية", "name_en": "United Nations Human Settlements Programme",
     "website": "https://unhabitat.org"},
    {"slug": "unitac", "acronym": "UNITAC", "org_type": "40",
     "name_ar": "وحدة الأمم المتحدة للابتكار والتكنولوجيا من أجل المدن",
     "name_en": "United Nations Innovation Technology Accelerator for Cities", "website": "https://unitac.un.org"},
    {"slug": "ldp-ue", "acronym": "LDP-UE", "org_type": "10", "name_ar": "برنامج التنمية المحلية بصعيد مصر",
     "name_en": "Local Development Program in Upper Egypt"},
    {"slug": "mold", "org_type": "10", "name_ar": "وزارة التنمية المحلية", "name_en": "Ministry of Local Development"},
    {"slug": "hbrc", "acronym": "HBRC", "org_type": "80", "name_ar": "المركز القومي لبحوث الإسكان والبناء",
     "name_en": "Housing and Building National Research Center"},
    {"slug": "aswan-community-development", "org_type": "22", "registration_number": "ASW-1187",
     "name_ar": "جمعية تنمية المجتمع المحلي بأسوان", "name_en": "Aswan Community Development Association",
     "fields_of_work": "محو الأمية، تمكين المرأة، المشروعات الصغيرة", "governorates": ["EG28"]},
]  # fmt: skip


def seed_programs():
    with transaction.atomic():
        partners = {p["slug"]: _partner(p) for p in PARTNERS}
        _qena_lab(partners)
        _digital_capacity_workshop(partners)
        _aswan_2040(partners)
        _madinah_forum()


def _partner(fields: dict) -> Organization:
    fields = dict(fields)
    governorates = Governorate.objects.filter(code__in=fields.pop("governorates", []))
    return organization_upsert(governorates=list(governorates), **fields)


def _program(slug, *, governorates, partners=(), **fields) -> Program:
    program, _created = Program.objects.update_or_create(slug=slug, defaults=fields)
    program.governorates.set(Governorate.objects.filter(code__in=governorates))
    for organization, role, amount in partners:
        Partnership.objects.update_or_create(
            program=program, organization=organization, role=role, defaults={"funding_amount": amount}
        )
    return program


def _qena_lab(partners):
    qena = Governorate.objects.get(code="EG27")
    program = _program(
        "qena-urban-development-lab", kind=Program.Kind.LAB, lead_governorate=qena, governorates=["EG27"],
        title_ar="معمل قنا للتنمية العمرانية", title_en="Qena Urban Development Lab",
        description_ar="أول مركز إقليمي للتنمية الحضرية بمحافظات الجنوب: منصة لتجميع وتعميم الخبرات الناجحة، "
        "وتعزيز الشراكات مع مؤسسات الدولة وشركاء التنمية الدوليين، ونظم للمتابعة والتقييم، ومشاركة مجتمعية وشفافية.",
        description_en="The first regional urban development centre of Upper Egypt: a platform that collects and "
        "spreads successful experiences, with monitoring and evaluation, community participation and transparency.",
        status=Program.Status.IMPLEMENTATION, start_date=date(2025, 1, 1),  # assumed: the article gives no date
        currency="EGP", sdg_goals="11, 16, 17", national_visions="رؤية مصر 2030",
        partners=[(partners["ldp-ue"], Partnership.Role.FUNDING, None),
                  (partners["ldp-ue"], Partnership.Role.ACCOUNTABLE, None),
                  (partners["un-habitat"], Partnership.Role.TECHNICAL, None)],
    )  # fmt: skip
    agreement, _created = Agreement.objects.update_or_create(
        program=program, kind=Agreement.Kind.PROTOCOL, defaults={
            "title": "بروتوكول تعاون لتأسيس معمل قنا للتنمية العمرانية", "signed_on": date(2025, 1, 1),
            "objectives": "إنشاء منصة متكاملة لتجميع وتعميم الخبرات الناجحة وتعزيز الشراكات مع شركاء التنمية.",
        },
    )  # fmt: skip
    agreement.parties.set([partners["ldp-ue"], partners["un-habitat"]])
    _objective(
        program,
        1,
        "تجميع الخبرات الناجحة وتعميمها على مراكز الصعيد",
        "Collect and spread successful experiences",
        [
            (
                "تجارب ناجحة موثقة ومنشورة على المنصة",
                "Successful experiences documented and published",
                partners["un-habitat"],
                0,
                [(date(2025, 1, 1), date(2025, 12, 31), 10), (date(2026, 1, 1), date(2026, 12, 31), 25)],
            ),
        ],
    )


def _objective(program, order, title_ar, title_en, indicators):
    objective, _created = Objective.objects.update_or_create(
        program=program, order=order, defaults={"title_ar": title_ar, "title_en": title_en}
    )
    for indicator_ar, indicator_en, reporter, baseline, periods in indicators:
        indicator, _created = Indicator.objects.update_or_create(
            objective=objective,
            title_ar=indicator_ar,
            defaults={
                "title_en": indicator_en,
                "reporter": reporter,
                "baseline_year": 2025,
                "baseline_value": baseline,
            },
        )
        for start, end, target in periods:
            ReportingPeriod.objects.get_or_create(
                indicator=indicator, period_start=start, defaults={"period_end": end, "target_value": target}
            )


def _digital_capacity_workshop(partners):
    program = _program(
        "digital-capacity-urban-leaders", kind=Program.Kind.CAPACITY, lead_governorate=None,
        governorates=["EG11", "EG01", "EG27", "EG23"],
        title_ar="بناء القدرات الرقمية لقيادات المجتمعات العمرانية والإدارة المحلية",
        title_en="Building digital capacity for leaders of urban communities and local administration",
        description_ar="مسار لبناء قدرات المحافظين وقيادات الإدارة المحلية في التحول الرقمي والمدن الذكية.",
        description_en="A capacity-building track for governors and local leaders on digital transformation.",
        status=Program.Status.IMPLEMENTATION, start_date=date(2025, 8, 28), sdg_goals="11, 17",
        partners=[(partners["unitac"], Partnership.Role.IMPLEMENTING, None),
                  (partners["un-habitat"], Partnership.Role.IMPLEMENTING, None),
                  (partners["hbrc"], Partnership.Role.TECHNICAL, None)],
    )  # fmt: skip
    event, _created = Event.objects.update_or_create(
        program=program, kind=Event.Kind.WORKSHOP, starts_on=date(2025, 8, 28), defaults={
            "title_ar": "ورشة بناء القدرات الرقمية لقيادات المجتمعات العمرانية والإدارة المحلية",
            "title_en": "Workshop: digital capacity for urban and local-administration leaders",
            "topics": "أطر المدن الذكية\nالتحول الرقمي الشامل\nالأدوات الرقمية والبيانات: الخرائط ومنصات العرض والمشاركة\n"
                      "الحوكمة: المخاطر والذكاء الاصطناعي والأخلاقيات",
        },
    )  # fmt: skip
    event.organisers.set([partners["unitac"], partners["un-habitat"]])
    event.governorates.set(Governorate.objects.filter(code__in=["EG11", "EG01", "EG27", "EG23"]))


ASWAN_PHASES = [
    ("تقييم الاحتياجات والتحديات وتسجيل الجمعيات وتحديث بياناتها", "Needs and challenges assessed; NGOs register", "active"),
    ("صياغة الإطار العام في اجتماعات وورش عمل: المحاور والخطط والأدوار التنفيذية", "Framework drafted in workshops", "planned"),
    ("المتابعة والتطوير المستمر مع الشركاء نحو المستهدفات", "Follow-up and continuous development with partners", "planned"),
]  # fmt: skip


def _aswan_2040(partners):
    aswan = Governorate.objects.get(code="EG28")
    program = _program(
        "aswan-civil-work-2040", kind=Program.Kind.STRATEGY, lead_governorate=aswan, governorates=["EG28"],
        title_ar="الإستراتيجية الموحدة للعمل الأهلي في أسوان 2040", title_en="Unified Strategy for Civil Work in Aswan 2040",
        description_ar="توحيد جهود العمل الأهلي وتحقيق التكامل مع الجهود التنفيذية لتحقيق أهداف التنمية المستدامة، "
        "بما يتسق مع رؤية مصر 2030.",
        description_en="Unifying civil work and aligning it with the executive effort toward the SDGs and Egypt Vision 2030.",
        status=Program.Status.PIPELINE, start_date=date(2025, 9, 1), end_date=date(2040, 12, 31),  # start assumed
        sdg_goals="1, 5, 10, 17", national_visions="رؤية مصر 2030",
        partners=[(partners["aswan-community-development"], Partnership.Role.IMPLEMENTING, None)],
    )  # fmt: skip
    for order, (name_ar, name_en, status) in enumerate(ASWAN_PHASES, start=1):
        Phase.objects.update_or_create(
            program=program, order=order, defaults={"name_ar": name_ar, "name_en": name_en, "status": status}
        )
    _objective(
        program,
        1,
        "حصر الجمعيات الأهلية وتحديث بياناتها",
        "Register NGOs and update their data",
        [
            (
                "جمعيات سجلت وحدّثت بياناتها على موقع المحافظة",
                "NGOs registered with up-to-date data",
                partners["aswan-community-development"],
                0,
                [(date(2025, 9, 1), date(2025, 12, 31), 50), (date(2026, 1, 1), date(2026, 6, 30), 150)],
            ),
        ],
    )
    Event.objects.update_or_create(
        program=program, kind=Event.Kind.MEETING, starts_on=date(2025, 9, 1), defaults={
            "title_ar": "اجتماع تنسيقي مع الجمعيات والمؤسسات الأهلية لإعداد الإستراتيجية",
            "title_en": "Coordination meeting with NGOs to prepare the strategy", "place": "ديوان عام محافظة أسوان",
        },
    )  # fmt: skip


def _madinah_forum():
    madinah = Governorate.objects.get(code="SA-03")
    program = _program(
        "regional-development-initiatives-forum", kind=Program.Kind.PROGRAM, lead_governorate=madinah,
        governorates=["SA-03"], currency="SAR",
        title_ar="ملتقى المبادرات والتجارب التنموية في إمارات المناطق",
        title_en="Forum of development initiatives and experiences of the regional emirates",
        description_ar="ملتقى سنوي لاستعراض التجارب الناجحة في مناطق المملكة وتبادلها، وفق رؤية المملكة 2030.",
        description_en="An annual forum where the regions share successful development experiences, under Vision 2030.",
        status=Program.Status.IMPLEMENTATION, start_date=date(2025, 1, 1), sdg_goals="8, 11, 17",  # start assumed
        national_visions="رؤية المملكة 2030",
    )  # fmt: skip
    Event.objects.update_or_create(
        program=program, kind=Event.Kind.FORUM, title_ar="الملتقى الخامس للمبادرات والتجارب التنموية في إمارات المناطق",
        defaults={
            "starts_on": date(2025, 1, 1), "place": "مركز الملك سلمان الدولي للمؤتمرات، المدينة المنورة",
            "topics": "الاستدامة والتنمية المحلية\nالابتكار التنموي\nتمكين القطاع غير الربحي\nالمحتوى المحلي\n"
                      "الإعلام التنموي\nجودة الحياة",
        },
    )  # fmt: skip
