"""Field work after review: shares of a directive kept to the user's scope in the API, bad months and
long department names refused (not a 500), the service as the one place for an inspection's rules, the
detail page's queries, the admin not bypassing the services, and the initiative filters' bounds."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from initiatives.models import (
    Directive,
    DirectiveAssignment,
    Initiative,
    Inspection,
    Obstacle,
    ProgressReport,
)
from initiatives.services.field import (
    assignment_complete,
    directive_issue,
    finding_log_obstacle,
    inspection_record,
)
from tests.conftest import client_for

TODAY = date.today()
NAG_NOTE = "أزيلت الإشغالات بشارع بورسعيد"
FINDING = {"description": "كشافات مطفأة ليلًا", "severity": "medium", "item": "poles_working"}


@pytest.fixture
def shared_directive(qena_governor, qena_staff, geography):
    """A directive for Markaz Qena and Nag Hammadi; Nag Hammadi's share is done, with a note."""
    directive = directive_issue(
        actor=qena_governor, governorate_id=geography["qena"].pk, title="إزالة الإشغالات",
        meeting="اجتماع المحافظ", meeting_on=TODAY - timedelta(days=5), deadline=TODAY + timedelta(days=5),
        districts=[geography["EG2702"], geography["EG2708"]], departments=["مديرية الطرق"],
    )  # fmt: skip
    assignment_complete(
        assignment=directive.assignments.get(district__code="EG2708"), actor=qena_staff, note=NAG_NOTE
    )
    return directive


def _initiative(geography, *districts, **fields) -> Initiative:
    values = {
        "title_ar": "إنارة طريق الكورنيش", "summary_ar": "إنارة", "governorate": geography["qena"],
        "sector": "lighting", "theme": "quality_of_life", "planned_start": date(2026, 1, 1),
        "planned_end": date(2026, 12, 31), **fields,
    }  # fmt: skip
    initiative = Initiative.objects.create(**values)
    initiative.districts.set([geography[code] for code in districts])
    return initiative


# 1. The directives API lists only the shares in the user's scope ---------------------------------------


def test_the_directives_api_shows_an_officer_only_their_districts_share(
    api_client, qena_officer, shared_directive
):
    api_client.force_authenticate(qena_officer)

    listed = api_client.get("/api/v1/directives/")
    detail = api_client.get(f"/api/v1/directives/{shared_directive.pk}/")

    assert [a["district"] for a in listed.json()["results"][0]["assignments"]] == ["EG2702"]
    assert [a["district"] for a in detail.json()["assignments"]] == ["EG2702"]
    for response in (listed, detail):
        assert NAG_NOTE not in response.content.decode() and "EG2708" not in response.content.decode()


def test_the_directives_api_shows_the_governorate_every_share(api_client, qena_staff, shared_directive):
    api_client.force_authenticate(qena_staff)

    row = api_client.get(f"/api/v1/directives/{shared_directive.pk}/").json()

    assert sorted(a["district"] or a["department"] for a in row["assignments"]) == [
        "EG2702", "EG2708", "مديرية الطرق"
    ]  # fmt: skip
    assert NAG_NOTE in {a["completion_note"] for a in row["assignments"]}


# 2. A month out of range is a 400, not a 500 -------------------------------------------------------------


@pytest.mark.parametrize("month", ["0000-01", "10000-01", "0001-01", "2026-13", "2026-00", "2026-1", "x"])
def test_a_month_out_of_range_is_refused_on_the_list_and_the_export(client, qena_staff, month):
    client = client_for(client, qena_staff)

    page = client.get("/ar/initiatives/inspections/", {"month": month})
    export = client.get("/ar/initiatives/inspections/export.xlsx", {"month": month})

    assert page.status_code == 400 and export.status_code == 400
    assert "is-invalid" in page.content.decode()
    assert "1900" in export.content.decode()


def test_a_month_in_range_still_narrows_the_list(client, qena_staff, geography):
    inspection_record(
        actor=qena_staff, district=geography["EG2708"], kind="markets", place="سوق الخميس",
        checklist={"prices": "ok"}, findings=[],
    )  # fmt: skip
    client = client_for(client, qena_staff)

    this_month = client.get("/ar/initiatives/inspections/", {"month": timezone.localdate().strftime("%Y-%m")})
    other_month = client.get("/ar/initiatives/inspections/", {"month": "2001-02"})

    assert this_month.status_code == 200 and "سوق الخميس" in this_month.content.decode()
    assert other_month.status_code == 200 and "سوق الخميس" not in other_month.content.decode()


# 3. A department's name over 200 characters ----------------------------------------------------------------


def test_a_department_line_over_200_characters_is_refused_by_the_form(client, qena_staff, geography):
    response = client_for(client, qena_staff).post("/ar/initiatives/directives/new/", {
        "governorate": geography["qena"].pk, "title": "حملة نظافة", "meeting": "اجتماع المحافظ",
        "meeting_on": "2026-03-01", "deadline": "2026-03-20", "departments": "مديرية الطرق\n" + "م" * 201,
    })  # fmt: skip

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["departments"]
    assert Directive.objects.count() == 0


def test_a_department_over_200_characters_is_refused_by_the_service(qena_staff, geography):
    with pytest.raises(ValidationError) as refused:
        directive_issue(
            actor=qena_staff, governorate_id=geography["qena"].pk, title="x", meeting="y", meeting_on=TODAY,
            deadline=TODAY, departments=["م" * 201],
        )  # fmt: skip

    assert list(refused.value.message_dict) == ["departments"]
    assert Directive.objects.count() == 0 and DirectiveAssignment.objects.count() == 0
    # exactly 200 is a department's whole name
    directive_issue(
        actor=qena_staff, governorate_id=geography["qena"].pk, title="x", meeting="y", meeting_on=TODAY,
        deadline=TODAY, departments=["م" * 200],
    )  # fmt: skip
    assert DirectiveAssignment.objects.get().department == "م" * 200


# 4. A finding becomes an obstacle only for those working in its district --------------------------------


def test_an_officer_cannot_log_another_districts_finding_as_an_obstacle(qena_officer, qena_staff, geography):
    # The initiative runs in both districts, so the Markaz Qena officer works on it; the round was in
    # Nag Hammadi, which is not theirs.
    initiative = _initiative(geography, "EG2702", "EG2708")
    nag = inspection_record(
        actor=qena_staff, district=geography["EG2708"], kind="lighting", place="شارع بورسعيد",
        checklist={"poles_working": "fault"}, findings=[FINDING],
    )  # fmt: skip

    with pytest.raises(ValidationError):
        finding_log_obstacle(
            finding=nag.findings.get(), initiative=initiative, actor=qena_officer, kind="other",
            owner="مديرية الكهرباء", needed_by=TODAY + timedelta(days=7),
        )  # fmt: skip

    assert Obstacle.objects.count() == 0 and nag.findings.get().obstacle is None


# 5. The inspection API keeps the web form's rules (the service holds them) ---------------------------------


def _lighting(**extra):
    return {
        "district": "EG2702", "kind": "lighting", "place": "كورنيش النيل",
        "checklist": {"poles_working": "fault", "poles_safe": "ok"}, "findings": [FINDING], **extra,
    }  # fmt: skip


@pytest.mark.parametrize(
    "problem", ["empty checklist", "foreign item", "initiative on lighting", "site without initiative",
                "future", "eleven findings"],
)  # fmt: skip
def test_the_inspection_api_refuses_what_the_form_refuses(api_client, qena_officer, geography, problem):
    initiative = _initiative(geography, "EG2702")
    body = {
        "empty checklist": _lighting(checklist={}),
        "foreign item": _lighting(findings=[{**FINDING, "item": "prices"}]),
        "initiative on lighting": _lighting(initiative=initiative.pk),
        "site without initiative": _lighting(kind="site", checklist={"safety": "ok"}, findings=[]),
        "future": _lighting(inspected_at=(timezone.now() + timedelta(days=2)).isoformat()),
        "eleven findings": _lighting(findings=[FINDING] * 11),
    }[problem]
    api_client.force_authenticate(qena_officer)

    response = api_client.post("/api/v1/inspections/", body, format="json")

    assert response.status_code == 400, response.content
    assert Inspection.objects.count() == 0


def test_the_inspection_api_records_a_site_round_of_the_past(api_client, qena_officer, geography):
    initiative = _initiative(geography, "EG2702")
    api_client.force_authenticate(qena_officer)
    yesterday = (timezone.now() - timedelta(days=1)).isoformat()

    response = api_client.post("/api/v1/inspections/", _lighting(
        kind="site", initiative=initiative.pk, checklist={"safety": "fault"}, inspected_at=yesterday,
        findings=[{**FINDING, "item": "safety"}] * 10,
    ), format="json")  # fmt: skip

    assert response.status_code == 201, response.content
    assert Inspection.objects.get().findings.count() == 10


@pytest.mark.parametrize("problem", ["empty checklist", "foreign item", "initiative on markets", "future"])
def test_the_service_is_the_one_place_for_an_inspections_rules(qena_officer, geography, problem):
    initiative = _initiative(geography, "EG2702")
    arguments = {
        "actor": qena_officer, "district": geography["EG2702"], "kind": "markets", "place": "السوق",
        "checklist": {"prices": "ok"}, "findings": [],
    }  # fmt: skip
    arguments |= {
        "empty checklist": {"checklist": {}},
        "foreign item": {"findings": [{**FINDING, "item": "surface"}]},
        "initiative on markets": {"initiative": initiative},
        "future": {"inspected_at": timezone.now() + timedelta(hours=1)},
    }[problem]

    with pytest.raises(ValidationError):
        inspection_record(**arguments)

    assert Inspection.objects.count() == 0


# 10. The inspection's page reads its choices once, whatever the number of findings -----------------------


def _lighting_round(actor, geography, *, findings: int) -> Inspection:
    return inspection_record(
        actor=actor, district=geography["EG2702"], kind="lighting", place=f"شارع {findings}",
        checklist={"poles_working": "fault"}, findings=[FINDING] * findings,
    )  # fmt: skip


def _detail_queries(client, inspection) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/ar/initiatives/inspections/{inspection.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('name="category"') == inspection.findings.count()
    assert body.count('name="initiative"') == inspection.findings.count()
    return len(queries)


def test_the_inspection_page_runs_as_many_queries_for_five_findings_as_for_one(
    client, qena_officer, geography, django_assert_max_num_queries
):
    _initiative(geography, "EG2702")  # so that each finding offers the obstacle form
    rounds = [_lighting_round(qena_officer, geography, findings=count) for count in (1, 5)]
    client = client_for(client, qena_officer)
    client.get(f"/ar/initiatives/inspections/{rounds[0].pk}/")  # the session and the like, once

    one, five = (_detail_queries(client, inspection) for inspection in rounds)

    assert one == five, (one, five)
    with django_assert_max_num_queries(8):
        client.get(f"/ar/initiatives/inspections/{rounds[1].pk}/")


# 9. The admin does not bypass the services --------------------------------------------------------------


def test_the_admin_does_not_report_a_directives_share_done(client, national_admin, shared_directive):
    admin = client_for(client, national_admin)

    page = admin.get(f"/ar/admin/initiatives/directive/{shared_directive.pk}/change/")
    body = page.content.decode()
    assert page.status_code == 200 and NAG_NOTE in body  # shown, read-only
    assert 'name="assignments-0-status"' not in body and 'name="assignments-0-completion_note"' not in body
    assert 'name="assignments-0-district"' in body or 'name="assignments-0-department"' in body


def test_the_admin_does_not_rewrite_a_progress_report(client, national_admin, geography):
    initiative = _initiative(geography, "EG2702")
    other = _initiative(geography, "EG2708", title_ar="مبادرة أخرى")
    report = ProgressReport.objects.create(
        initiative=initiative, percent=40, narrative="تركيب 40 عمودًا", spent_to_date=100000
    )
    client = client_for(client, national_admin)

    response = client.post(f"/ar/admin/initiatives/progressreport/{report.pk}/change/", {
        "initiative": other.pk, "percent": 95, "spent_to_date": "1", "narrative": "تركيب 40 عمودًا بالكامل",
        "reason": "", "status": "approved",
    })  # fmt: skip

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.initiative, report.percent, report.spent_to_date, report.status) == (
        initiative, 40, 100000, ProgressReport.Status.SUBMITTED
    )  # fmt: skip
    assert report.narrative == "تركيب 40 عمودًا بالكامل"  # a typo in the words may still be corrected


# 12. The initiative filters of progress reports and obstacles are bounded --------------------------------


@pytest.mark.parametrize("endpoint", ["progress-reports", "obstacles"])
def test_an_initiative_id_out_of_range_is_a_400(api_client, national_admin, geography, endpoint):
    initiative = _initiative(geography, "EG2702")
    ProgressReport.objects.create(initiative=initiative, percent=10, narrative="بدء الأعمال")
    Obstacle.objects.create(initiative=initiative, kind="other", description="x", owner="y", needed_by=TODAY)
    api_client.force_authenticate(national_admin)

    huge = api_client.get(f"/api/v1/{endpoint}/", {"initiative": "99999999999999999999999999"})
    listed = api_client.get(f"/api/v1/{endpoint}/", {"initiative": initiative.pk})

    assert huge.status_code == 400
    assert listed.status_code == 200 and listed.json()["count"] == 1
