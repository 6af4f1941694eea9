"""Directives of the governor's meetings: assigned with a deadline, reported done by the assigned
district's officers, overdue ones in front of the governor."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from initiatives.models import Directive, DirectiveAssignment
from initiatives.services.field import directive_issue
from tests.conftest import client_for

TODAY = date.today()


@pytest.fixture
def directives(qena_governor, geography):
    """One directive past its deadline (Qena and Nag Hammadi districts), one due next month (a department)."""
    overdue = directive_issue(
        actor=qena_governor, governorate_id=geography["qena"].pk, title="إزالة الإشغالات من شارع الجمهورية",
        meeting="اجتماع المحافظ مع رؤساء المراكز", meeting_on=TODAY - timedelta(days=30),
        deadline=TODAY - timedelta(days=2), districts=[geography["EG2702"], geography["EG2708"]],
    )  # fmt: skip
    upcoming = directive_issue(
        actor=qena_governor, governorate_id=geography["qena"].pk, title="صيانة أعمدة الإنارة بالكورنيش",
        meeting="اجتماع المحافظ الأسبوعي", meeting_on=TODAY, deadline=TODAY + timedelta(days=30),
        departments=["مديرية الكهرباء"],
    )  # fmt: skip
    return {"overdue": overdue, "upcoming": upcoming}


def _assignment(directive, district_code):
    return directive.assignments.get(district__code=district_code)


def test_staff_record_a_directive_for_districts_and_departments(client, qena_staff, geography):
    response = client_for(client, qena_staff).post("/ar/initiatives/directives/new/", {
        "governorate": geography["qena"].pk, "title": "تطهير المصارف قبل موسم الأمطار",
        "meeting": "اجتماع المحافظ مع رؤساء المراكز", "meeting_on": "2026-03-01", "deadline": "2026-03-20",
        "districts": [geography["EG2702"].pk, geography["EG2708"].pk],
        "departments": "مديرية الري\n\nمديرية الطرق",
    })  # fmt: skip

    assert response.status_code == 302
    directive = Directive.objects.get()
    assert sorted(a.assignee for a in directive.assignments.all()) == sorted(
        ["مركز قنا", "مركز نجع حمادى", "مديرية الري", "مديرية الطرق"]
    )


def test_a_deadline_before_the_meeting_is_refused(client, qena_staff, geography):
    response = client_for(client, qena_staff).post("/ar/initiatives/directives/new/", {
        "governorate": geography["qena"].pk, "title": "x", "meeting": "y", "meeting_on": "2026-03-20",
        "deadline": "2026-03-01", "districts": [geography["EG2702"].pk],
    })  # fmt: skip

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["deadline"]
    assert Directive.objects.count() == 0


def test_a_directive_without_assignee_is_refused(client, qena_staff, geography):
    response = client_for(client, qena_staff).post("/ar/initiatives/directives/new/", {
        "governorate": geography["qena"].pk, "title": "x", "meeting": "y", "meeting_on": "2026-03-01",
        "deadline": "2026-03-20", "departments": "  \n ",
    })  # fmt: skip

    assert response.status_code == 400
    assert Directive.objects.count() == 0


def test_staff_cannot_assign_another_governorates_district(client, qena_staff, geography):
    response = client_for(client, qena_staff).post("/ar/initiatives/directives/new/", {
        "governorate": geography["qena"].pk, "title": "x", "meeting": "y", "meeting_on": "2026-03-01",
        "deadline": "2026-03-20", "districts": [geography["EG2802"].pk],
    })  # fmt: skip

    assert response.status_code == 400
    assert Directive.objects.count() == 0


def test_officers_cannot_record_directives(client, qena_officer):
    assert client_for(client, qena_officer).get("/ar/initiatives/directives/new/").status_code == 403


def test_the_governor_sees_overdue_directives_first_with_the_counts(client, qena_governor, directives):
    response = client_for(client, qena_governor).get("/ar/initiatives/directives/")

    rows = response.context["rows"]
    assert [row["overdue"] for row in rows] == [True, True, False]
    assert rows[0]["assignment"].directive == directives["overdue"]
    assert response.context["counts"] == {"open": 3, "overdue": 2, "done": 0}
    assert response.content.decode().count("directive-overdue") == 2


def test_an_officer_sees_only_their_districts_share(client, qena_officer, directives):
    response = client_for(client, qena_officer).get("/ar/initiatives/directives/")

    assignees = [row["assignment"].assignee for row in response.context["rows"]]
    assert assignees == ["مركز قنا"]


def test_the_assigned_officer_reports_done_with_a_note_once(client, qena_officer, directives):
    assignment = _assignment(directives["overdue"], "EG2702")
    url = f"/ar/initiatives/directives/assignments/{assignment.pk}/complete/"
    client = client_for(client, qena_officer)

    without_note = client.post(url, {"note": "  "})
    done = client.post(url, {"note": "أزيلت الإشغالات وحُررت ١٢ مخالفة"})
    again = client.post(url, {"note": "مرة أخرى"})

    assert (without_note.status_code, done.status_code, again.status_code) == (400, 302, 409)
    assignment.refresh_from_db()
    assert assignment.status == "done" and assignment.completion_note == "أزيلت الإشغالات وحُررت ١٢ مخالفة"
    assert assignment.completed_by == qena_officer


def test_an_officer_cannot_complete_another_districts_share(client, qena_officer, directives):
    other = _assignment(directives["overdue"], "EG2708")
    department = directives["upcoming"].assignments.get()

    for assignment in (other, department):
        response = client_for(client, qena_officer).post(
            f"/ar/initiatives/directives/assignments/{assignment.pk}/complete/", {"note": "تم"}
        )
        assert response.status_code == 404
    assert DirectiveAssignment.objects.filter(status="done").count() == 0


def test_the_governorate_staff_complete_a_departments_share(client, qena_staff, directives):
    department = directives["upcoming"].assignments.get()

    response = client_for(client, qena_staff).post(
        f"/ar/initiatives/directives/assignments/{department.pk}/complete/", {"note": "تم تغيير ٤٠ كشافًا"}
    )

    assert response.status_code == 302
    department.refresh_from_db()
    assert department.status == "done"


def test_directives_export_lists_the_shares_in_scope(client, qena_governor, aswan_outsider, directives):
    export = client_for(client, qena_governor).get("/ar/initiatives/directives/export.xlsx")

    rows = list(load_workbook(BytesIO(export.content)).active.values)
    assert len(rows) == 4 and rows[1][0] == "إزالة الإشغالات من شارع الجمهورية"
    client.force_login(aswan_outsider)
    outsider_export = client.get("/ar/initiatives/directives/export.xlsx")
    outsider_rows = list(load_workbook(BytesIO(outsider_export.content)).active.values)
    assert len(outsider_rows) == 1
