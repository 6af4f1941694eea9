"""Field inspections from the officer's form: the checklist of the kind, findings, photos, and a finding
turned into a complaint or an obstacle in one step."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from PIL import Image

from complaints.models import Attachment, Channel, Complaint
from initiatives.models import Initiative, Inspection, InspectionFinding, InspectionPhoto, Obstacle
from initiatives.services.field import inspection_record
from portal.validation import clean_photo
from tests.conftest import client_for

FIXTURES = Path(__file__).parent / "fixtures"
ROADS_ALL_FINE = {
    f"check_roads_{code}": "ok" for code in ("surface", "drainage", "signs", "sidewalks", "debris")
}


def _upload(name="photo_with_exif.jpg"):
    return SimpleUploadedFile(name, (FIXTURES / name).read_bytes(), content_type="image/jpeg")


def _form(**extra):
    data = {
        "kind": "roads", "place": "طريق قنا - سفاجا أمام مدرسة الشهيد",
        "latitude": "26.164200", "longitude": "32.726700", "notes": "",
        "findings-TOTAL_FORMS": "3", "findings-INITIAL_FORMS": "0", "findings-MIN_NUM_FORMS": "0",
        "findings-MAX_NUM_FORMS": "10",
        **ROADS_ALL_FINE,
        "check_roads_surface": "fault",
        "findings-0-description": "حفرة عميقة بعرض الحارة اليمنى",
        "findings-0-severity": "high",
        "findings-0-item": "surface",
    }  # fmt: skip
    return {**data, **extra}


@pytest.fixture
def form_data(geography):
    def make(district="EG2702", **extra):
        return _form(district=str(geography[district].pk), **extra)

    return make


@pytest.fixture
def qena_initiative(geography):
    initiative = Initiative.objects.create(
        title_ar="رصف طريق الحميدات", summary_ar="رصف وإنارة الطريق الرئيسي", governorate=geography["qena"],
        sector="roads", theme="quality_of_life", planned_start=date(2026, 1, 1),
        planned_end=date(2026, 12, 31),
    )  # fmt: skip
    initiative.districts.add(geography["EG2702"])
    return initiative


@pytest.fixture
def inspection(qena_officer, geography):
    photo = (Path(__file__).parent / "fixtures" / "photo_with_exif.jpg").read_bytes()
    return inspection_record(
        actor=qena_officer, district=geography["EG2702"], kind="roads", place="شارع الجمهورية",
        checklist={"surface": "fault", "drainage": "ok"}, latitude="26.164200", longitude="32.726700",
        findings=[{"description": "هبوط في الأسفلت أمام المستشفى", "severity": "high", "item": "surface"}],
        photos=[clean_photo(SimpleUploadedFile("p.jpg", photo, content_type="image/jpeg"))],
    )  # fmt: skip


# Recording --------------------------------------------------------------------------------------


def test_officer_records_a_roads_inspection_with_a_finding_and_a_stripped_photo(
    client, qena_officer, form_data
):
    response = client_for(client, qena_officer).post(
        "/ar/initiatives/inspections/new/", {**form_data(), "photos": [_upload()]}
    )

    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response.url == f"/ar/initiatives/inspections/{inspection.pk}/"
    assert (inspection.district.code, inspection.governorate.code, inspection.inspector) == (
        "EG2702", "EG27", qena_officer
    )  # fmt: skip
    assert inspection.checklist["surface"] == "fault" and len(inspection.checklist) == 5
    finding = inspection.findings.get()
    assert (finding.item, finding.severity) == ("surface", "high")
    with Image.open(InspectionPhoto.objects.get().image.path) as stored:
        assert dict(stored.getexif()) == {}, "EXIF must be stripped"


def test_only_the_chosen_kinds_checklist_is_kept(client, qena_officer, form_data):
    client_for(client, qena_officer).post(
        "/ar/initiatives/inspections/new/", form_data(check_markets_prices="fault")
    )

    assert set(Inspection.objects.get().checklist) == {"surface", "drainage", "signs", "sidewalks", "debris"}


def test_an_unanswered_item_of_the_kind_is_refused_and_nothing_saved(client, qena_officer, form_data):
    data = form_data()
    del data["check_roads_signs"]

    response = client_for(client, qena_officer).post("/ar/initiatives/inspections/new/", data)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["check_roads_signs"]
    assert Inspection.objects.count() == 0


def test_a_finding_on_an_item_of_another_kind_is_refused(client, qena_officer, form_data):
    response = client_for(client, qena_officer).post(
        "/ar/initiatives/inspections/new/", form_data(**{"findings-0-item": "prices"})
    )

    assert response.status_code == 400
    assert Inspection.objects.count() == 0 and InspectionFinding.objects.count() == 0


def test_a_site_inspection_needs_an_initiative_of_the_district(
    client, qena_officer, form_data, qena_initiative
):
    site = {f"check_site_{code}": "ok" for code in ("on_schedule", "workers_present", "safety", "quality",
                                                    "signboard")}  # fmt: skip
    without = client_for(client, qena_officer).post(
        "/ar/initiatives/inspections/new/", form_data(kind="site", **site, **{"findings-0-item": ""})
    )
    assert without.status_code == 400 and Inspection.objects.count() == 0

    with_it = client.post(
        "/ar/initiatives/inspections/new/",
        form_data(kind="site", initiative=str(qena_initiative.pk), **site, **{"findings-0-item": ""}),
    )
    assert with_it.status_code == 302
    assert Inspection.objects.get().initiative == qena_initiative


def test_officer_cannot_record_in_another_district(client, qena_officer, form_data):
    response = client_for(client, qena_officer).post("/ar/initiatives/inspections/new/", form_data("EG2708"))

    assert response.status_code == 400
    assert Inspection.objects.count() == 0 and InspectionPhoto.objects.count() == 0


def test_a_document_renamed_jpg_is_refused_and_nothing_saved(client, qena_officer, form_data):
    response = client_for(client, qena_officer).post(
        "/ar/initiatives/inspections/new/", {**form_data(), "photos": [_upload("document_renamed.jpg")]}
    )

    assert response.status_code == 400
    assert Inspection.objects.count() == 0


def test_staff_choose_among_their_governorates_districts(client, qena_staff, form_data):
    page = client_for(client, qena_staff).get("/ar/initiatives/inspections/new/").content.decode()
    assert "مركز نجع حمادى" in page and "مركز أسوان" not in page

    response = client.post("/ar/initiatives/inspections/new/", form_data("EG2708"))
    assert response.status_code == 302
    assert Inspection.objects.get().district.code == "EG2708"


def test_faults_without_findings_are_saved_with_a_reminder(client, qena_officer, form_data):
    data = form_data(**{"findings-0-description": "", "findings-0-item": "", "findings-0-severity": "medium"})

    response = client_for(client, qena_officer).post("/ar/initiatives/inspections/new/", data, follow=True)

    assert Inspection.objects.get().findings.count() == 0
    assert response.status_code == 200
    assert len([m for m in response.context["messages"] if m.level_tag == "warning"]) == 1


# Findings → complaints and obstacles -------------------------------------------------------------


def test_a_finding_becomes_a_complaint_in_the_districts_inbox_with_the_photo(
    client, qena_officer, inspection
):
    finding = inspection.findings.get()

    response = client_for(client, qena_officer).post(
        f"/ar/initiatives/inspections/findings/{finding.pk}/complaint/", {"category": "roads"}, follow=True
    )

    complaint = Complaint.objects.get()
    assert (complaint.district.code, complaint.channel, complaint.category.code) == (
        "EG2702", Channel.INSPECTION, "roads"
    )  # fmt: skip
    assert complaint.phone == "" and complaint.description == finding.description
    assert Attachment.objects.filter(complaint=complaint).count() == 1
    body = response.content.decode()
    assert f'href="/ar/complaints/inbox/{complaint.tracking_code}/"' in body
    inbox = client.get("/ar/complaints/inbox/").content.decode()
    assert complaint.tracking_code in inbox


def test_filing_a_finding_twice_is_a_conflict_and_changes_nothing(client, qena_officer, inspection):
    finding = inspection.findings.get()
    url = f"/ar/initiatives/inspections/findings/{finding.pk}/complaint/"
    client_for(client, qena_officer).post(url, {"category": "roads"})

    again = client.post(url, {"category": "street_lighting"})

    assert again.status_code == 409
    assert [row["error"] for row in again.context["findings"]] == [
        str(_("A complaint was already filed from this finding."))
    ]
    assert Complaint.objects.count() == 1


def test_an_outsider_cannot_file_a_finding_as_a_complaint(client, aswan_outsider, inspection):
    finding = inspection.findings.get()

    response = client_for(client, aswan_outsider).post(
        f"/ar/initiatives/inspections/findings/{finding.pk}/complaint/", {"category": "roads"}
    )

    assert response.status_code == 404
    assert Complaint.objects.count() == 0


def test_a_finding_becomes_an_obstacle_on_an_initiative_of_the_district(
    client, qena_officer, inspection, qena_initiative
):
    finding = inspection.findings.get()
    url = f"/ar/initiatives/inspections/findings/{finding.pk}/obstacle/"
    data = {"initiative": qena_initiative.pk, "kind": "contractor", "owner": "مديرية الطرق",
            "needed_by": (date.today() + timedelta(days=14)).isoformat()}  # fmt: skip

    first = client_for(client, qena_officer).post(url, data)
    second = client.post(url, data)

    obstacle = Obstacle.objects.get()
    assert first.status_code == 302 and second.status_code == 409
    assert (obstacle.initiative, obstacle.owner, obstacle.description) == (
        qena_initiative, "مديرية الطرق", finding.description
    )  # fmt: skip
    finding.refresh_from_db()
    assert finding.obstacle == obstacle


def test_an_obstacle_needs_an_initiative_of_the_inspected_district(
    client, qena_officer, inspection, geography
):
    other = Initiative.objects.create(
        title_ar="سوق نجع حمادي", summary_ar="سوق حضاري", governorate=geography["qena"], sector="markets",
        theme="quality_of_life", planned_start=date(2026, 1, 1), planned_end=date(2026, 12, 31),
    )  # fmt: skip
    other.districts.add(geography["EG2708"])
    finding = inspection.findings.get()

    response = client_for(client, qena_officer).post(
        f"/ar/initiatives/inspections/findings/{finding.pk}/obstacle/",
        {"initiative": other.pk, "kind": "other", "owner": "x", "needed_by": "2026-12-01"},
    )

    assert response.status_code == 400
    assert Obstacle.objects.count() == 0


def test_detail_shows_checklist_findings_photos_and_the_place(client, qena_officer, inspection):
    body = (
        client_for(client, qena_officer).get(f"/ar/initiatives/inspections/{inspection.pk}/").content.decode()
    )

    assert "هبوط في الأسفلت أمام المستشفى" in body
    photo = inspection.photos.get()
    assert f"/ar/initiatives/inspections/photos/{photo.pk}/" in body
    assert 'id="inspection-point"' in body
    assert client.get(f"/ar/initiatives/inspections/photos/{photo.pk}/")["Content-Type"] == "image/jpeg"


def test_list_filters_and_export(client, qena_staff, inspection, geography):
    inspection_record(
        actor=qena_staff, district=geography["EG2708"], kind="markets", place="سوق الخميس",
        checklist={"prices": "fault"}, findings=[],
    )  # fmt: skip
    client = client_for(client, qena_staff)

    roads = client.get("/ar/initiatives/inspections/", {"kind": "roads"}).content.decode()
    nag = client.get("/ar/initiatives/inspections/", {"district": "EG2708"}).content.decode()
    month = client.get("/ar/initiatives/inspections/", {"month": "1999-01"}).content.decode()
    export = client.get("/ar/initiatives/inspections/export.xlsx", {"kind": "markets"})

    assert "شارع الجمهورية" in roads and "سوق الخميس" not in roads
    assert "سوق الخميس" in nag and "شارع الجمهورية" not in nag
    assert "شارع الجمهورية" not in month
    sheet = load_workbook(filename=__import__("io").BytesIO(export.content)).active
    rows = list(sheet.values)
    assert len(rows) == 2 and "سوق الخميس" in rows[1]
    assert sheet.sheet_view.rightToLeft
