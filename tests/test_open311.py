"""Open311 GeoReport v2, spoken to by a real client library (georeport) over HTTP."""

import pytest
import requests
from django.core.management import call_command
from georeport import GeoReport

from complaints.models import Complaint


@pytest.fixture
def api_key(db, capsys):
    call_command("open311_key", "create", "Qena city call centre")
    return capsys.readouterr().out.strip()


@pytest.mark.django_db(transaction=True)
def test_a_partner_system_lists_services_posts_a_request_and_reads_it_back(live_server, geography, api_key):
    client = GeoReport(f"{live_server.url}/open311/v2", jurisdiction="EG27", api_key=api_key)

    services = client.get_service_list()
    definition = client.get_service_definition("water")
    posted = requests.post(
        f"{live_server.url}/open311/v2/requests.json",
        data={
            "api_key": api_key,
            "jurisdiction_id": "EG27",
            "service_code": "water",
            "attribute[district]": "EG2708",
            "description": "كسر في ماسورة المياه الرئيسية بشارع البحر",
            "first_name": "يوسف",
            "last_name": "الطيب",
            "phone": "01012345678",
            "lat": "26.0",
            "long": "32.25",
        },
        timeout=10,
    )
    request_id = posted.json()[0]["service_request_id"]
    read_back = client.get_service_request(request_id)
    listed = client.get_service_requests(status="open")

    assert {s["service_code"] for s in services} >= {"roads", "water", "street_lighting"}
    assert definition["attributes"][0]["code"] == "district"
    assert posted.status_code == 201
    complaint = Complaint.objects.get(tracking_code=request_id)
    assert (complaint.channel, complaint.district.code, complaint.name) == ("open311", "EG2708", "يوسف الطيب")
    assert read_back["status"] == "open" and read_back["service_code"] == "water"
    assert read_back["expected_datetime"] == complaint.due_at.isoformat()
    assert request_id in [r["service_request_id"] for r in listed]
    assert "يوسف" not in str(read_back) and "01012345678" not in str(read_back)


@pytest.mark.django_db(transaction=True)
def test_the_xml_format_reads_the_same(live_server, make_complaint):
    complaint = make_complaint()
    client = GeoReport(f"{live_server.url}/open311/v2", jurisdiction="EG27", output_format="xml")

    request = client.get_service_request(complaint.tracking_code)
    services = client.get_service_list()

    assert request["service_request_id"] == complaint.tracking_code
    assert request["status"] == "open"
    assert any(s["service_code"] == "roads" for s in services)


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"api_key": "not-a-key"}, 403),
        ({"service_code": "nope"}, 400),
        ({"attribute[district]": "EG9999"}, 400),
        ({"attribute[district]": "EG2802"}, 400),  # Aswan's district under Qena's jurisdiction
        ({"description": "قصير"}, 400),
        ({"phone": "12"}, 400),
        ({"lat": "north"}, 400),
    ],
)
def test_a_bad_post_gets_an_open311_error_and_files_nothing(client, geography, api_key, change, status):
    data = {
        "api_key": api_key,
        "jurisdiction_id": "EG27",
        "service_code": "roads",
        "attribute[district]": "EG2702",
        "description": "هبوط أرضي في الطريق الرئيسي",
        "phone": "01012345678",
    }

    response = client.post("/open311/v2/requests.json", {**data, **change})

    assert response.status_code == status
    assert response.json()[0]["code"] == status and response.json()[0]["description"]
    assert Complaint.objects.count() == 0


def test_unknown_jurisdiction_and_format(client, geography):
    assert client.get("/open311/v2/services.json", {"jurisdiction_id": "EG99"}).status_code == 404
    assert client.get("/open311/v2/services.csv").status_code == 404
    assert client.get("/open311/v2/requests.json", {"start_date": "last week"}).status_code == 400
