"""Programs and partners: public pages, IATI export, NGO self-registration and its review."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import etree
from PIL import Image

from portal.models import StaffProfile
from programs.demo import seed_programs
from programs.models import Organization, Partnership, Program
from tests.conftest import PASSWORD

SCHEMA = Path(settings.GEO_DATA_DIR).parent / "iati" / "iati-activities-schema.xsd"
NGO = {
    "name_ar": "جمعية رعاية الأسرة بكوم امبو",
    "name_en": "Kom Ombo Family Care Association",
    "org_type": "22",
    "registration_number": "ASW-2044",
    "fields_of_work": "رعاية الأيتام والتدريب المهني",
    "needs": "تمويل ورش التدريب وتدريب المتطوعين",
    "capacities": "خمسون متطوعًا ومقر بالقرب من الموقف",
    "contact_name": "سعاد عثمان",
    "contact_phone": "01001234567",
    "contact_email": "info@example.org",
    "username": "komombo.ngo",
    "email": "editor@example.org",
    "password": "a-strong-pass-2026",
    "captcha_0": "x",
    "captcha_1": "PASSED",
}


@pytest.fixture
def programs(geography):
    seed_programs()
    return {p.slug: p for p in Program.objects.all()}


def _schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def test_one_programs_iati_xml_is_valid_and_carries_roles_status_dates_budget_sector_and_sdgs(
    client, programs
):
    program = programs["aswan-civil-work-2040"]
    Program.objects.filter(pk=program.pk).update(budget="2500000.00")

    response = client.get(f"/api/v1/programs/{program.pk}/iati.xml")

    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    _schema().assertValid(document)
    activity = document.find("iati-activity")
    assert activity.findtext("iati-identifier") == "EG-GOV-EG28-aswan-civil-work-2040"
    assert activity.find("activity-status").get("code") == "1"
    assert [d.get("type") for d in activity.findall("activity-date")] == ["1", "3"]
    assert activity.find("budget/value").text == "2500000.00"
    assert activity.find("budget/value").get("currency") == "EGP"
    assert activity.find("sector").get("code") == "43030"
    assert {t.get("code") for t in activity.findall("tag")} == {"1", "5", "10", "17"}
    roles = {(org.get("role"), org.findtext("narrative")) for org in activity.findall("participating-org")}
    assert roles == {("2", "أسوان"), ("4", "جمعية تنمية المجتمع المحلي بأسوان")}
    assert activity.find("title/narrative").text == "الإستراتيجية الموحدة للعمل الأهلي في أسوان 2040"


def test_a_governorates_programs_as_one_valid_iati_file(client, programs):
    response = client.get("/api/v1/programs/iati.xml", {"governorate": "EG27"})

    document = etree.fromstring(response.content)
    _schema().assertValid(document)
    identifiers = {a.findtext("iati-identifier") for a in document.findall("iati-activity")}
    assert identifiers == {
        "EG-GOV-EG27-qena-urban-development-lab",
        "EG-GOV-MOLD-digital-capacity-urban-leaders",
    }
    assert client.get("/api/v1/programs/iati.xml", {"governorate": "EG99"}).status_code == 404


def test_unpublished_programs_are_not_public_anywhere(client, programs):
    program = programs["qena-urban-development-lab"]
    Program.objects.filter(pk=program.pk).update(is_public=False)

    assert client.get(f"/ar/programs/{program.slug}/").status_code == 404
    assert client.get(f"/api/v1/programs/{program.pk}/iati.xml").status_code == 404
    assert program.slug not in client.get("/api/v1/programs/").content.decode()
    assert program.slug not in client.get("/ar/programs/").content.decode()


def test_program_page_shows_partners_roles_phases_and_events(client, programs):
    body = client.get("/ar/programs/aswan-civil-work-2040/").content.decode()

    assert "الإستراتيجية الموحدة للعمل الأهلي في أسوان 2040" in body
    assert "جمعية تنمية المجتمع المحلي بأسوان" in body
    assert "تقييم الاحتياجات والتحديات" in body
    assert "اجتماع تنسيقي" in body


def test_program_list_filters_by_governorate(client, programs):
    body = client.get("/ar/programs/", {"governorate": "EG28"}).content.decode()

    assert "أسوان 2040" in body and "معمل قنا" not in body


def test_a_funding_amount_on_a_non_funding_role_is_refused(programs):
    from django.db import IntegrityError

    program = programs["qena-urban-development-lab"]
    unitac = Organization.objects.get(slug="unitac")

    with pytest.raises(IntegrityError):
        Partnership.objects.create(program=program, organization=unitac, role="4", funding_amount=1000)


def _register(client, **changes):
    return client.post(
        "/ar/partners/register/", {**NGO, "governorates": [changes.pop("governorate_pk")], **changes}
    )


def test_an_ngo_registers_is_verified_by_its_governorate_and_then_appears_publicly(
    client, geography, personas, programs
):
    response = _register(client, governorate_pk=geography["aswan"].pk)
    assert response.status_code == 302
    ngo = Organization.objects.get(registration_number="ASW-2044")
    assert ngo.status == "pending"
    assert "جمعية رعاية الأسرة" not in client.get("/ar/partners/").content.decode()
    editor = StaffProfile.objects.get(user__username="komombo.ngo")
    assert (editor.role, editor.organization) == ("partner_editor", ngo)

    client.force_login(personas["qena_staff"])  # Qena does not review an Aswan NGO
    assert client.post(f"/ar/partners/review/{ngo.slug}/", {"verified": "1"}).status_code == 404
    client.force_login(personas["aswan_outsider"])  # Aswan's staff do
    assert "جمعية رعاية الأسرة" in client.get("/ar/partners/review/").content.decode()
    client.post(f"/ar/partners/review/{ngo.slug}/", {"verified": "1"})

    ngo.refresh_from_db()
    assert ngo.status == "verified" and ngo.reviewed_by == personas["aswan_outsider"]
    client.logout()
    assert "جمعية رعاية الأسرة" in client.get("/ar/partners/").content.decode()
    assert client.get(f"/ar/partners/{ngo.slug}/").status_code == 200


def test_rejecting_needs_a_reason(client, geography, personas):
    _register(client, governorate_pk=geography["aswan"].pk)
    ngo = Organization.objects.get(registration_number="ASW-2044")
    client.force_login(personas["aswan_outsider"])

    client.post(f"/ar/partners/review/{ngo.slug}/", {"verified": "0", "note": ""})
    ngo.refresh_from_db()
    assert ngo.status == "pending"

    client.post(f"/ar/partners/review/{ngo.slug}/", {"verified": "0", "note": "رقم الإشهار غير صحيح"})
    ngo.refresh_from_db()
    assert ngo.status == "rejected"


@pytest.mark.parametrize(
    "change",
    [
        {"registration_number": "ASW-1187"},  # already registered (seed)
        {"contact_phone": "12"},
        {"password": "123"},
        {"captcha_1": "wrong"},
        {"name_ar": ""},
    ],
)
def test_bad_registrations_are_400_and_create_nothing(client, geography, programs, change):
    before = Organization.objects.count()

    response = _register(client, governorate_pk=geography["aswan"].pk, **change)

    assert response.status_code == 400
    assert Organization.objects.count() == before
    assert not StaffProfile.objects.filter(user__username="komombo.ngo").exists()


def test_a_pdf_logo_is_refused(client, geography):
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")

    response = _register(client, governorate_pk=geography["aswan"].pk, logo=fake)

    assert response.status_code == 400
    assert not Organization.objects.filter(registration_number="ASW-2044").exists()


def test_the_ngo_editor_updates_only_its_own_profile(client, geography, programs):
    buffer = io.BytesIO()
    Image.new("RGB", (60, 60), "green").save(buffer, format="PNG")
    _register(client, governorate_pk=geography["aswan"].pk)
    client.login(username="komombo.ngo", password=NGO["password"])
    ngo = Organization.objects.get(registration_number="ASW-2044")
    form = {k: v for k, v in NGO.items() if k in (
        "name_ar", "name_en", "org_type", "registration_number", "fields_of_work", "needs", "capacities",
        "contact_name", "contact_phone", "contact_email")}  # fmt: skip

    response = client.post(
        "/ar/partners/mine/",
        {
            **form,
            "governorates": [geography["aswan"].pk],
            "members": "80",
            "logo": SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png"),
        },
    )

    assert response.status_code == 302
    ngo.refresh_from_db()
    assert ngo.members == 80 and ngo.logo and ngo.status == "pending"
    assert client.get("/ar/partners/review/").status_code == 403  # an editor reviews nobody


def test_api_lists_published_programs_and_verified_partners(api_client, programs):
    Organization.objects.filter(slug="unitac").update(status="pending")

    programs_body = api_client.get("/api/v1/programs/", {"governorate": "EG28"}).json()
    partners_body = api_client.get("/api/v1/partners/").json()

    assert [p["slug"] for p in programs_body["results"]] == ["aswan-civil-work-2040"]
    assert programs_body["results"][0]["phases"][0]["order"] == 1
    slugs = {p["slug"] for p in partners_body["results"]}
    assert "un-habitat" in slugs and "unitac" not in slugs


def test_partner_editor_password_works_for_sign_in(client, geography):
    _register(client, governorate_pk=geography["aswan"].pk)

    assert client.login(username="komombo.ngo", password=NGO["password"])
    assert not client.login(username="komombo.ngo", password=PASSWORD)


def test_iati_carries_sdg_targets_and_the_districts_form_field_is_scoped(
    client, programs, personas, geography
):
    Program.objects.filter(slug="qena-urban-development-lab").update(sdg_targets="11.3, 16.7")
    program = Program.objects.get(slug="qena-urban-development-lab")

    document = etree.fromstring(client.get(f"/api/v1/programs/{program.pk}/iati.xml").content)

    _schema().assertValid(document)
    assert {(t.get("vocabulary"), t.get("code")) for t in document.iter("tag")} >= {
        ("3", "11.3"),
        ("3", "16.7"),
    }
    client.force_login(personas["qena_staff"])
    form = client.get(f"/ar/programs/manage/{program.slug}/").content.decode()
    assert "مركز قنا" in form and "مركز أسوان" not in form
