"""Every URL of initiatives and projects, for every persona, including a partner's editor."""

import io

import pytest
from openpyxl import load_workbook

from initiatives.models import Obstacle, ProgressReport
from initiatives.services.projects import initiative_report_progress, obstacle_log, progress_review
from tests.conftest import client_for
from tests.test_initiative_projects_data import TITLES, initiatives_make, partner_editor_make, photo_content

PERSONAS = [
    "qena_officer",
    "qena_staff",
    "qena_governor",
    "aswan_outsider",
    "national_admin",
    "partner",
    "anonymous",
]
# Which of the four initiatives each persona's staff pages hold.
SEES = {
    "qena_officer": {"qena", "hidden"},
    "qena_staff": {"qena", "nag_hammadi", "hidden"},
    "qena_governor": {"qena", "nag_hammadi", "hidden"},
    "aswan_outsider": {"aswan"},
    "national_admin": {"qena", "nag_hammadi", "aswan", "hidden"},
    "partner": {"qena"},
}
EDITORS = {"qena_officer", "qena_staff", "qena_governor", "national_admin"}
DENIED = (302, 403, 404)


@pytest.fixture
def world(geography, personas):
    projects = initiatives_make(geography)
    partner = partner_editor_make(projects["qena"])
    users = personas | {"partner": partner}
    for key in ("qena", "nag_hammadi", "aswan"):
        worker = users["national_admin"]
        initiative_report_progress(
            initiative=projects[key], actor=worker, percent=20, narrative=f"تقرير {TITLES[key]}"
        )
        obstacle_log(initiative=projects[key], actor=worker, kind="other", description=f"عائق {TITLES[key]}",
                     owner="الجهة", needed_by=projects[key].planned_end)  # fmt: skip
    return {"projects": projects, "users": users}


def _visible(body: str) -> set[str]:
    return {key for key, title in TITLES.items() if title in body}


@pytest.mark.parametrize("persona", PERSONAS)
def test_public_pages_are_the_same_for_everyone(client, world, persona):
    client = client_for(client, world["users"][persona])
    projects = world["projects"]

    assert _visible(client.get("/ar/initiatives/").content.decode()) == {"qena", "nag_hammadi", "aswan"}
    assert len(client.get("/ar/initiatives/map.json").json()["points"]) == 3
    assert client.get(f"/ar/initiatives/{projects['qena'].pk}/").status_code == 200
    assert client.get(f"/ar/initiatives/{projects['hidden'].pk}/").status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_and_exports_hold_only_the_scope(client, world, persona):
    client = client_for(client, world["users"][persona])
    urls = ["/ar/initiatives/manage/", "/ar/initiatives/manage/export.xlsx", "/ar/initiatives/progress/",
            "/ar/initiatives/obstacles/", "/ar/initiatives/obstacles/export.xlsx"]  # fmt: skip
    responses = [client.get(url) for url in urls]
    if persona == "anonymous":
        assert {response.status_code for response in responses} == {302}
        return
    manage, export, progress, obstacles, obstacles_export = responses
    assert _visible(manage.content.decode()) == SEES[persona]
    assert _visible(_xlsx_text(export)) == SEES[persona]
    assert _visible(obstacles.content.decode()) == SEES[persona] - {"hidden"}
    assert _visible(_xlsx_text(obstacles_export)) == SEES[persona] - {"hidden"}
    assert progress.status_code == 200


def _xlsx_text(response) -> str:
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)


@pytest.mark.parametrize("persona", PERSONAS)
def test_staff_pages_of_an_initiative_only_for_those_who_work_on_it(client, world, persona):
    client = client_for(client, world["users"][persona])
    qena, nag_hammadi = world["projects"]["qena"].pk, world["projects"]["nag_hammadi"].pk

    edit = client.get(f"/ar/initiatives/manage/{qena}/").status_code
    work = [client.get(f"/ar/initiatives/manage/{qena}/progress/").status_code,
            client.get(f"/ar/initiatives/manage/{qena}/obstacles/new/").status_code]  # fmt: skip
    other = client.get(f"/ar/initiatives/manage/{nag_hammadi}/progress/").status_code
    new = client.get("/ar/initiatives/manage/new/").status_code

    assert (edit == 200) == (persona in EDITORS) and edit in (200, *DENIED)
    assert (set(work) == {200}) == ("qena" in SEES.get(persona, set()))
    assert (other == 200) == ("nag_hammadi" in SEES.get(persona, set()))
    assert (new == 200) == (persona in EDITORS | {"aswan_outsider"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_governorates_editors_review_its_progress(client, world, persona):
    client = client_for(client, world["users"][persona])
    report = ProgressReport.objects.get(initiative=world["projects"]["qena"])
    if persona == "national_admin":  # who wrote it: nobody reviews their own report
        ProgressReport.objects.filter(pk=report.pk).update(reported_by=world["users"]["qena_officer"])

    response = client.post(f"/ar/initiatives/progress/{report.pk}/review/", {"approve": "1"})

    report.refresh_from_db()
    if persona in {"qena_staff", "qena_governor", "national_admin"}:
        assert response.status_code == 302 and report.status == "approved"
    else:
        assert response.status_code in DENIED and report.status == "submitted"


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_those_working_on_it_resolve_an_obstacle(client, world, persona):
    client = client_for(client, world["users"][persona])
    obstacle = Obstacle.objects.get(initiative=world["projects"]["qena"])

    response = client.post(f"/ar/initiatives/obstacles/{obstacle.pk}/resolve/", {"resolution": "تم"})

    obstacle.refresh_from_db()
    if "qena" in SEES.get(persona, set()):
        assert response.status_code == 302 and obstacle.status == "resolved"
    else:
        assert response.status_code in DENIED and obstacle.status == "open"


@pytest.fixture
def photos(world):
    """A photo of an approved report on a published initiative, of a waiting one, and of an approved
    report on the unpublished initiative."""
    projects, users = world["projects"], world["users"]
    officer, reviewer = users["qena_officer"], users["qena_staff"]
    progress_review(
        report=ProgressReport.objects.get(initiative=projects["qena"]), reviewer=reviewer, approve=True
    )

    def photographed(initiative, percent, approve):
        report = initiative_report_progress(
            initiative=initiative, actor=officer, percent=percent, narrative="صور", photos=[photo_content()]
        )
        if approve:
            progress_review(report=report, reviewer=reviewer, approve=True)
        return report.photos.get().pk

    return {
        "approved": photographed(projects["qena"], 30, approve=True),
        "waiting": photographed(projects["qena"], 40, approve=False),
        "unpublished": photographed(projects["hidden"], 30, approve=True),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_progress_photos_are_public_once_approved_and_published_else_only_in_scope(
    client, photos, world, persona
):
    client = client_for(client, world["users"][persona])
    in_scope = SEES.get(persona, set())
    expected = {"approved": True, "waiting": "qena" in in_scope, "unpublished": "hidden" in in_scope}

    for name, pk in photos.items():
        response = client.get(f"/ar/initiatives/progress/photos/{pk}/")

        assert response.status_code == (200 if expected[name] else 404), name
        if expected[name]:
            assert response["Content-Type"] == "image/jpeg"
            assert b"".join(response.streaming_content).startswith(b"\xff\xd8")  # a JPEG


def test_a_user_without_a_role_is_refused(client, world, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x-password-2026"))

    for url in ("/ar/initiatives/manage/", "/ar/initiatives/progress/", "/ar/initiatives/obstacles/"):
        assert client.get(url).status_code == 403, url


def test_a_partner_editor_reports_on_their_initiative(client, world):
    client = client_for(client, world["users"]["partner"])
    qena = world["projects"]["qena"]
    waiting = ProgressReport.objects.get(initiative=qena)  # one report waits at a time
    progress_review(report=waiting, reviewer=world["users"]["qena_staff"], approve=True)

    response = client.post(
        f"/ar/initiatives/manage/{qena.pk}/progress/", {"percent": 35, "narrative": "تدريب الفنيين"}
    )

    assert response.status_code == 302
    assert ProgressReport.objects.filter(initiative=qena, reported_by=world["users"]["partner"]).exists()


def test_an_outsider_learns_nothing_of_qena(client, world):
    client.force_login(world["users"]["aswan_outsider"])

    for url in ("/ar/initiatives/manage/", "/ar/initiatives/progress/", "/ar/initiatives/obstacles/"):
        body = client.get(url).content.decode()
        assert "قنا" not in body and "EG27" not in body, url
