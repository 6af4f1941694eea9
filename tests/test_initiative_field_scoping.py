"""Every field-work URL and API endpoint for every persona; the API's filters, writes and query counts."""

from datetime import date, timedelta

import pytest

from complaints.models import Complaint
from initiatives.models import DirectiveAssignment, Inspection
from initiatives.services.field import directive_issue, inspection_record
from tests.conftest import client_for

PERSONAS = ["qena_officer", "qena_staff", "qena_governor", "aswan_outsider", "national_admin", "anonymous"]
QENA_WIDE = {"qena_staff", "qena_governor", "national_admin"}
TODAY = date.today()


@pytest.fixture
def field_data(qena_officer, qena_staff, qena_governor, geography):
    """A round in Markaz Qena (the officer's) and one in Nag Hammadi; a directive for both districts."""
    finding = {"description": "تسرب مياه من الخط الرئيسي", "severity": "high", "item": "water_pressure"}
    qena = inspection_record(
        actor=qena_officer, district=geography["EG2702"], kind="utilities", place="شارع المحطة",
        checklist={"water_pressure": "fault"}, findings=[finding], latitude="26.16", longitude="32.72",
    )  # fmt: skip
    nag = inspection_record(
        actor=qena_staff, district=geography["EG2708"], kind="markets", place="سوق نجع حمادي",
        checklist={"prices": "fault"}, findings=[{**finding, "item": "prices"}],
    )  # fmt: skip
    directive = directive_issue(
        actor=qena_governor, governorate_id=geography["qena"].pk, title="رفع كفاءة الإنارة",
        meeting="اجتماع المحافظ", meeting_on=TODAY - timedelta(days=10), deadline=TODAY - timedelta(days=1),
        districts=[geography["EG2702"], geography["EG2708"]],
    )  # fmt: skip
    return {
        "qena": qena, "nag": nag, "qena_share": directive.assignments.get(district__code="EG2702"),
        "nag_share": directive.assignments.get(district__code="EG2708"),
    }  # fmt: skip


def _sees(persona: str, district: str) -> bool:
    return persona in QENA_WIDE or (persona == "qena_officer" and district == "EG2702")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("district", ["EG2702", "EG2708"])
def test_an_inspections_pages_only_in_scope(client, personas, field_data, persona, district):
    inspection = field_data["qena" if district == "EG2702" else "nag"]
    photo_less = f"/ar/initiatives/inspections/{inspection.pk}/"
    client = client_for(client, personas[persona])

    status = client.get(photo_less).status_code

    if persona == "anonymous":
        assert status == 302
    else:
        assert status == (200 if _sees(persona, district) else 404)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("district", ["EG2702", "EG2708"])
def test_a_finding_is_filed_only_by_those_working_in_its_district(
    client, personas, field_data, persona, district
):
    finding = field_data["qena" if district == "EG2702" else "nag"].findings.get()
    client = client_for(client, personas[persona])

    complaint = client.post(
        f"/ar/initiatives/inspections/findings/{finding.pk}/complaint/", {"category": "water"}
    )
    obstacle = client.post(f"/ar/initiatives/inspections/findings/{finding.pk}/obstacle/", {})

    if persona == "anonymous":
        assert (complaint.status_code, obstacle.status_code) == (302, 302)
    elif _sees(persona, district):
        assert complaint.status_code == 302
        assert obstacle.status_code == 400  # no initiative chosen: nothing logged
    else:
        assert (complaint.status_code, obstacle.status_code) == (404, 404)
    assert Complaint.objects.count() == (1 if persona != "anonymous" and _sees(persona, district) else 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_and_exports_hold_only_the_scope(client, personas, field_data, persona):
    client = client_for(client, personas[persona])
    pages = {
        "inspections": client.get("/ar/initiatives/inspections/"),
        "inspections export": client.get("/ar/initiatives/inspections/export.xlsx"),
        "directives": client.get("/ar/initiatives/directives/"),
        "directives export": client.get("/ar/initiatives/directives/export.xlsx"),
        "new inspection": client.get("/ar/initiatives/inspections/new/"),
        "new directive": client.get("/ar/initiatives/directives/new/"),
    }

    if persona == "anonymous":
        assert {response.status_code for response in pages.values()} == {302}
        return
    listed = pages["inspections"].content.decode()
    assert ("شارع المحطة" in listed) == _sees(persona, "EG2702")
    assert ("سوق نجع حمادي" in listed) == _sees(persona, "EG2708")
    shares = [row["assignment"] for row in pages["directives"].context["rows"]]
    expected = [d for d in ("EG2702", "EG2708") if _sees(persona, d)]
    assert sorted(share.district.code for share in shares) == expected
    assert pages["inspections export"].status_code == pages["directives export"].status_code == 200
    assert pages["new inspection"].status_code == 200  # the outsider records in Aswan's districts
    assert pages["new directive"].status_code == (403 if persona == "qena_officer" else 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_share_is_completed_only_by_its_district_or_the_governorate(client, personas, field_data, persona):
    share = field_data["nag_share"]
    client = client_for(client, personas[persona])

    response = client.post(f"/ar/initiatives/directives/assignments/{share.pk}/complete/", {"note": "تم"})

    share.refresh_from_db()
    if persona in QENA_WIDE:
        assert response.status_code == 302 and share.status == "done"
    else:
        assert response.status_code in (302, 404) and share.status == "open"
        assert (response.status_code == 302) == (persona == "anonymous")


# API -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_lists_only_the_scope(api_client, personas, field_data, persona):
    if personas[persona] is not None:
        api_client.force_authenticate(personas[persona])

    inspections = api_client.get("/api/v1/inspections/")
    directives = api_client.get("/api/v1/directives/")
    shares = api_client.get("/api/v1/directive-assignments/")

    if persona == "anonymous":
        assert {inspections.status_code, directives.status_code, shares.status_code} <= {401, 403}
        return
    expected = sorted(d for d in ("EG2702", "EG2708") if _sees(persona, d))
    assert sorted(row["district"] for row in inspections.json()["results"]) == expected
    assert sorted(row["district"] for row in shares.json()["results"]) == expected
    assert directives.json()["count"] == (1 if expected else 0)


def test_api_inspection_rows_carry_codes_and_findings(api_client, qena_staff, field_data):
    api_client.force_authenticate(qena_staff)

    row = api_client.get(f"/api/v1/inspections/{field_data['qena'].pk}/").json()

    assert (row["governorate"], row["district"], row["kind"]) == ("EG27", "EG2702", "utilities")
    assert row["findings"][0]["description"] == "تسرب مياه من الخط الرئيسي"
    assert row["checklist"] == {"water_pressure": "fault"}


def test_api_filters_inspections(api_client, national_admin, field_data):
    api_client.force_authenticate(national_admin)

    def places(**params):
        return [row["place"] for row in api_client.get("/api/v1/inspections/", params).json()["results"]]

    assert places(district="EG2708") == ["سوق نجع حمادي"]
    assert places(kind="utilities") == ["شارع المحطة"]
    assert places(governorate="EG28") == []
    assert sorted(places(governorate="EG27")) == ["سوق نجع حمادي", "شارع المحطة"]
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    assert places(inspected_after=tomorrow) == []
    assert len(places(inspected_before=tomorrow)) == 2
    assert api_client.get("/api/v1/inspections/", {"inspected_after": "0001-01-01"}).status_code == 400


def test_api_filters_overdue_directives(api_client, qena_governor, field_data, geography):
    directive_issue(
        actor=qena_governor, governorate_id=geography["qena"].pk, title="خطة الصيف", meeting="اجتماع",
        meeting_on=TODAY, deadline=TODAY + timedelta(days=20), departments=["مديرية الشباب"],
    )  # fmt: skip
    api_client.force_authenticate(qena_governor)

    overdue = api_client.get("/api/v1/directives/", {"overdue": "true"}).json()["results"]
    on_time = api_client.get("/api/v1/directives/", {"overdue": "false"}).json()["results"]
    shares = api_client.get("/api/v1/directive-assignments/", {"overdue": "true"}).json()["results"]

    assert [d["title"] for d in overdue] == ["رفع كفاءة الإنارة"]
    assert [d["title"] for d in on_time] == ["خطة الصيف"]
    assert {s["district"] for s in shares} == {"EG2702", "EG2708"} and all(s["overdue"] for s in shares)


def test_api_records_an_inspection_through_the_service(api_client, qena_officer, geography):
    api_client.force_authenticate(qena_officer)
    body = {
        "district": "EG2702", "kind": "lighting", "place": "كورنيش النيل",
        "checklist": {"poles_working": "fault", "poles_safe": "ok"},
        "findings": [{"description": "ثلاثة أعمدة مطفأة", "severity": "medium", "item": "poles_working"}],
    }  # fmt: skip

    created = api_client.post("/api/v1/inspections/", body, format="json")
    wrong_kind = api_client.post(
        "/api/v1/inspections/", {**body, "checklist": {"prices": "ok"}}, format="json"
    )
    elsewhere = api_client.post("/api/v1/inspections/", {**body, "district": "EG2708"}, format="json")

    assert created.status_code == 201 and created.json()["findings"][0]["item"] == "poles_working"
    assert (wrong_kind.status_code, elsewhere.status_code) == (400, 400)
    assert Inspection.objects.count() == 1


def test_api_issues_a_directive_and_refuses_a_deadline_before_the_meeting(api_client, qena_staff, geography):
    api_client.force_authenticate(qena_staff)
    body = {"governorate": "EG27", "title": "حملة نظافة", "meeting": "اجتماع المحافظ",
            "meeting_on": "2026-04-01", "deadline": "2026-04-15", "districts": ["EG2702"],
            "departments": ["مديرية البيئة"]}  # fmt: skip

    created = api_client.post("/api/v1/directives/", body, format="json")
    backwards = api_client.post("/api/v1/directives/", {**body, "deadline": "2026-03-01"}, format="json")

    assert created.status_code == 201
    assert sorted(a["district"] or a["department"] for a in created.json()["assignments"]) == [
        "EG2702", "مديرية البيئة"
    ]  # fmt: skip
    assert backwards.status_code == 400 and "deadline" in backwards.json()


def test_api_completes_a_share_once(api_client, qena_officer, field_data):
    api_client.force_authenticate(qena_officer)
    url = f"/api/v1/directive-assignments/{field_data['qena_share'].pk}/complete/"

    no_note = api_client.post(url, {}, format="json")
    done = api_client.post(url, {"note": "تم تركيب ٢٠ كشافًا"}, format="json")
    again = api_client.post(url, {"note": "مرة أخرى"}, format="json")
    not_theirs = api_client.post(
        f"/api/v1/directive-assignments/{field_data['nag_share'].pk}/complete/", {"note": "x"}, format="json"
    )

    assert (no_note.status_code, done.status_code, again.status_code, not_theirs.status_code) == (
        400, 200, 409, 404
    )  # fmt: skip
    assert done.json()["status"] == "done"
    assert DirectiveAssignment.objects.filter(status="done").count() == 1


def test_api_list_query_counts_do_not_grow_with_rows(
    api_client, national_admin, field_data, geography, qena_staff, django_assert_max_num_queries
):
    for number in range(5):
        inspection_record(
            actor=qena_staff, district=geography["EG2708"], kind="roads", place=f"طريق {number}",
            checklist={"surface": "fault"}, findings=[{"description": "حفرة", "severity": "low", "item": ""}],
        )  # fmt: skip
        directive_issue(
            actor=qena_staff, governorate_id=geography["qena"].pk, title=f"توجيه {number}", meeting="اجتماع",
            meeting_on=TODAY, deadline=TODAY, districts=[geography["EG2702"]], departments=["مديرية"],
        )  # fmt: skip
    api_client.force_authenticate(national_admin)

    with django_assert_max_num_queries(8):
        assert api_client.get("/api/v1/inspections/").json()["count"] == 7
    with django_assert_max_num_queries(8):
        assert api_client.get("/api/v1/directives/").json()["count"] == 6
    with django_assert_max_num_queries(8):
        assert api_client.get("/api/v1/directive-assignments/").json()["count"] == 12


def test_html_lists_query_counts_do_not_grow_with_rows(
    client, qena_staff, field_data, geography, django_assert_max_num_queries
):
    for number in range(5):
        inspection_record(
            actor=qena_staff, district=geography["EG2708"], kind="roads", place=f"طريق {number}",
            checklist={"surface": "ok"}, findings=[],
        )  # fmt: skip
        directive_issue(
            actor=qena_staff, governorate_id=geography["qena"].pk, title=f"توجيه {number}", meeting="اجتماع",
            meeting_on=TODAY, deadline=TODAY, districts=[geography["EG2702"]],
        )  # fmt: skip
    client = client_for(client, qena_staff)

    with django_assert_max_num_queries(12):
        assert client.get("/ar/initiatives/inspections/").status_code == 200
    with django_assert_max_num_queries(12):
        assert len(client.get("/ar/initiatives/directives/").context["rows"]) == 7


def test_admin_shows_inspections_with_findings_and_directives_with_shares(
    client, national_admin, qena_officer, field_data
):
    admin = client_for(client, national_admin)
    listed = admin.get("/ar/admin/initiatives/inspection/").content.decode()
    inspection = admin.get(f"/ar/admin/initiatives/inspection/{field_data['qena'].pk}/change/")
    directive = admin.get(f"/ar/admin/initiatives/directive/{field_data['qena_share'].directive_id}/change/")

    assert "شارع المحطة" in listed and "سوق نجع حمادي" in listed
    assert "تسرب مياه من الخط الرئيسي" in inspection.content.decode()
    assert directive.status_code == 200 and "مركز نجع حمادى" in directive.content.decode()
    # Roles hold no admin permission on field work (portal/roles.py): officers work through the pages.
    client.force_login(qena_officer)
    assert client.get("/ar/admin/initiatives/inspection/").status_code == 403
