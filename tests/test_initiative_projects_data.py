"""Builders shared by the initiative-and-project tests (plain functions, so each module can make fixtures)."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from initiatives.models import Initiative, InitiativePartner, Milestone
from portal.models import Role
from portal.services import staff_create
from programs.models import Organization, OrganizationType

PASSWORD = "a-test-password-2026"
TITLES = {
    "qena": "إنارة شوارع مركز قنا",
    "nag_hammadi": "رصف طريق نجع حمادي",
    "aswan": "تطوير سوق أسوان",
    "hidden": "مشروع داخلي غير منشور",
}


def initiative_make(geography, key: str, *, governorate: str, districts: list[str], **fields) -> Initiative:
    today = timezone.localdate()
    values = {
        "title_ar": TITLES[key], "summary_ar": "وصف المبادرة", "governorate": geography[governorate],
        "sector": "lighting", "theme": "quality_of_life", "planned_start": today - timedelta(days=50),
        "planned_end": today + timedelta(days=50), "budget": Decimal("1000000"), "latitude": Decimal("26.16"),
        "longitude": Decimal("32.72"), "status": Initiative.Status.ACTIVE,
    }  # fmt: skip
    initiative = Initiative.objects.create(**(values | fields))
    initiative.districts.set([geography[code] for code in districts])
    return initiative


def initiatives_make(geography) -> dict[str, Initiative]:
    """A published initiative in Markaz Qena, one in Nag Hammadi, one in Aswan, an unpublished one in Qena."""
    made = {
        "qena": initiative_make(geography, "qena", governorate="qena", districts=["EG2702"]),
        "nag_hammadi": initiative_make(
            geography,
            "nag_hammadi",
            governorate="qena",
            districts=["EG2708"],
            sector="roads",
            theme="innovation",
        ),
        "aswan": initiative_make(
            geography,
            "aswan",
            governorate="aswan",
            districts=["EG2802"],
            sector="markets",
            latitude=Decimal("24.09"),
            longitude=Decimal("32.90"),
        ),
        "hidden": initiative_make(
            geography, "hidden", governorate="qena", districts=["EG2702"], is_public=False
        ),
    }
    Milestone.objects.create(initiative=made["qena"], order=1, title="توريد الأعمدة", due_on=date(2020, 1, 1))
    return made


def partner_editor_make(initiative: Initiative, *, verified: bool = True, username: str = "partner.editor"):
    """An NGO taking part in `initiative`, and its editor (role partner_editor, no governorate)."""
    organization = Organization.objects.create(
        slug=f"ngo-{username.replace('.', '-')}", name_ar="جمعية تنمية المجتمع",
        org_type=OrganizationType.NATIONAL_NGO,
        status=Organization.Status.VERIFIED if verified else Organization.Status.PENDING,
    )  # fmt: skip
    InitiativePartner.objects.create(initiative=initiative, organization=organization, role="3")
    profile = staff_create(username=username, role=Role.PARTNER_EDITOR, password=PASSWORD)
    profile.organization = organization
    profile.save()
    return profile.user


def photo_content() -> tuple[bytes, str]:
    """A small JPEG as PhotosField cleans it, for services' `photos`."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(buffer, format="JPEG")
    return buffer.getvalue(), "image/jpeg"


def photo_upload(name: str = "site.jpg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content, content_type = photo_content()
    return SimpleUploadedFile(name, content, content_type=content_type)
