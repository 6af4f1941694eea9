"""The citizen's and the officer's pages: filing with photos, tracking, rating, the inbox, exports."""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from PIL import Image

from complaints.models import Attachment, Complaint, ComplaintEvent, Hearing

FIXTURES = Path(__file__).parent / "fixtures"
FORM = {
    "category": "waste",
    "district": "EG2708",
    "description": "تراكم القمامة بجوار السوق منذ أسبوعين",
    "name": "منى حسانين",
    "phone": "0100 123 4567",
    "captcha_0": "x",
    "captcha_1": "PASSED",
}


def _upload(name):
    return SimpleUploadedFile(name, (FIXTURES / name).read_bytes(), content_type="image/jpeg")


def test_citizen_files_a_complaint_with_a_photo_and_sees_the_code(client, geography):
    response = client.post(
        "/ar/complaints/new/", {**FORM, "photos": [_upload("photo_with_exif.jpg")]}, follow=True
    )

    complaint = Complaint.objects.get()
    body = response.content.decode()
    assert complaint.tracking_code in body
    assert "تم استلام شكواك" in body
    photo = Attachment.objects.get(complaint=complaint)
    assert photo.content_type == "image/jpeg"
    with Image.open(photo.file.path) as stored:
        assert dict(stored.getexif()) == {}, "EXIF must be stripped"


def test_a_pdf_renamed_jpg_is_refused_and_nothing_is_filed(client, geography):
    response = client.post("/ar/complaints/new/", {**FORM, "photos": [_upload("document_renamed.jpg")]})

    assert response.status_code == 400
    assert "ليس صورة" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_a_filled_honeypot_is_refused(client, geography):
    response = client.post("/ar/complaints/new/", {**FORM, "website": "http://spam.example"})

    assert response.status_code == 400
    assert Complaint.objects.count() == 0


def test_a_wrong_captcha_is_refused(client, geography):
    response = client.post("/ar/complaints/new/", {**FORM, "captcha_1": "wrong"})

    assert response.status_code == 400
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize(
    "change",
    [{"district": "EG9999"}, {"description": ""}, {"description": "ا" * 20_000}, {"phone": "123"}],
)
def test_bad_form_input_is_a_400_with_a_message(client, geography, change):
    response = client.post("/ar/complaints/new/", {**FORM, **change})

    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_the_form_lists_districts_grouped_by_governorate(client, geography):
    body = client.get("/ar/complaints/new/").content.decode()

    assert '<optgroup label="قنا">' in body
    assert 'value="EG2708"' in body


def test_citizen_tracks_rates_and_cannot_rate_twice(client, make_complaint):
    complaint = make_complaint(actions=["accept", "start", "resolve"])

    tracked = client.post(
        "/ar/complaints/track/",
        {"code": complaint.tracking_code.lower(), "phone": "01001234567"},
        follow=True,
    )
    assert "تم الإصلاح" in tracked.content.decode()  # the answer

    rated = client.post(f"/ar/complaints/track/{complaint.tracking_code}/rate/", {"rating": "5"}, follow=True)
    again = client.post(f"/ar/complaints/track/{complaint.tracking_code}/rate/", {"rating": "1"})

    complaint.refresh_from_db()
    assert complaint.satisfaction == 5 and complaint.status == "closed"
    assert rated.status_code == 200
    assert again.status_code in (400, 409)
    assert Complaint.objects.get(pk=complaint.pk).satisfaction == 5


def test_tracking_with_the_wrong_phone_shows_nothing(client, make_complaint):
    complaint = make_complaint()

    response = client.post("/ar/complaints/track/", {"code": complaint.tracking_code, "phone": "01112223334"})

    assert response.status_code == 404
    assert "حفرة" not in response.content.decode()
    assert client.get(f"/ar/complaints/track/{complaint.tracking_code}/").status_code == 404


def test_officer_inbox_puts_overdue_first_and_is_scoped(client, make_complaint, personas):
    from datetime import timedelta

    from django.utils import timezone

    recent = make_complaint()
    late = make_complaint()
    Complaint.objects.filter(pk=late.pk).update(
        created_at=timezone.now() - timedelta(days=30), due_at=timezone.now() - timedelta(days=23)
    )
    elsewhere = make_complaint(district="EG2708")
    client.force_login(personas["qena_officer"])

    body = client.get("/ar/complaints/inbox/").content.decode()

    assert body.index(late.tracking_code) < body.index(recent.tracking_code)
    assert elsewhere.tracking_code not in body


def test_officer_resolves_from_the_detail_page(client, make_complaint, personas):
    complaint = make_complaint(actions=["accept", "start"])
    client.force_login(personas["qena_officer"])
    url = f"/ar/complaints/inbox/{complaint.tracking_code}/transition/"

    empty = client.post(url, {"action": "resolve", "note": ""})
    done = client.post(url, {"action": "resolve", "note": "تم ردم الحفرة ورصف الجزء التالف"})

    assert empty.status_code == 400
    assert done.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "resolved" and "ردم" in complaint.answer


def test_internal_note_is_not_public(client, make_complaint, personas):
    complaint = make_complaint()
    client.force_login(personas["qena_officer"])

    client.post(f"/ar/complaints/inbox/{complaint.tracking_code}/note/", {"message": "المقاول متأخر"})

    event = ComplaintEvent.objects.get(complaint=complaint, kind="note")
    assert not event.is_public


def test_governorate_staff_moves_a_complaint_but_a_district_officer_cannot(client, make_complaint, personas):
    complaint = make_complaint(district="EG2702")
    client.force_login(personas["qena_officer"])
    refused = client.post(f"/ar/complaints/inbox/{complaint.tracking_code}/move/", {"district": "EG2708"})
    client.force_login(personas["qena_staff"])
    moved = client.post(f"/ar/complaints/inbox/{complaint.tracking_code}/move/", {"district": "EG2708"})

    assert refused.status_code == 400
    assert moved.status_code == 302
    complaint.refresh_from_db()
    assert complaint.district.code == "EG2708"


def test_bulk_assignment_to_a_colleague_in_scope(client, make_complaint, personas):
    first, second = make_complaint(), make_complaint()
    client.force_login(personas["qena_staff"])

    client.post(
        "/ar/complaints/inbox/assign/",
        {
            "selected": [first.tracking_code, second.tracking_code],
            "assignee": personas["qena_officer"].pk,
        },
    )

    assert set(Complaint.objects.values_list("assigned_to", flat=True)) == {personas["qena_officer"].pk}


def test_cannot_assign_to_someone_whose_scope_does_not_hold_the_complaint(client, make_complaint, personas):
    complaint = make_complaint(district="EG2708")
    client.force_login(personas["qena_staff"])

    client.post(
        "/ar/complaints/inbox/assign/",
        {"selected": [complaint.tracking_code], "assignee": personas["qena_officer"].pk},
    )

    complaint.refresh_from_db()
    assert complaint.assigned_to is None


def test_csv_export_has_a_bom_arabic_and_only_the_scope(client, make_complaint, personas):
    mine = make_complaint(district="EG2702")
    other = make_complaint(district="EG2802")
    client.force_login(personas["qena_staff"])

    response = client.get("/ar/complaints/inbox/export.csv", {"district": "EG2702"})

    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[0][0] == "رقم المتابعة"
    assert [row[0] for row in rows[1:]] == [mine.tracking_code]
    assert other.tracking_code not in content


def test_xlsx_export_is_a_right_to_left_sheet(client, make_complaint, personas):
    complaint = make_complaint()
    client.force_login(personas["qena_staff"])

    response = client.get("/ar/complaints/inbox/export.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft
    assert sheet.cell(row=2, column=1).value == complaint.tracking_code


def test_hearing_is_recorded_and_its_complaints_are_filed_against_it(client, personas, geography):
    client.force_login(personas["qena_officer"])

    client.post(
        "/ar/complaints/hearings/",
        {
            "governorate": geography["qena"].pk,
            "district": geography["EG2702"].pk,
            "held_on": "2026-11-19",
            "chaired_by": "رئيس مركز ومدينة قنا",
            "attendees": "42",
        },
    )
    hearing = Hearing.objects.get()
    response = client.post(
        "/ar/complaints/inbox/new/",
        {
            **{k: v for k, v in FORM.items() if not k.startswith("captcha")},
            "district": "EG2702",
            "channel": "hearing",
            "hearing": hearing.pk,
        },
    )

    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.hearing) == ("hearing", hearing)


def test_officer_cannot_record_a_hearing_in_another_district(client, personas, geography):
    client.force_login(personas["qena_officer"])

    response = client.post(
        "/ar/complaints/hearings/",
        {
            "governorate": geography["qena"].pk,
            "district": geography["EG2708"].pk,
            "held_on": "2026-11-19",
            "chaired_by": "x",
            "attendees": "3",
        },
    )

    assert response.status_code == 400
    assert Hearing.objects.count() == 0


def test_inbox_query_count_is_pinned(client, make_complaint, personas, django_assert_max_num_queries):
    for index in range(8):
        make_complaint(district="EG2702" if index % 2 else "EG2708", latitude="26.1", longitude="32.7")
    client.force_login(personas["qena_staff"])

    with django_assert_max_num_queries(12):
        response = client.get("/ar/complaints/inbox/")

    assert response.content.decode().count('href="/ar/complaints/inbox/EG27-') == 8
