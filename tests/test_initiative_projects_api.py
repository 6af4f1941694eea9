"""The API of initiatives (public), progress reports and obstacles (scoped, partners' editors included)."""

import pytest

from initiatives.models import Initiative, Obstacle, ProgressReport
from initiatives.services.projects import initiative_report_progress, progress_review
from programs.models import Program
from tests.test_initiative_projects_data import (
    initiative_make,
    initiatives_make,
    partner_editor_make,
    photo_content,
)


@pytest.fixture
def projects(geography):
    return initiatives_make(geography)


def _titles(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["title_ar"] for row in response.json()["results"]}


def test_public_api_lists_published_initiatives_with_codes(api_client, projects):
    partner_editor_make(projects["qena"], username="verified.ngo")
    pending = partner_editor_make(projects["qena"], verified=False, username="pending.ngo")

    rows = {row["id"]: row for row in api_client.get("/api/v1/initiatives/").json()["results"]}

    assert set(rows) == {projects[key].pk for key in ("qena", "nag_hammadi", "aswan")}
    qena = rows[projects["qena"].pk]
    assert (qena["governorate"], qena["districts"]) == ("EG27", ["EG2702"])
    assert qena["expected_progress"] == 50 and qena["is_late"] is True
    assert [partner["organization"] for partner in qena["partners"]] == ["ngo-verified-ngo"]
    assert pending.staff_profile.organization.slug not in str(rows)
    assert qena["milestones"][0]["title"] == "توريد الأعمدة"
    assert api_client.get(f"/api/v1/initiatives/{projects['hidden'].pk}/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"governorate": "EG27"}, {"qena", "nag_hammadi"}),
        ({"district": "EG2708"}, {"nag_hammadi"}),
        ({"theme": "innovation"}, {"nag_hammadi"}),
        ({"sector": "markets"}, {"aswan"}),
        ({"status": "completed"}, set()),
        ({"q": "سوق اسوان"}, {"aswan"}),
        ({"program": "qena-lab"}, {"qena"}),
    ],
)
def test_public_api_filters(api_client, projects, geography, query, expected):
    program = Program.objects.create(slug="qena-lab", kind="lab", title_ar="معمل قنا",
                                     lead_governorate=geography["qena"],
                                     start_date="2025-01-01", description_ar="وصف")  # fmt: skip
    Initiative.objects.filter(pk=projects["qena"].pk).update(program=program)

    titles = _titles(api_client.get("/api/v1/initiatives/", query))

    assert titles == {projects[key].title_ar for key in expected}


def test_public_api_list_query_count_is_pinned(api_client, geography, django_assert_max_num_queries):
    for _ in range(12):
        initiative_make(geography, "qena", governorate="qena", districts=["EG2702", "EG2708"])

    with django_assert_max_num_queries(7):
        assert len(api_client.get("/api/v1/initiatives/").json()["results"]) == 12


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_staff_read_their_unpublished_initiatives_through_the_api(
    api_client, projects, qena_staff, qena_officer, aswan_outsider
):
    hidden, published = projects["hidden"].pk, {projects[k].pk for k in ("qena", "nag_hammadi", "aswan")}
    url = f"/api/v1/initiatives/{hidden}/"

    for user in (qena_staff, qena_officer):
        api_client.force_authenticate(user)
        ids = _ids(api_client.get("/api/v1/initiatives/"))
        assert sorted(ids) == sorted(published | {hidden})  # each once, in scope or not
        assert api_client.get(url).status_code == 200
    for user in (aswan_outsider, None):
        api_client.force_authenticate(user)
        assert set(_ids(api_client.get("/api/v1/initiatives/"))) == published
        assert api_client.get(url).status_code == 404


def test_staff_list_of_initiatives_query_count_is_pinned(
    api_client, geography, qena_staff, django_assert_max_num_queries
):
    for _ in range(12):
        initiative_make(
            geography, "hidden", governorate="qena", districts=["EG2702", "EG2708"], is_public=False
        )
    api_client.force_authenticate(qena_staff)

    with django_assert_max_num_queries(8):
        assert len(api_client.get("/api/v1/initiatives/").json()["results"]) == 12


# Progress reports ---------------------------------------------------------------------------------


def _post_report(api_client, initiative, **fields):
    return api_client.post(
        "/api/v1/progress-reports/",
        {"initiative": initiative.pk, "percent": 40, "narrative": "أعمال"} | fields,
        format="json",
    )  # fmt: skip


def test_report_and_approve_through_the_api(api_client, projects, qena_officer, qena_staff):
    api_client.force_authenticate(qena_officer)
    created = _post_report(api_client, projects["qena"], spent_to_date="120000.00")
    assert created.status_code == 201, created.content
    report_id = created.json()["id"]

    api_client.force_authenticate(qena_staff)
    reviewed = api_client.post(
        f"/api/v1/progress-reports/{report_id}/review/", {"approve": True}, format="json"
    )
    again = api_client.post(f"/api/v1/progress-reports/{report_id}/review/", {"approve": True}, format="json")

    assert reviewed.status_code == 200 and reviewed.json()["status"] == "approved"
    assert again.status_code == 409
    projects["qena"].refresh_from_db()
    assert (projects["qena"].progress, str(projects["qena"].spent)) == (40, "120000.00")


def test_api_refuses_a_second_report_while_one_waits(api_client, projects, qena_officer):
    api_client.force_authenticate(qena_officer)

    first = _post_report(api_client, projects["qena"])
    again = _post_report(api_client, projects["qena"])

    assert (first.status_code, again.status_code) == (201, 409)
    assert again.json()["detail"]
    assert ProgressReport.objects.count() == 1


def test_api_refuses_approving_an_older_report_below_the_approved_figure(
    api_client, projects, qena_officer, qena_staff
):
    older = initiative_report_progress(
        initiative=projects["qena"], actor=qena_officer, percent=30, narrative="x"
    )
    Initiative.objects.filter(pk=projects["qena"].pk).update(progress=60)  # a newer report approved meanwhile
    api_client.force_authenticate(qena_staff)

    response = api_client.post(
        f"/api/v1/progress-reports/{older.pk}/review/", {"approve": True}, format="json"
    )

    assert response.status_code == 409
    assert "60%" in str(response.json()["detail"])
    projects["qena"].refresh_from_db()
    assert projects["qena"].progress == 60


def test_api_gives_each_photo_the_address_of_the_photo_view(api_client, projects, qena_officer):
    report = initiative_report_progress(
        initiative=projects["qena"], actor=qena_officer, percent=20, narrative="x", photos=[photo_content()]
    )
    api_client.force_login(qena_officer)  # a session, which the photo view (not DRF) reads too

    [url] = api_client.get(f"/api/v1/progress-reports/{report.pk}/").json()["photos"]

    assert url.startswith("http://testserver/")
    assert url.endswith(f"/initiatives/progress/photos/{report.photos.get().pk}/")
    assert api_client.get(url).status_code == 200


def test_api_returns_a_report_only_with_a_note(api_client, projects, qena_officer, qena_governor):
    report = initiative_report_progress(
        initiative=projects["qena"], actor=qena_officer, percent=30, narrative="x"
    )
    api_client.force_authenticate(qena_governor)
    url = f"/api/v1/progress-reports/{report.pk}/review/"

    assert api_client.post(url, {"approve": False}, format="json").status_code == 400
    returned = api_client.post(url, {"approve": False, "note": "أرفق صورا"}, format="json")

    assert returned.status_code == 200 and returned.json()["review_note"] == "أرفق صورا"


def test_api_reviewer_cannot_approve_their_own_report(api_client, projects, qena_staff):
    api_client.force_authenticate(qena_staff)
    report_id = _post_report(api_client, projects["qena"]).json()["id"]

    response = api_client.post(
        f"/api/v1/progress-reports/{report_id}/review/", {"approve": True}, format="json"
    )

    assert response.status_code == 403
    assert ProgressReport.objects.get().status == "submitted"


@pytest.mark.parametrize("fields", [{"percent": 101}, {"percent": -1}, {"percent": 10}])
def test_api_refuses_bad_progress_and_saves_nothing(api_client, projects, qena_officer, fields):
    Initiative.objects.filter(pk=projects["qena"].pk).update(progress=20)  # 10 is below it, with no reason
    api_client.force_authenticate(qena_officer)

    response = _post_report(api_client, projects["qena"], **fields)

    assert response.status_code == 400
    assert not ProgressReport.objects.exists()


def test_api_officer_cannot_approve(api_client, projects, qena_officer, qena_staff):
    report = initiative_report_progress(
        initiative=projects["qena"], actor=qena_staff, percent=30, narrative="x"
    )
    api_client.force_authenticate(qena_officer)

    response = api_client.post(
        f"/api/v1/progress-reports/{report.pk}/review/", {"approve": True}, format="json"
    )

    assert response.status_code == 403
    assert ProgressReport.objects.get().status == "submitted"


def test_a_partner_editor_reports_through_the_api_on_their_initiatives_only(api_client, projects):
    partner = partner_editor_make(projects["qena"])
    api_client.force_authenticate(partner)

    assert _post_report(api_client, projects["qena"]).status_code == 201
    assert _post_report(api_client, projects["nag_hammadi"]).status_code == 400  # not a choice for them
    rows = api_client.get("/api/v1/progress-reports/").json()["results"]
    assert [row["initiative"] for row in rows] == [projects["qena"].pk]


def test_progress_reports_api_is_scoped(api_client, projects, national_admin, aswan_outsider, qena_officer):
    for key in ("qena", "nag_hammadi", "aswan"):
        initiative_report_progress(initiative=projects[key], actor=national_admin, percent=10, narrative=key)

    api_client.force_authenticate(aswan_outsider)
    assert [row["narrative"] for row in api_client.get("/api/v1/progress-reports/").json()["results"]] == [
        "aswan"
    ]
    api_client.force_authenticate(qena_officer)
    assert [row["narrative"] for row in api_client.get("/api/v1/progress-reports/").json()["results"]] == [
        "qena"
    ]
    api_client.force_authenticate(None)
    assert api_client.get("/api/v1/progress-reports/").status_code in (401, 403)


def test_progress_reports_list_query_count_is_pinned(
    api_client, projects, national_admin, qena_staff, django_assert_max_num_queries
):
    for number in range(10):
        report = initiative_report_progress(
            initiative=projects["qena"], actor=national_admin, percent=number, narrative="x"
        )
        progress_review(report=report, reviewer=qena_staff, approve=True)  # one report waits at a time
    api_client.force_authenticate(national_admin)

    with django_assert_max_num_queries(6):
        assert api_client.get("/api/v1/progress-reports/", {"governorate": "EG27"}).json()["count"] == 10


@pytest.mark.parametrize("endpoint", ["/api/v1/obstacles/", "/api/v1/progress-reports/"])
def test_an_initiative_number_too_large_for_the_database_is_a_bad_request(
    api_client, projects, qena_staff, endpoint
):
    api_client.force_authenticate(qena_staff)

    response = api_client.get(endpoint, {"initiative": "99999999999999999999999999"})

    assert response.status_code == 400
    assert api_client.get(endpoint, {"initiative": projects["qena"].pk}).status_code == 200


# Obstacles ---------------------------------------------------------------------------------------


def test_log_and_resolve_an_obstacle_through_the_api(api_client, projects, qena_officer, aswan_outsider):
    api_client.force_authenticate(qena_officer)
    created = api_client.post("/api/v1/obstacles/", {
        "initiative": projects["qena"].pk, "kind": "land", "description": "تصريح", "owner": "الحي",
        "needed_by": "2026-12-01",
    }, format="json")  # fmt: skip
    assert created.status_code == 201, created.content
    url = f"/api/v1/obstacles/{created.json()['id']}/resolve/"

    api_client.force_authenticate(aswan_outsider)
    assert api_client.post(url, {"resolution": "تم"}, format="json").status_code == 404
    api_client.force_authenticate(qena_officer)
    assert api_client.post(url, {"resolution": ""}, format="json").status_code == 400
    assert api_client.post(url, {"resolution": "صدر التصريح"}, format="json").status_code == 200
    assert api_client.post(url, {"resolution": "مرة أخرى"}, format="json").status_code == 409
    assert Obstacle.objects.get().resolution == "صدر التصريح"


def test_obstacles_api_is_scoped_and_pinned(
    api_client, projects, national_admin, qena_staff, django_assert_max_num_queries
):
    api_client.force_authenticate(national_admin)
    for key in ("qena", "nag_hammadi", "aswan"):
        for _ in range(3):
            api_client.post("/api/v1/obstacles/", {
                "initiative": projects[key].pk, "kind": "other", "description": key, "owner": "x",
                "needed_by": "2026-12-01",
            }, format="json")  # fmt: skip
    api_client.force_authenticate(qena_staff)

    with django_assert_max_num_queries(5):
        rows = api_client.get("/api/v1/obstacles/").json()["results"]

    assert sorted({row["description"] for row in rows}) == ["nag_hammadi", "qena"]
    assert len(rows) == 6
