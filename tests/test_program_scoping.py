"""Every staff URL of programs and partners, for every persona."""

import pytest

from programs.demo import seed_programs
from programs.models import ReportingPeriod
from tests.conftest import client_for

PERSONAS = ["qena_officer", "qena_staff", "qena_governor", "aswan_outsider", "national_admin", "anonymous"]
# who may open a Qena program's staff pages: governorate staff, the governor and national administrators
EDITORS = {"qena_staff", "qena_governor", "national_admin"}


@pytest.fixture
def qena_urls(geography):
    seed_programs()
    return {
        "edit program": "/ar/programs/manage/qena-urban-development-lab/",
        "new event": "/ar/programs/manage/qena-urban-development-lab/events/new/",
        "new agreement": "/ar/programs/manage/qena-urban-development-lab/agreements/new/",
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_qena_programs_staff_pages_only_for_its_editors(client, personas, qena_urls, persona):
    client = client_for(client, personas[persona])
    for name, url in qena_urls.items():
        status = client.get(url).status_code
        if persona in EDITORS:
            assert status == 200, name
        else:
            assert status in (302, 403, 404), name


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_and_exports_hold_only_the_scope(client, personas, qena_urls, persona):
    client = client_for(client, personas[persona])
    manage = client.get("/ar/programs/manage/")
    export = client.get("/ar/programs/manage/export.xlsx")
    reports = client.get("/ar/programs/reports/")

    if persona == "anonymous":
        assert {manage.status_code, export.status_code, reports.status_code} == {302}
        return
    qena_visible = persona != "aswan_outsider"
    assert ("معمل قنا" in manage.content.decode()) == qena_visible
    assert ("أسوان 2040" in manage.content.decode()) == (persona in {"aswan_outsider", "national_admin"})
    qena_periods = ReportingPeriod.objects.filter(
        indicator__objective__program__slug="qena-urban-development-lab"
    )
    assert (str(qena_periods.first().indicator) in reports.content.decode()) == qena_visible


def test_public_events_api_lists_events_of_published_programs(api_client, qena_urls):
    response = api_client.get("/api/v1/events/", {"governorate": "EG27"})

    titles = [event["title_ar"] for event in response.json()["results"]]
    assert titles == ["ورشة بناء القدرات الرقمية لقيادات المجتمعات العمرانية والإدارة المحلية"]


def test_program_list_filters_by_sdg_goal(client, qena_urls):
    body = client.get("/ar/programs/", {"sdg": "5"}).content.decode()

    assert "أسوان 2040" in body and "معمل قنا" not in body
