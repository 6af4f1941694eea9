"""Personas built once (healthchecks' alice/bob/charlie): an officer of a Qena district, Qena's
governorate staff and governor, an outsider from Aswan, a national administrator, and a citizen.
"""

import pytest
from captcha.conf import settings as captcha_settings
from django.core.cache import cache
from rest_framework.test import APIClient

from complaints.defaults import default_categories_ensure
from complaints.models import Category
from complaints.services import complaint_submit, complaint_transition
from complaints.sms import MemoryBackend
from investments.defaults import permitted_uses_ensure
from investments.models import PermittedUse
from portal.models import Country, District, Governorate, Role
from portal.services import staff_create

PASSWORD = "a-test-password-2026"


@pytest.fixture(autouse=True)
def _test_settings_and_clean_cache(settings, tmp_path, monkeypatch):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The captcha accepts "PASSED" (django-simple-captcha reads this setting once, at import).
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)
    settings.SMS_BACKEND = "complaints.sms.MemoryBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    MemoryBackend.outbox.clear()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def geography(db):
    """Two Egyptian governorates with a few real districts, and one Saudi region."""
    egypt = Country.objects.create(code="EG", name_ar="جمهورية مصر العربية", name_en="Egypt")
    saudi = Country.objects.create(code="SA", name_ar="المملكة العربية السعودية", name_en="Saudi Arabia")
    qena = Governorate.objects.create(
        code="EG27", country=egypt, kind="governorate", name_ar="قنا", name_en="Qena"
    )
    aswan = Governorate.objects.create(
        code="EG28", country=egypt, kind="governorate", name_ar="أسوان", name_en="Aswan"
    )
    madinah = Governorate.objects.create(
        code="SA-03", country=saudi, kind="region", name_ar="منطقة المدينة المنورة", name_en="Al Madinah"
    )
    districts = {
        "EG2702": District(
            code="EG2702", governorate=qena, kind="markaz", name_ar="مركز قنا", name_en="Qina"
        ),
        "EG2708": District(
            code="EG2708", governorate=qena, kind="markaz", name_ar="مركز نجع حمادى", name_en="Nag Hammadi"
        ),
        "EG2802": District(
            code="EG2802", governorate=aswan, kind="markaz", name_ar="مركز أسوان", name_en="Aswan"
        ),
        "00301": District(
            code="00301", governorate=madinah, kind="governorate", name_ar="ينبع", name_en="Yanbu"
        ),
    }
    for district in districts.values():
        district.save()
    default_categories_ensure(Category)  # a transactional test before this one flushed them
    permitted_uses_ensure(PermittedUse)
    districts["EG2702"].villages.create(code="EG270201", name_ar="الحميدات شرق")
    districts["EG2802"].villages.create(code="EG280201", name_ar="غرب سهيل")
    return {"qena": qena, "aswan": aswan, "madinah": madinah, **districts}


def _persona(username, role, **scope):
    return staff_create(username=username, role=role, password=PASSWORD, **scope).user


@pytest.fixture
def qena_officer(geography):
    return _persona("qena.officer", Role.DISTRICT_OFFICER, district=geography["EG2702"])


@pytest.fixture
def qena_staff(geography):
    return _persona("qena.staff", Role.GOVERNORATE_STAFF, governorate=geography["qena"])


@pytest.fixture
def qena_governor(geography):
    return _persona("qena.governor", Role.GOVERNOR, governorate=geography["qena"])


@pytest.fixture
def aswan_outsider(geography):
    return _persona("aswan.staff", Role.GOVERNORATE_STAFF, governorate=geography["aswan"])


@pytest.fixture
def national_admin(geography):
    return _persona("national", Role.NATIONAL_ADMIN)


@pytest.fixture
def personas(qena_officer, qena_staff, qena_governor, aswan_outsider, national_admin):
    return {
        "qena_officer": qena_officer,
        "qena_staff": qena_staff,
        "qena_governor": qena_governor,
        "aswan_outsider": aswan_outsider,
        "national_admin": national_admin,
        "anonymous": None,
    }


@pytest.fixture
def asset_world(personas):
    """State assets at every review step in Qena and Aswan, with leads (tests/test_investment_records.py)."""
    from tests.test_investment_records import asset_world_make

    return asset_world_make(personas)


@pytest.fixture
def api_client():
    return APIClient()


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


CITIZEN_PHONE = "+201001234567"


@pytest.fixture
def make_complaint(geography):
    """File a complaint in a district (default Markaz Qena) and walk it through `actions`."""

    def make(district="EG2702", category="roads", actions=(), actor=None, **fields):
        defaults = {
            "description": "حفرة كبيرة أمام المدرسة الابتدائية",
            "name": "محمد عبد الرحيم",
            "phone": CITIZEN_PHONE,
        }
        complaint = complaint_submit(
            category=Category.objects.get(code=category),
            district=geography[district],
            **{**defaults, **fields},
        )
        for action in actions:
            extra = {"note": "تم الإصلاح"} if action == "resolve" else {}
            extra |= {"reason": "spam"} if action == "reject" else {}
            complaint = complaint_transition(complaint=complaint, action=action, actor=actor, **extra)
        return complaint

    return make
