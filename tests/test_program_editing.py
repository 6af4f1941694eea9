"""Governorate staff record programs with partners' roles and phases, within their scope."""

import pytest

from programs.demo import seed_programs
from programs.models import Organization, Partnership, Phase, Program


@pytest.fixture
def programs(geography):
    seed_programs()
    return {p.slug: p for p in Program.objects.all()}


def _management(prefix, total=0, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}  # fmt: skip


def _program_data(geography, **changes):
    unhabitat = Organization.objects.get(slug="un-habitat")
    data = {
        "title_ar": "برنامج تطوير الأسواق بنجع حمادي", "title_en": "Nag Hammadi markets upgrading",
        "kind": "program", "status": "2", "lead_governorate": geography["qena"].pk,
        "governorates": [geography["qena"].pk], "description_ar": "تطوير الأسواق العامة وتنظيم الإشغالات",
        "start_date": "2026-01-01", "end_date": "2026-12-31", "budget": "1500000", "currency": "EGP",
        "sector_code": "43030", "sdg_goals": "11", "is_public": "on",
        **_management("partners", total=1), "partners-0-organization": unhabitat.pk, "partners-0-role": "1",
        "partners-0-funding_amount": "500000",
        **_management("phases", total=1), "phases-0-order": "1", "phases-0-name_ar": "الحصر والتخطيط",
        "phases-0-status": "active",
    }  # fmt: skip
    return {**data, **changes}


def test_governorate_staff_record_a_program_with_a_funding_partner_and_a_phase(
    client, personas, programs, geography
):
    client.force_login(personas["qena_staff"])

    response = client.post("/ar/programs/manage/new/", _program_data(geography))

    assert response.status_code == 302
    program = Program.objects.get(title_en="Nag Hammadi markets upgrading")
    assert program.lead_governorate.code == "EG27" and program.created_by == personas["qena_staff"]
    partnership = Partnership.objects.get(program=program)
    assert (partnership.role, partnership.funding_amount) == ("1", 500000)
    assert Phase.objects.get(program=program).name_ar == "الحصر والتخطيط"
    assert "برنامج تطوير الأسواق" in client.get(f"/ar/programs/{program.slug}/").content.decode()


@pytest.mark.parametrize(
    "change",
    [
        {"end_date": "2025-01-01"},  # before the start
        {"partners-0-role": "4"},  # a funding amount on an implementing role
        {"budget": "-5"},
        {"lead_governorate": "__aswan__"},  # another governorate
        {"title_ar": ""},
    ],
)
def test_bad_programs_are_400_and_change_nothing(client, personas, programs, geography, change):
    client.force_login(personas["qena_staff"])
    if change.get("lead_governorate") == "__aswan__":
        change = {"lead_governorate": geography["aswan"].pk}
    before = (Program.objects.count(), Partnership.objects.count(), Phase.objects.count())

    response = client.post("/ar/programs/manage/new/", _program_data(geography, **change))

    assert response.status_code == 400
    assert (Program.objects.count(), Partnership.objects.count(), Phase.objects.count()) == before


def test_outsiders_and_district_officers_cannot_edit_a_governorates_program(client, personas, programs):
    slug = programs["qena-urban-development-lab"].slug

    client.force_login(personas["aswan_outsider"])
    assert client.get(f"/ar/programs/manage/{slug}/").status_code == 404
    client.force_login(personas["qena_officer"])
    assert client.get(f"/ar/programs/manage/{slug}/").status_code == 403
    assert client.get("/ar/programs/manage/new/").status_code == 403
    client.force_login(personas["qena_staff"])
    assert client.get(f"/ar/programs/manage/{slug}/").status_code == 200


def test_national_programs_are_edited_by_national_administrators_only(client, personas, programs):
    national = programs["digital-capacity-urban-leaders"]

    client.force_login(personas["qena_staff"])
    assert client.get(f"/ar/programs/manage/{national.slug}/").status_code == 404
    client.force_login(personas["national_admin"])
    assert client.get(f"/ar/programs/manage/{national.slug}/").status_code == 200


def _photo(name="p.png"):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "orange").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_staff_record_an_event_with_participants_and_photos(client, personas, programs, geography):
    from programs.models import Event

    program = programs["qena-urban-development-lab"]
    client.force_login(personas["qena_staff"])

    response = client.post(f"/ar/programs/manage/{program.slug}/events/new/", {
        "kind": "workshop", "title_ar": "ورشة تخطيط تشاركي لمركز قنا", "starts_on": "2026-02-10",
        "governorates": [geography["qena"].pk], "officials": "12", "staff": "30",
        "partner_representatives": "5", "citizens": "40", "outcomes": "اعتماد أولويات التطوير",
        "photos": [_photo(), _photo("q.png")],
    })  # fmt: skip

    assert response.status_code == 302
    event = Event.objects.get(title_ar="ورشة تخطيط تشاركي لمركز قنا")
    assert (event.program, event.participants, event.photos.count()) == (program, 87, 2)
    body = client.get(f"/ar/programs/{program.slug}/").content.decode()
    assert "ورشة تخطيط تشاركي" in body and "اعتماد أولويات التطوير" in body


def test_an_event_ending_before_it_starts_is_refused(client, personas, programs):
    from programs.models import Event

    client.force_login(personas["qena_staff"])
    before = Event.objects.count()

    response = client.post("/ar/programs/manage/qena-urban-development-lab/events/new/", {
        "kind": "training", "title_ar": "تدريب", "starts_on": "2026-02-10", "ends_on": "2026-02-01",
        "officials": "0", "staff": "0", "partner_representatives": "0", "citizens": "0",
    })  # fmt: skip

    assert response.status_code == 400 and Event.objects.count() == before


def test_staff_record_an_agreement_and_a_non_pdf_is_refused(client, personas, programs):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from programs.models import Agreement

    client.force_login(personas["qena_staff"])
    url = "/ar/programs/manage/qena-urban-development-lab/agreements/new/"
    data = {"kind": "mou", "title": "مذكرة تفاهم مع جامعة جنوب الوادي", "signed_on": "2026-03-01",
            "parties": [Organization.objects.get(slug="hbrc").pk]}  # fmt: skip

    refused = client.post(url, {**data, "document": SimpleUploadedFile("mou.pdf", b"MZ not a pdf")})
    accepted = client.post(url, {**data, "document": SimpleUploadedFile("mou.pdf", b"%PDF-1.4 a pdf")})

    assert refused.status_code == 400
    assert accepted.status_code == 302
    assert Agreement.objects.filter(title="مذكرة تفاهم مع جامعة جنوب الوادي").count() == 1


def test_exports_are_right_to_left_sheets_of_the_scope(client, personas, programs):
    import io

    from openpyxl import load_workbook

    client.force_login(personas["qena_staff"])

    sheet = load_workbook(io.BytesIO(client.get("/ar/programs/manage/export.xlsx").content)).active
    partners = load_workbook(io.BytesIO(client.get("/ar/partners/export.xlsx").content)).active

    assert sheet.sheet_view.rightToLeft
    titles = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert titles == ["معمل قنا للتنمية العمرانية"]  # Aswan's and national programs are not Qena's
    assert partners.sheet_view.rightToLeft


def test_a_governorates_public_page(client, programs):
    body = client.get("/ar/governorates/EG28/").content.decode()

    assert "أسوان 2040" in body and "جمعية تنمية المجتمع المحلي بأسوان" in body
    assert client.get("/ar/governorates/EG99/").status_code == 404
