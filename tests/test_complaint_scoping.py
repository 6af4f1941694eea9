"""Every complaint URL, for every persona: personal data only for staff whose scope holds it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.forms import ComplaintPhotosField
from complaints.models import Attachment
from complaints.services import Photo
from tests.conftest import client_for
from tests.test_complaint_pages import FIXTURES

INSIDERS = {"qena_officer", "qena_staff", "qena_governor", "national_admin"}
PERSONAS = ["qena_officer", "qena_staff", "qena_governor", "aswan_outsider", "national_admin", "anonymous"]


@pytest.fixture
def qena_complaint(make_complaint):
    upload = SimpleUploadedFile("p.jpg", (FIXTURES / "photo_with_exif.jpg").read_bytes())
    photos: list[Photo] = ComplaintPhotosField().clean([upload])
    return make_complaint(email="private@example.com", national_id="29001012701234", photos=photos)


def _urls(complaint):
    code = complaint.tracking_code
    photo = Attachment.objects.get(complaint=complaint)
    return {
        "inbox": ("/ar/complaints/inbox/", True),
        "detail": (f"/ar/complaints/inbox/{code}/", False),
        "API list": ("/api/v1/complaints/?district=EG2702", True),
        "API detail": (f"/api/v1/complaints/{code}/", False),
        "CSV export": ("/ar/complaints/inbox/export.csv", True),
        "XLSX export": ("/ar/complaints/inbox/export.xlsx", True),
        "photo": (f"/ar/complaints/photos/{photo.uuid}/", False),
        "admin": (f"/ar/admin/complaints/complaint/{complaint.pk}/change/", False),
    }


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("persona", PERSONAS)
def test_complaint_and_its_personal_data_only_for_insiders(client, personas, qena_complaint, persona):
    client = client_for(client, personas[persona])
    for name, (url, is_list) in _urls(qena_complaint).items():
        response = client.get(url)
        body = _body(response)
        if persona in INSIDERS:
            assert response.status_code == 200, name
        elif is_list and response.status_code == 200:
            assert qena_complaint.tracking_code.encode() not in body, name
        else:
            assert response.status_code in (302, 403, 404), name
        if persona not in INSIDERS:
            for secret in ("محمد عبد الرحيم", "+201001234567", "private@example.com", "29001012701234"):
                assert secret.encode() not in body, (name, secret)


def test_outsider_cannot_act_on_the_complaint(client, personas, qena_complaint):
    client.force_login(personas["aswan_outsider"])
    code = qena_complaint.tracking_code

    responses = [
        client.post(f"/ar/complaints/inbox/{code}/transition/", {"action": "accept"}),
        client.post(f"/ar/complaints/inbox/{code}/note/", {"message": "x"}),
        client.post(f"/ar/complaints/inbox/{code}/move/", {"district": "EG2802"}),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    qena_complaint.refresh_from_db()
    assert qena_complaint.status == "new" and qena_complaint.district.code == "EG2702"
    assert qena_complaint.events.count() == 1


def test_open311_never_shows_personal_data(client, qena_complaint):
    for url in (
        f"/open311/v2/requests/{qena_complaint.tracking_code}.json",
        f"/open311/v2/requests/{qena_complaint.tracking_code}.xml",
        "/open311/v2/requests.json?jurisdiction_id=EG27",
    ):
        body = client.get(url).content
        assert qena_complaint.tracking_code.encode() in body
        for secret in ("محمد عبد الرحيم", "+201001234567", "private@example.com", "29001012701234"):
            assert secret.encode() not in body, (url, secret)
