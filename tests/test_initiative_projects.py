"""Initiatives and projects: progress approval through the pages and the API, the schedule, public pages."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from initiatives.models import Initiative, Obstacle, ProgressReport
from initiatives.models.projects import InitiativeQuerySet
from initiatives.services.projects import initiative_report_progress, obstacle_log, progress_review
from tests.conftest import client_for
from tests.test_initiative_projects_data import (
    initiative_make,
    initiatives_make,
    partner_editor_make,
    photo_content,
    photo_upload,
)


@pytest.fixture
def projects(geography):
    return initiatives_make(geography)


def _report(client, initiative, **fields):
    data = {"percent": 40, "narrative": "تم تركيب ٢٠ عمودا", "spent_to_date": "250000"} | fields
    return client.post(f"/ar/initiatives/manage/{initiative.pk}/progress/", data)


def _review(client, report, approve: bool, note: str = ""):
    return client.post(
        f"/ar/initiatives/progress/{report.pk}/review/", {"approve": "1" if approve else "0", "note": note}
    )


# The schedule ------------------------------------------------------------------------------------


def test_expected_progress_is_linear_between_the_planned_dates(geography):
    initiative = Initiative(planned_start=date(2026, 1, 1), planned_end=date(2026, 1, 11), status="active")

    assert initiative.expected_progress(date(2025, 12, 1)) == 0
    assert initiative.expected_progress(date(2026, 1, 6)) == 50
    assert initiative.expected_progress(date(2026, 3, 1)) == 100


def test_an_initiative_behind_the_schedule_is_late_until_it_is_no_longer_under_way(geography):
    initiative = Initiative(
        planned_start=date(2026, 1, 1), planned_end=date(2026, 1, 11), status="active", progress=40
    )

    assert initiative.is_late(date(2026, 1, 6))
    assert not initiative.is_late(date(2026, 1, 4))
    initiative.status = Initiative.Status.SUSPENDED
    assert not initiative.is_late(date(2026, 1, 6))


def test_the_public_list_flags_late_initiatives_and_shows_the_expected_progress(client, projects):
    body = client.get("/ar/initiatives/", {"governorate": "EG27", "district": "EG2702"}).content.decode()

    assert projects["qena"].title_ar in body
    assert "متأخر" in body or "Late" in body
    assert "50%" in body  # half way through its planned time, nothing approved yet


# Progress approval through the pages ---------------------------------------------------------------


def test_officer_reports_and_staff_approve_through_the_pages(client, projects, qena_officer, qena_staff):
    initiative = projects["qena"]

    response = _report(client_for(client, qena_officer), initiative)
    assert response.status_code == 302
    report = ProgressReport.objects.get(initiative=initiative)
    assert report.status == "submitted"
    initiative.refresh_from_db()
    assert initiative.progress == 0  # not before approval

    client.force_login(qena_staff)
    queue = client.get("/ar/initiatives/progress/").content.decode()
    assert "تم تركيب ٢٠ عمودا" in queue
    assert _review(client, report, approve=True).status_code == 302

    initiative.refresh_from_db()
    assert (initiative.progress, initiative.spent, initiative.status) == (40, Decimal("250000"), "active")
    assert initiative.actual_start is not None


def test_approving_a_full_report_completes_a_planned_initiative(client, projects, qena_officer, qena_staff):
    initiative = projects["qena"]
    Initiative.objects.filter(pk=initiative.pk).update(status="planned")
    _report(client_for(client, qena_officer), initiative, percent=100)
    client.force_login(qena_staff)

    _review(client, ProgressReport.objects.get(), approve=True)

    initiative.refresh_from_db()
    assert initiative.status == "completed" and initiative.actual_end is not None


def test_a_returned_report_needs_a_note_and_leaves_the_initiative_unchanged(
    client, projects, qena_officer, qena_staff
):
    _report(client_for(client, qena_officer), projects["qena"])
    report = ProgressReport.objects.get()
    client.force_login(qena_staff)

    assert _review(client, report, approve=False).status_code == 400
    assert _review(client, report, approve=False, note="الصور لا تطابق الموقع").status_code == 302

    report.refresh_from_db()
    assert (report.status, report.review_note) == ("returned", "الصور لا تطابق الموقع")
    projects["qena"].refresh_from_db()
    assert projects["qena"].progress == 0
    client.force_login(qena_officer)
    assert "الصور لا تطابق الموقع" in client.get("/ar/initiatives/progress/").content.decode()


def test_a_reviewed_report_cannot_be_reviewed_again(
    client, projects, qena_officer, qena_staff, qena_governor
):
    _report(client_for(client, qena_officer), projects["qena"])
    report = ProgressReport.objects.get()
    client.force_login(qena_staff)
    _review(client, report, approve=True)
    client.force_login(qena_governor)

    response = _review(client, report, approve=False, note="لا")

    assert response.status_code == 409
    report.refresh_from_db()
    assert report.status == "approved"


def test_a_reviewer_cannot_approve_their_own_report(client, projects, qena_staff):
    _report(client_for(client, qena_staff), projects["qena"])
    report = ProgressReport.objects.get()

    response = _review(client, report, approve=True)

    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "submitted"
    assert (
        "تم تركيب" not in client.get("/ar/initiatives/progress/").content.decode().split('<h2 class="h5">')[1]
    )


def test_an_officer_cannot_approve_progress(client, projects, qena_officer, qena_governor):
    _report(client_for(client, qena_governor), projects["qena"])
    client.force_login(qena_officer)

    assert _review(client, ProgressReport.objects.get(), approve=True).status_code == 403
    assert ProgressReport.objects.get().status == "submitted"


@pytest.mark.parametrize("percent", [101, -5])
def test_progress_outside_0_to_100_is_refused_and_nothing_saved(client, projects, qena_officer, percent):
    response = _report(client_for(client, qena_officer), projects["qena"], percent=percent)

    assert response.status_code == 400
    assert "0" in response.content.decode() and "100" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_progress_below_the_last_approved_needs_a_reason(client, projects, qena_officer):
    Initiative.objects.filter(pk=projects["qena"].pk).update(progress=60)

    response = _report(client_for(client, qena_officer), projects["qena"], percent=50)

    assert response.status_code == 400
    assert "60%" in response.content.decode()
    assert not ProgressReport.objects.exists()
    assert _report(client, projects["qena"], percent=50, reason="أعيد حفر جزء من الطريق").status_code == 302


def test_a_progress_report_carries_photos(client, projects, qena_officer):
    client = client_for(client, qena_officer)

    response = _report(client, projects["qena"], photos=[photo_upload()])

    assert response.status_code == 302
    assert ProgressReport.objects.get().photos.count() == 1


def test_more_than_four_photos_are_refused(client, projects, qena_officer):
    response = _report(
        client_for(client, qena_officer), projects["qena"], photos=[photo_upload() for _ in range(5)]
    )

    assert response.status_code == 400
    assert not ProgressReport.objects.exists()


def test_a_progress_form_posted_twice_makes_one_report(client, projects, qena_officer):
    client = client_for(client, qena_officer)

    first = _report(client, projects["qena"])
    again = _report(client, projects["qena"])

    assert (first.status_code, again.status_code) == (302, 409)
    assert "انتظار" in again.content.decode() or "waiting" in again.content.decode()
    assert ProgressReport.objects.count() == 1


def test_the_next_report_is_welcome_once_the_waiting_one_is_reviewed(
    client, projects, qena_officer, qena_staff
):
    _report(client_for(client, qena_officer), projects["qena"], percent=30)
    progress_review(report=ProgressReport.objects.get(), reviewer=qena_staff, approve=True)

    assert _report(client, projects["qena"], percent=50).status_code == 302
    assert ProgressReport.objects.filter(status="submitted").count() == 1


def test_reporting_locks_the_initiative_row_so_two_posts_at_once_cannot_both_pass(
    projects, qena_officer, monkeypatch
):
    locked = []
    select_for_update = InitiativeQuerySet.select_for_update

    def spy(queryset, *args, **kwargs):
        locked.append(queryset.model)
        return select_for_update(queryset, *args, **kwargs)

    monkeypatch.setattr(InitiativeQuerySet, "select_for_update", spy)

    initiative_report_progress(initiative=projects["qena"], actor=qena_officer, percent=10, narrative="x")

    assert locked == [Initiative]


def test_an_older_report_cannot_pull_progress_below_the_approved_figure_without_a_reason(
    client, projects, qena_officer, qena_staff
):
    initiative = projects["qena"]
    older = initiative_report_progress(
        initiative=initiative, actor=qena_officer, percent=30, narrative="أقدم"
    )
    # A newer report, sent while the older one waited (as before one report at a time), approved first.
    newer = ProgressReport.objects.create(
        initiative=initiative, percent=60, narrative="أحدث", reported_by=qena_officer
    )
    client.force_login(qena_staff)
    assert _review(client, newer, approve=True).status_code == 302

    response = _review(client, older, approve=True)

    assert response.status_code == 409
    assert "60%" in response.content.decode()
    older.refresh_from_db()
    initiative.refresh_from_db()
    assert (older.status, initiative.progress) == ("submitted", 60)
    assert _review(client, older, approve=False, note="أعد التقرير بالأرقام الحالية").status_code == 302


def test_an_older_report_with_a_reason_may_lower_the_approved_figure(
    client, projects, qena_officer, qena_staff
):
    initiative = projects["qena"]
    older = initiative_report_progress(
        initiative=initiative, actor=qena_officer, percent=30, narrative="أقدم", reason="إعادة رصف جزء معيب"
    )
    Initiative.objects.filter(pk=initiative.pk).update(progress=60)  # a newer report approved meanwhile

    assert _review(client_for(client, qena_staff), older, approve=True).status_code == 302

    initiative.refresh_from_db()
    assert initiative.progress == 30


def test_progress_photos_are_linked_through_the_photo_view(client, projects, qena_officer, qena_staff):
    report = initiative_report_progress(
        initiative=projects["qena"], actor=qena_officer, percent=20, narrative="x", photos=[photo_content()]
    )
    url = f"/ar/initiatives/progress/photos/{report.photos.get().pk}/"

    assert url in client_for(client, qena_staff).get("/ar/initiatives/progress/").content.decode()
    progress_review(report=report, reviewer=qena_staff, approve=True)
    client.logout()
    page = client.get(f"/ar/initiatives/{projects['qena'].pk}/").content.decode()

    assert url in page and "/media/" not in page


# Public pages ------------------------------------------------------------------------------------


def test_public_pages_hide_unpublished_initiatives(client, projects):
    body = client.get("/ar/initiatives/").content.decode()
    points = client.get("/ar/initiatives/map.json").json()["points"]

    assert projects["qena"].title_ar in body and projects["hidden"].title_ar not in body
    assert {point["id"] for point in points} == {projects[k].pk for k in ("qena", "nag_hammadi", "aswan")}
    assert client.get(f"/ar/initiatives/{projects['hidden'].pk}/").status_code == 404


def test_the_public_page_shows_only_approved_reports(client, projects, qena_officer, qena_staff):
    initiative = projects["qena"]
    approved = initiative_report_progress(
        initiative=initiative, actor=qena_officer, percent=30, narrative="مرحلة أولى معتمدة"
    )
    client.force_login(qena_staff)
    _review(client, approved, approve=True)
    client.logout()
    initiative_report_progress(
        initiative=initiative, actor=qena_officer, percent=45, narrative="تقرير لم يعتمد بعد"
    )

    body = client.get(f"/ar/initiatives/{initiative.pk}/").content.decode()

    assert "مرحلة أولى معتمدة" in body
    assert "تقرير لم يعتمد بعد" not in body
    assert "qena.officer" not in body and "qena.staff" not in body
    assert "توريد الأعمدة" in body  # the milestone, long past due


def test_the_public_page_lists_only_verified_partners(client, projects, geography):
    partner_editor_make(projects["qena"], username="verified.ngo")
    pending = partner_editor_make(projects["qena"], verified=False, username="pending.ngo")

    body = client.get(f"/ar/initiatives/{projects['qena'].pk}/").content.decode()

    assert body.count("جمعية تنمية المجتمع") == 1
    assert pending.staff_profile.organization.slug not in body


def test_the_public_list_searches_arabic_without_diacritics_and_hamza(client, projects):
    body = client.get("/ar/initiatives/", {"q": "انارة"}).content.decode()

    assert projects["qena"].title_ar in body
    assert projects["nag_hammadi"].title_ar not in body


def test_the_public_list_filters_by_theme_sector_and_status(client, projects):
    by_sector = client.get("/ar/initiatives/", {"sector": "roads"}).content.decode()
    by_theme = client.get("/ar/initiatives/map.json", {"theme": "innovation"}).json()["points"]

    assert projects["nag_hammadi"].title_ar in by_sector and projects["qena"].title_ar not in by_sector
    assert [point["id"] for point in by_theme] == [projects["nag_hammadi"].pk]
    assert client.get("/ar/initiatives/", {"status": "nonsense"}).status_code == 400


def test_the_public_list_and_map_stay_within_a_few_queries(client, geography, django_assert_max_num_queries):
    for _ in range(15):
        initiative_make(geography, "qena", governorate="qena", districts=["EG2702", "EG2708"])

    with django_assert_max_num_queries(10):
        assert client.get("/ar/initiatives/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/ar/initiatives/map.json").status_code == 200


# Recording an initiative -------------------------------------------------------------------------


def _initiative_form(geography, **fields):
    data = {
        "title_ar": "تطوير سوق الخضار", "summary_ar": "نقل الباعة إلى سوق حضاري",
        "governorate": geography["qena"].pk,
        "districts": [geography["EG2702"].pk], "sector": "markets", "theme": "local_content",
        "planned_start": "2026-01-01", "planned_end": "2026-12-31", "currency": "EGP", "status": "planned",
        "is_public": "on", "latitude": "26.160000", "longitude": "32.720000", "budget": "500000",
        "partners-TOTAL_FORMS": "0", "partners-INITIAL_FORMS": "0",
        "milestones-TOTAL_FORMS": "1", "milestones-INITIAL_FORMS": "0",
        "milestones-0-order": "1", "milestones-0-title": "تسليم الموقع", "milestones-0-due_on": "2026-03-01",
    }  # fmt: skip
    return data | fields


def test_an_officer_records_an_initiative_in_their_district(client, qena_officer, geography):
    response = client_for(client, qena_officer).post(
        "/ar/initiatives/manage/new/", _initiative_form(geography)
    )

    assert response.status_code == 302
    initiative = Initiative.objects.get(title_ar="تطوير سوق الخضار")
    assert list(initiative.districts.values_list("code", flat=True)) == ["EG2702"]
    assert initiative.milestones.get().title == "تسليم الموقع"
    assert initiative.created_by == qena_officer


def test_dates_out_of_order_are_refused(client, qena_staff, geography):
    form = _initiative_form(geography, planned_start="2026-12-31", planned_end="2026-01-01")

    response = client_for(client, qena_staff).post("/ar/initiatives/manage/new/", form)

    assert response.status_code == 400
    assert not Initiative.objects.exists()


def test_an_officer_cannot_place_an_initiative_in_another_district(client, qena_officer, geography):
    form = _initiative_form(geography, districts=[geography["EG2708"].pk])

    response = client_for(client, qena_officer).post("/ar/initiatives/manage/new/", form)

    assert response.status_code == 400
    assert not Initiative.objects.exists()


def test_staff_cannot_record_an_initiative_in_another_governorate(client, aswan_outsider, geography):
    response = client_for(client, aswan_outsider).post(
        "/ar/initiatives/manage/new/", _initiative_form(geography)
    )

    assert response.status_code == 400
    assert not Initiative.objects.exists()


def test_an_officers_edit_keeps_the_districts_outside_their_own(client, qena_officer, geography):
    shared = initiative_make(geography, "qena", governorate="qena", districts=["EG2702", "EG2708"])
    client = client_for(client, qena_officer)

    page = client.get(f"/ar/initiatives/manage/{shared.pk}/").content.decode()
    response = client.post(
        f"/ar/initiatives/manage/{shared.pk}/",
        _initiative_form(geography, districts=[geography["EG2702"].pk]),
    )

    assert "مركز نجع حمادى" in page  # the form says the other district stays
    assert response.status_code == 302
    assert set(shared.districts.values_list("code", flat=True)) == {"EG2702", "EG2708"}


def test_governorate_staff_still_remove_a_district_from_an_initiative(client, qena_staff, geography):
    shared = initiative_make(geography, "qena", governorate="qena", districts=["EG2702", "EG2708"])

    response = client_for(client, qena_staff).post(
        f"/ar/initiatives/manage/{shared.pk}/",
        _initiative_form(geography, districts=[geography["EG2702"].pk]),
    )

    assert response.status_code == 302
    assert list(shared.districts.values_list("code", flat=True)) == ["EG2702"]


def test_coordinates_off_the_globe_are_refused(client, qena_staff, geography):
    form = _initiative_form(geography, latitude="500", longitude="-999")

    response = client_for(client, qena_staff).post("/ar/initiatives/manage/new/", form)

    assert response.status_code == 400
    assert {"latitude", "longitude"} <= set(response.context["form"].errors)
    assert not Initiative.objects.exists()


# Obstacles ---------------------------------------------------------------------------------------


def test_an_officer_logs_an_obstacle_and_staff_resolve_it(client, projects, qena_officer, qena_staff):
    client = client_for(client, qena_officer)
    response = client.post(f"/ar/initiatives/manage/{projects['qena'].pk}/obstacles/new/", {
        "kind": "utilities", "description": "كابل كهرباء يعترض الحفر", "owner": "شركة الكهرباء",
        "needed_by": "2026-12-01",
    })  # fmt: skip
    assert response.status_code == 302
    obstacle = Obstacle.objects.get()

    client.force_login(qena_staff)
    assert (
        client.post(f"/ar/initiatives/obstacles/{obstacle.pk}/resolve/", {"resolution": ""}).status_code
        == 400
    )
    assert (
        client.post(
            f"/ar/initiatives/obstacles/{obstacle.pk}/resolve/", {"resolution": "نقل الكابل"}
        ).status_code
        == 302
    )
    again = client.post(f"/ar/initiatives/obstacles/{obstacle.pk}/resolve/", {"resolution": "مرة أخرى"})

    assert again.status_code == 409
    obstacle.refresh_from_db()
    assert (obstacle.status, obstacle.resolution) == ("resolved", "نقل الكابل")


def test_escalated_obstacles_come_first_and_stand_out(client, projects, qena_officer, qena_governor):
    today = timezone.localdate()
    calm = obstacle_log(initiative=projects["qena"], actor=qena_officer, kind="land",
                        description="تصريح الحي",
                        owner="الحي", needed_by=today + timedelta(days=30))  # fmt: skip
    urgent = obstacle_log(initiative=projects["qena"], actor=qena_officer, kind="funding",
                          description="تأخر الدفعة",
                          owner="المالية", needed_by=today - timedelta(days=30))  # fmt: skip
    Obstacle.objects.filter(pk=urgent.pk).update(escalation_level=2)

    body = client_for(client, qena_governor).get("/ar/initiatives/obstacles/").content.decode()

    assert body.index(urgent.description) < body.index(calm.description)
    assert "obstacle-governor" in body
