"""Regressions found in review: what a hostile or unlucky input must not do."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from complaints.models import Complaint, ComplaintEvent, Hearing, Notification
from complaints.notifications import notification_send
from complaints.services import (
    TransitionNotAllowed,
    complaint_move,
    complaint_rate,
    complaint_reopen_by_citizen,
)
from complaints.sms import MemoryBackend
from portal.validation import clean_photo

FILING = {
    "category": "roads",
    "district": "EG2702",
    "name": "علي حسن",
    "phone": "01001234567",
    "description": "هبوط في الطريق أمام الوحدة الصحية",
}


def test_filing_still_works_when_the_cache_behind_the_rate_limits_is_down(api_client, geography, settings):
    dead_redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
    settings.CACHES = {**settings.CACHES, "limits": dead_redis}
    settings.RATELIMIT_USE_CACHE = "limits"

    response = api_client.post("/api/v1/complaints/", FILING, format="json")

    assert response.status_code == 201
    assert Complaint.objects.count() == 1


def test_exports_neutralise_formulas_and_control_characters(client, make_complaint, personas):
    make_complaint(name="=1+1", description='=HYPERLINK("http://evil","clickme") \x0b حفرة')
    client.force_login(personas["qena_staff"])

    sheet = load_workbook(io.BytesIO(client.get("/ar/complaints/inbox/export.xlsx").content)).active
    csv_text = b"".join(client.get("/ar/complaints/inbox/export.csv").streaming_content).decode()

    row = [cell.value for cell in sheet[2]]
    assert "'=1+1" in row
    assert all(cell.data_type != "f" for cell in sheet[2])
    assert "\x0b" not in csv_text and ",=1+1," not in csv_text


def test_open311_masks_numbers_emails_and_exact_location(client, make_complaint):
    complaint = make_complaint(
        description="اتصلوا بي على 010 1234 5678 أو me@example.com بخصوص الحفرة",
        latitude="26.164512",
        longitude="32.726981",
    )

    body = client.get(f"/open311/v2/requests/{complaint.tracking_code}.json").json()[0]

    assert "5678" not in body["description"] and "example.com" not in body["description"]
    assert "الحفرة" in body["description"]
    assert (body["lat"], body["long"]) == (26.165, 32.727)


@pytest.mark.parametrize(
    "query",
    [
        {"end_date": "2026-02-30T00:00:00"},
        {"end_date": "0001-01-01T00:00:00"},
        {"end_date": "9999-12-31T23:59:59-05:00"},
        {"service_request_id": "EG27\x00"},
    ],
)
def test_open311_bad_dates_and_null_characters_are_400(client, geography, query):
    assert client.get("/open311/v2/requests.json", query).status_code == 400


@pytest.mark.parametrize("change", [{"lat": "nan"}, {"email": "not an email\nBcc: x@y.z"}])
def test_open311_refuses_nan_and_bad_email(client, geography, change):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("open311_key", "create", "test", stdout=out)
    data = {
        "api_key": out.getvalue().strip(),
        "service_code": "roads",
        "attribute[district]": "EG2702",
        "description": "هبوط أرضي في الطريق الرئيسي",
        "phone": "01012345678",
    }

    assert client.post("/open311/v2/requests.json", {**data, **change}).status_code == 400
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize("url", ["/ar/complaints/inbox/", "/api/v1/complaints/"])
def test_a_date_filter_out_of_range_is_400(client, personas, url):
    client.force_login(personas["qena_staff"])

    assert client.get(url, {"created_after": "0001-01-01T00:00"}).status_code == 400


def test_two_moves_of_one_complaint_record_one_move(make_complaint, qena_staff, geography):
    complaint = make_complaint(district="EG2702")
    stale = Complaint.objects.get(pk=complaint.pk)
    complaint_move(
        complaint=complaint, district=geography["EG2708"], actor=qena_staff, note="اختصاص نجع حمادي"
    )

    with pytest.raises(Exception):  # noqa: B017 - ValidationError: the stale copy still says EG2702
        complaint_move(complaint=stale, district=geography["EG2708"], actor=qena_staff)

    moves = ComplaintEvent.objects.filter(complaint=complaint, kind="moved")
    assert moves.count() == 1 and moves.get().is_public
    assert ComplaintEvent.objects.get(complaint=complaint, kind="note").message == "اختصاص نجع حمادي"


def test_rating_a_resolved_complaint_records_its_closing(make_complaint):
    complaint = make_complaint(actions=["accept", "start", "resolve"])

    complaint_rate(complaint=complaint, rating=4)

    closing = ComplaintEvent.objects.filter(complaint=complaint, kind="transition").last()
    assert (closing.from_status, closing.to_status) == ("resolved", "closed")


def test_reopen_window_is_checked_against_the_current_row(make_complaint):
    complaint = make_complaint(actions=["accept", "start", "resolve"])
    Complaint.objects.filter(pk=complaint.pk).update(resolved_at=timezone.now() - timedelta(days=8))

    with pytest.raises(TransitionNotAllowed):
        complaint_reopen_by_citizen(complaint=complaint, reason="لم تُحل")  # the object still says "just now"

    assert Complaint.objects.get(pk=complaint.pk).status == "resolved"


def test_a_message_that_cannot_be_sent_fails_once_and_is_not_retried(make_complaint, monkeypatch):
    complaint = make_complaint()
    notification = Notification.objects.get(complaint=complaint)
    monkeypatch.setattr(
        MemoryBackend, "send", lambda self, phone, text: (_ for _ in ()).throw(ValueError("bad"))
    )

    assert notification_send(notification.pk) is False
    assert notification_send(notification.pk) is False

    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == ("failed", 1)


def test_a_message_being_sent_is_not_claimed_again_by_a_second_worker(make_complaint):
    complaint = make_complaint()
    notification = Notification.objects.get(complaint=complaint)
    old = timezone.now() - timedelta(hours=1)
    Notification.objects.filter(pk=notification.pk).update(
        state="sending", created_at=old, claimed_at=timezone.now()
    )

    assert notification_send(notification.pk) is False
    assert MemoryBackend.outbox == []


def test_phone_cameras_multi_picture_jpeg_is_accepted(tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(buffer, format="MPO")
    upload = SimpleUploadedFile("camera.jpg", buffer.getvalue())

    content, content_type = clean_photo(upload)

    assert content_type == "image/jpeg" and Image.open(io.BytesIO(content)).format == "JPEG"


def test_a_hearing_elsewhere_cannot_carry_the_complaint(client, personas, geography):
    aswan_hearing = Hearing.objects.create(
        governorate=geography["aswan"], held_on="2026-11-19", chaired_by="x"
    )
    client.force_login(personas["national_admin"])

    response = client.post(
        "/ar/complaints/inbox/new/",
        {
            **FILING,
            "district": "EG2702",
            "category": "roads",
            "channel": "hearing",
            "hearing": aswan_hearing.pk,
        },
    )

    assert response.status_code == 400
    assert Complaint.objects.count() == 0


def test_odd_tracking_codes_in_urls_are_404(client, personas):
    client.force_login(personas["qena_staff"])

    assert client.get("/ar/complaints/inbox/EG27%00X/").status_code == 404
    assert client.get("/ar/complaints/track/<script>/").status_code == 404
