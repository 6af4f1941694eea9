"""Demo data from the source documents (shared/context): places, partners, staff to sign in as."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.models import District, Governorate, Role
from portal.services import staff_create
from programs.demo import seed_programs

DEMO_PASSWORD = "portal-demo-2026"

PROGRAM_SLUGS = [
    "qena-urban-development-lab",
    "digital-capacity-urban-leaders",
    "aswan-civil-work-2040",
    "regional-development-initiatives-forum",
]
PARTNER_EDITOR = "aswan.ngo"
DEMO_COMPLAINTS = {"EG27": 1500, "EG28": 800, "SA-03": 300}

# (username, role, governorate code, district code, job title)
STAFF = [
    ("admin", Role.NATIONAL_ADMIN, None, None, "مسؤول المنظومة بوزارة التنمية المحلية"),
    ("qena.governor", Role.GOVERNOR, "EG27", None, "مكتب محافظ قنا"),
    ("qena.staff", Role.GOVERNORATE_STAFF, "EG27", None, "إدارة التخطيط والمتابعة بمحافظة قنا"),
    ("qena.officer", Role.DISTRICT_OFFICER, "EG27", "EG2702", "رئيس مركز ومدينة قنا"),
    ("nagh.officer", Role.DISTRICT_OFFICER, "EG27", "EG2708", "رئيس مركز ومدينة نجع حمادي"),
    ("aswan.staff", Role.GOVERNORATE_STAFF, "EG28", None, "إدارة العمل الأهلي بمحافظة أسوان"),
    ("aswan.officer", Role.DISTRICT_OFFICER, "EG28", "EG2802", "رئيس مركز ومدينة أسوان"),
    ("madinah.staff", Role.GOVERNORATE_STAFF, "SA-03", None, "إمارة منطقة المدينة المنورة"),
]


class Command(BaseCommand):
    help = "Load geography and the demo partners and staff users (idempotent)."

    def handle(self, *args, **options):
        call_command("load_geography", settings.GEO_DATA_DIR, verbosity=options["verbosity"])
        seed_programs()
        self.stdout.write("Programs and partners of the source documents: " + ", ".join(PROGRAM_SLUGS))
        existing = set(get_user_model().objects.values_list("username", flat=True))
        for username, role, governorate, district, job_title in STAFF:
            staff_create(
                username=username,
                role=role,
                governorate=Governorate.objects.filter(code=governorate).first(),
                district=District.objects.filter(code=district).first(),
                # A password someone has changed since is theirs to keep.
                password=None if username in existing else DEMO_PASSWORD,
                job_title=job_title,
            )
        self._seed_partner_editor(existing)
        self._seed_complaints()
        self._seed_initiatives()
        self._seed_indicators()
        self._seed_investments()
        self._print_accounts()

    def _seed_partner_editor(self, existing: set[str]):
        """The Aswan NGO's editor, who reports progress on the initiative it implements."""
        from programs.models import Organization

        profile = staff_create(
            username=PARTNER_EDITOR,
            role=Role.PARTNER_EDITOR,
            password=None if PARTNER_EDITOR in existing else DEMO_PASSWORD,
            job_title="محرر بيانات الجمعية",
        )
        profile.organization = Organization.objects.get(slug="aswan-community-development")
        profile.save(update_fields=["organization"])

    def _seed_initiatives(self):
        from initiatives.demo import seed_initiatives
        from initiatives.models import Initiative, Inspection

        seed_initiatives()
        self.stdout.write(
            f"Initiatives: {Initiative.objects.count()}, inspections: {Inspection.objects.count()}, "
            "with obstacles, directives, success stories and two award cycles"
        )

    def _seed_indicators(self):
        from indicators.demo import seed_indicators

        seed_indicators()
        self.stdout.write(
            "Indicators: figures entered by hand for Qena, and every district's values computed"
        )

    def _seed_investments(self):
        from investments.demo import seed_investments
        from investments.models import Asset

        seed_investments()
        published = Asset.objects.published().count()
        self.stdout.write(
            f"State assets: {Asset.objects.count()}, {published} on the investment map, with leads"
        )

    def _seed_complaints(self):
        # Complaints belong to the complaints app; imported here so the core does not depend on it.
        from complaints.models import Complaint
        from complaints.synthetic import generate_complaints

        if Complaint.objects.exists():
            return
        self._seed_hearing()
        for code, count in DEMO_COMPLAINTS.items():
            districts = list(District.objects.filter(governorate__code=code).select_related("governorate"))
            generate_complaints(districts=districts, count=count, seed=2026, months=12)
        self.stdout.write(f"Complaints: {Complaint.objects.count()} synthetic, over the last 12 months")

    def _seed_hearing(self):
        from complaints.services import hearing_record

        qena_markaz = District.objects.select_related("governorate").get(code="EG2702")
        hearing_record(
            actor=get_user_model().objects.get(username="qena.officer"),
            governorate=qena_markaz.governorate,
            district=qena_markaz,
            held_on=timezone.localdate(),
            chaired_by="رئيس مركز ومدينة قنا",
            attendees=37,
            notes="اللقاء الأسبوعي لسماع شكاوى المواطنين بمقر المركز",
        )

    def _print_accounts(self):
        self.stdout.write(self.style.SUCCESS(f"Demo staff (password for all: {DEMO_PASSWORD}):"))
        for username, role, governorate, district, _title in STAFF:
            scope = district or governorate or "national"
            self.stdout.write(f"  {username:<15} {role.label:<24} {scope}")
        self.stdout.write(
            f"  {PARTNER_EDITOR:<15} {Role.PARTNER_EDITOR.label:<24} aswan-community-development"
        )
