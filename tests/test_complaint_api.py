"""The complaints API contract of DESIGN.md §3, bad input, rate limits and query counts."""

import pytest

from complaints.models import Complaint, Notification
from tests.conftest import CITIZEN_PHONE

GOOD = {
    "category": "street_lighting",
    "district": "EG2702",
    "description": "أعمدة الإنارة مطفأة في شارع المحطة منذ أسبوع",
    "name": "فاطمة السيد",
    "phone": "٠١٠٠١٢٣٤٥٦٧",  # typed with Arabic-Indic digits
}


def test_anyone_can_file_a_complaint_and_gets_code_status_and_due_time(api_client, geography):
    response = api_client.post("/api/v1/complaints/", GOOD, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["tracking_code"].startswith("EG27-") and body["status"] == "new"
    complaint = Complaint.objects.get(tracking_code=body["tracking_code"])
    assert complaint.phone == CITIZEN_PHONE
    assert (complaint.due_at - complaint.created_at).total_seconds() == 48 * 3600  # the category's SLA
    assert complaint.governorate.code == "EG27" and complaint.channel == "web"
    assert Notification.objects.filter(complaint=complaint, channel="sms", recipient=CITIZEN_PHONE).exists()


BAD_INPUT = {
    "unknown district": {"district": "EG9999"},
    "unknown category": {"category": "flying_cars"},
    "empty description": {"description": ""},
    "huge description": {"description": "ا" * 20_000},
    "wrong phone": {"phone": "12345"},
    "landline as mobile": {"phone": "0223456789"},
    "national id with a bad date": {"national_id": "29913451234567"},
    "national id with a bad governorate": {"national_id": "29001019912345"},
    "latitude off the earth": {"latitude": "123.5"},
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_gets_a_translated_400_and_changes_nothing(api_client, geography, case):
    response = api_client.post(
        "/api/v1/complaints/", {**GOOD, **BAD_INPUT[case]}, format="json", HTTP_ACCEPT_LANGUAGE="ar"
    )

    assert response.status_code == 400
    field = next(iter(BAD_INPUT[case]))
    assert field in response.json()
    assert any("\u0600" <= ch <= "\u06ff" for ch in str(response.json()[field])), "message is not in Arabic"
    assert Complaint.objects.count() == 0


def test_valid_national_id_is_accepted(api_client, geography):
    response = api_client.post(
        "/api/v1/complaints/", {**GOOD, "national_id": "29001012701234"}, format="json"
    )

    assert response.status_code == 201


def test_tracking_shows_status_and_public_timeline_but_no_personal_data(
    api_client, make_complaint, qena_officer
):
    complaint = make_complaint(actions=["accept"], actor=qena_officer, email="citizen@example.com")
    from complaints.services import complaint_add_note

    complaint_add_note(complaint=complaint, actor=qena_officer, message="ملاحظة داخلية سرية", public=False)

    response = api_client.get(
        "/api/v1/complaints/track/", {"code": complaint.tracking_code, "phone": "01001234567"}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "accepted"
    assert [event["to_status"] for event in body["timeline"]] == ["new", "accepted"]
    text = response.content.decode()
    for secret in ("محمد عبد الرحيم", CITIZEN_PHONE, "citizen@example.com", "ملاحظة داخلية سرية"):
        assert secret not in text


def test_tracking_with_the_wrong_phone_is_a_404(api_client, make_complaint):
    complaint = make_complaint()

    response = api_client.get(
        "/api/v1/complaints/track/", {"code": complaint.tracking_code, "phone": "01112223334"}
    )

    assert response.status_code == 404
    assert complaint.tracking_code not in response.content.decode()


def test_tracking_is_rate_limited(api_client, make_complaint, settings):
    settings.COMPLAINT_RATE_LIMITS = {**settings.COMPLAINT_RATE_LIMITS, "track_per_ip": "3/h"}
    complaint = make_complaint()
    query = {"code": complaint.tracking_code, "phone": "01001234567"}

    statuses = [api_client.get("/api/v1/complaints/track/", query).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_filing_is_rate_limited_per_phone(api_client, geography, settings):
    settings.COMPLAINT_RATE_LIMITS = {**settings.COMPLAINT_RATE_LIMITS, "file_per_phone": "2/h"}

    statuses = [api_client.post("/api/v1/complaints/", GOOD, format="json").status_code for _ in range(3)]

    assert statuses == [201, 201, 429]
    assert Complaint.objects.count() == 2


def test_staff_list_is_scoped_paginated_and_has_the_contract_fields(api_client, make_complaint, personas):
    make_complaint(district="EG2702")
    make_complaint(district="EG2708")
    make_complaint(district="EG2802")
    api_client.force_login(personas["qena_officer"])

    body = api_client.get("/api/v1/complaints/").json()

    assert body["count"] == 1 and "next" in body
    row = body["results"][0]
    assert row["district"] == "EG2702" and row["governorate"] == "EG27" and row["category"] == "roads"
    for field in (
        "tracking_code",
        "status",
        "channel",
        "created_at",
        "due_at",
        "resolved_at",
        "satisfaction",
        "escalation_level",
    ):
        assert field in row


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"district": "EG2708"}, 1),
        ({"governorate": "EG27"}, 2),
        ({"status": "accepted"}, 1),
        ({"category": "water"}, 1),
        ({"created_after": "2000-01-01"}, 2),
        ({"created_before": "2000-01-01"}, 0),
    ],
)
def test_staff_list_filters(api_client, make_complaint, personas, query, expected):
    make_complaint(district="EG2702", actions=["accept"])
    make_complaint(district="EG2708", category="water")
    api_client.force_login(personas["qena_staff"])

    assert api_client.get("/api/v1/complaints/", query).json()["count"] == expected


def test_a_bad_filter_is_a_400(api_client, personas):
    api_client.force_login(personas["qena_staff"])

    assert api_client.get("/api/v1/complaints/", {"created_after": "yesterday-ish"}).status_code == 400


def test_list_query_count_is_pinned(api_client, make_complaint, personas, django_assert_max_num_queries):
    for _ in range(6):
        make_complaint(actions=["accept"])
    api_client.force_login(personas["qena_staff"])

    with django_assert_max_num_queries(5):
        assert api_client.get("/api/v1/complaints/").json()["count"] == 6


def test_transition_through_the_api(api_client, make_complaint, personas):
    complaint = make_complaint()
    api_client.force_login(personas["qena_officer"])
    url = f"/api/v1/complaints/{complaint.tracking_code}/transition/"

    accepted = api_client.post(url, {"action": "accept", "note": "استلمنا الشكوى"}, format="json")
    again = api_client.post(url, {"action": "accept"}, format="json", HTTP_ACCEPT_LANGUAGE="ar")
    unknown = api_client.post(url, {"action": "explode"}, format="json")

    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert again.status_code == 409 and "مقبولة" in again.json()["detail"]
    assert unknown.status_code == 400


def test_outsider_cannot_transition_another_governorates_complaint(api_client, make_complaint, personas):
    complaint = make_complaint()
    api_client.force_login(personas["aswan_outsider"])

    response = api_client.post(
        f"/api/v1/complaints/{complaint.tracking_code}/transition/", {"action": "accept"}
    )

    assert response.status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == "new"


def test_citizen_rates_and_reopens_through_the_api(api_client, make_complaint):
    resolved = make_complaint(actions=["accept", "start", "resolve"])
    other = make_complaint(actions=["accept", "start", "resolve"])
    identity = {"phone": "01001234567"}

    rated = api_client.post(
        "/api/v1/complaints/rate/", {**identity, "code": resolved.tracking_code, "rating": 4}
    )
    twice = api_client.post(
        "/api/v1/complaints/rate/", {**identity, "code": resolved.tracking_code, "rating": 1}
    )
    reopened = api_client.post(
        "/api/v1/complaints/reopen/", {**identity, "code": other.tracking_code, "reason": "لم تُصلح"}
    )

    assert (
        rated.status_code == 200 and rated.json()["satisfaction"] == 4 and rated.json()["status"] == "closed"
    )
    assert twice.status_code == 409
    assert reopened.status_code == 200 and reopened.json()["status"] == "in_progress"
