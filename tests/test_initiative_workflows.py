"""The rules of initiatives' services: progress approval, obstacle escalation, inspections, directives,
and partner editors' scope."""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from initiatives.models import (
    DirectiveAssignment,
    Initiative,
    InitiativePartner,
    Inspection,
    Obstacle,
    ProgressReport,
)
from initiatives.services.field import assignment_complete, directive_issue, inspection_record
from initiatives.services.projects import (
    initiative_report_progress,
    obstacle_log,
    obstacle_resolve,
    progress_review,
)
from initiatives.tasks import escalate_overdue_obstacles
from portal.models import Role
from portal.services import staff_create
from programs.models import Organization
from tests.conftest import PASSWORD


def _initiative(geography, district="EG2702", **fields) -> Initiative:
    today = timezone.localdate()
    governorate = geography[district].governorate
    initiative = Initiative.objects.create(
        title_ar="رصف طريق الحميدات",
        summary_ar="رصف 4 كم",
        governorate=governorate,
        sector="roads",
        theme="quality_of_life",
        planned_start=today - timedelta(days=50),
        planned_end=today + timedelta(days=50),
        budget=1_000_000,
        **fields,
    )
    initiative.districts.set([geography[district]])
    return initiative


def _audited_events(instance) -> list[str]:
    entries = LogEntry.objects.get_for_object(instance).order_by("pk")
    return [entry.changes_dict["event"][1] for entry in entries if "event" in entry.changes_dict]


@pytest.fixture
def ngo(geography):
    return Organization.objects.create(slug="qena-ngo", name_ar="جمعية قنا", org_type="22")


@pytest.fixture
def partner_editor(ngo):
    profile = staff_create(username="ngo.editor", role=Role.PARTNER_EDITOR, password=PASSWORD)
    profile.organization = ngo
    profile.save()
    return profile.user


# Progress --------------------------------------------------------------------------------------------


def test_approved_progress_moves_the_initiative_and_completes_it_at_100(geography, qena_officer, qena_staff):
    initiative = _initiative(geography)

    first = initiative_report_progress(
        initiative=initiative, actor=qena_officer, percent=60, narrative="x", spent_to_date=400_000
    )
    initiative.refresh_from_db()
    assert (initiative.progress, initiative.status) == (0, "planned")  # not before approval

    progress_review(report=first, reviewer=qena_staff, approve=True)
    initiative.refresh_from_db()
    assert (initiative.progress, initiative.spent, initiative.status) == (60, 400_000, "active")
    assert initiative.actual_start == timezone.localdate()

    last = initiative_report_progress(
        initiative=initiative, actor=qena_officer, percent=100, narrative="done"
    )
    progress_review(report=last, reviewer=qena_staff, approve=True)
    initiative.refresh_from_db()
    assert (initiative.status, initiative.actual_end) == ("completed", timezone.localdate())
    assert _audited_events(last) == ["approved"]  # and its creation, by auditlog


@pytest.mark.parametrize("percent", [101, -1])
def test_progress_outside_0_to_100_is_refused(geography, qena_officer, percent):
    initiative = _initiative(geography)

    with pytest.raises(ValidationError):
        initiative_report_progress(initiative=initiative, actor=qena_officer, percent=percent, narrative="x")

    assert not ProgressReport.objects.exists()


def test_progress_below_the_last_approved_needs_a_reason(geography, qena_officer, qena_staff):
    initiative = _initiative(geography)
    report = initiative_report_progress(initiative=initiative, actor=qena_officer, percent=50, narrative="x")
    progress_review(report=report, reviewer=qena_staff, approve=True)
    initiative.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        initiative_report_progress(initiative=initiative, actor=qena_officer, percent=40, narrative="x")
    assert "50" in str(error.value)
    assert ProgressReport.objects.count() == 1

    lower = initiative_report_progress(
        initiative=initiative, actor=qena_officer, percent=40, narrative="x", reason="هدم جزء معيب"
    )
    assert lower.reason == "هدم جزء معيب"


def test_a_report_is_reviewed_once_by_someone_else_and_a_return_needs_a_note(
    geography, qena_officer, qena_staff, qena_governor
):
    initiative = _initiative(geography)
    own = initiative_report_progress(initiative=initiative, actor=qena_staff, percent=10, narrative="x")
    with pytest.raises(ValidationError):
        progress_review(report=own, reviewer=qena_staff, approve=True)
    with pytest.raises(ValidationError):
        progress_review(report=own, reviewer=qena_governor, approve=False, note=" ")
    with pytest.raises(ValidationError):
        progress_review(report=own, reviewer=qena_officer, approve=True)  # officers report, not approve

    progress_review(report=own, reviewer=qena_governor, approve=False, note="أرفق الصور")
    with pytest.raises(ValidationError):
        progress_review(report=own, reviewer=qena_governor, approve=True)
    own.refresh_from_db()
    assert own.status == "returned"


def test_outsider_cannot_report_on_another_governorates_initiative(geography, aswan_outsider):
    with pytest.raises(ValidationError):
        initiative_report_progress(
            initiative=_initiative(geography), actor=aswan_outsider, percent=5, narrative="x"
        )

    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(
    ("days_from_start", "expected"), [(-10, 0), (0, 0), (25, 25), (50, 50), (99, 99), (100, 100), (130, 100)]
)
def test_expected_progress_is_linear_between_planned_start_and_end(geography, days_from_start, expected):
    initiative = _initiative(geography)
    initiative.planned_start, initiative.planned_end = (
        date(2026, 1, 1),
        date(2026, 1, 1) + timedelta(days=100),
    )

    on = initiative.planned_start + timedelta(days=days_from_start)

    assert initiative.expected_progress(on) == expected


def test_late_means_behind_the_line_while_planned_or_active(geography):
    initiative = _initiative(geography)  # halfway through its plan
    initiative.status, initiative.progress = "active", 49
    assert initiative.is_late()
    initiative.progress = 50
    assert not initiative.is_late()
    initiative.status, initiative.progress = "suspended", 0
    assert not initiative.is_late()


# Obstacles -------------------------------------------------------------------------------------------


def test_obstacles_escalate_by_schedule_once(geography, qena_officer):
    initiative = _initiative(geography)
    today = timezone.localdate()

    def log(days_past_needed):
        return obstacle_log(
            initiative=initiative,
            actor=qena_officer,
            kind="land",
            description="أرض",
            owner="أملاك الدولة",
            needed_by=today - timedelta(days=days_past_needed),
        )

    not_yet, past, long_past, resolved = log(0), log(1), log(8), log(30)
    obstacle_resolve(obstacle=resolved, actor=qena_officer, resolution="صدر قرار التخصيص")

    assert escalate_overdue_obstacles.apply().get() == 3  # past → 1; long past → 1 then 2
    assert escalate_overdue_obstacles.apply().get() == 0  # idempotent

    levels = dict(Obstacle.objects.values_list("pk", "escalation_level"))
    assert levels == {not_yet.pk: 0, past.pk: 1, long_past.pk: 2, resolved.pk: 0}
    assert _audited_events(long_past) == ["escalated", "escalated"]


def test_resolving_needs_how_and_happens_once(geography, qena_officer):
    obstacle = obstacle_log(
        initiative=_initiative(geography),
        actor=qena_officer,
        kind="funding",
        description="تأخر الدفعة",
        owner="المالية",
        needed_by=timezone.localdate(),
    )
    with pytest.raises(ValidationError):
        obstacle_resolve(obstacle=obstacle, actor=qena_officer, resolution="  ")

    obstacle_resolve(obstacle=obstacle, actor=qena_officer, resolution="صُرفت الدفعة")
    with pytest.raises(ValidationError):
        obstacle_resolve(obstacle=obstacle, actor=qena_officer, resolution="مرة أخرى")

    obstacle.refresh_from_db()
    assert (obstacle.status, obstacle.resolution) == ("resolved", "صُرفت الدفعة")


# Partner editors -------------------------------------------------------------------------------------


def test_partner_editor_sees_and_reports_only_initiatives_of_their_organisation(
    geography, partner_editor, ngo, qena_staff
):
    theirs, other = _initiative(geography), _initiative(geography, district="EG2708")
    InitiativePartner.objects.create(initiative=theirs, organization=ngo, role="4")
    InitiativePartner.objects.create(initiative=theirs, organization=ngo, role="technical")  # two roles

    assert list(Initiative.objects.for_user(partner_editor)) == [theirs]
    report = initiative_report_progress(initiative=theirs, actor=partner_editor, percent=20, narrative="x")
    with pytest.raises(ValidationError):
        initiative_report_progress(initiative=other, actor=partner_editor, percent=20, narrative="x")
    with pytest.raises(ValidationError):
        progress_review(report=report, reviewer=partner_editor, approve=True)
    assert list(ProgressReport.objects.for_user(partner_editor)) == [report]
    assert list(ProgressReport.objects.for_user(qena_staff)) == [report]


# Inspections and directives ----------------------------------------------------------------------------


def test_inspection_checklist_must_fit_its_kind(geography, qena_officer):
    with pytest.raises(ValidationError):
        inspection_record(
            actor=qena_officer,
            district=geography["EG2702"],
            kind="roads",
            place="x",
            checklist={"hygiene": "ok"},
            findings=[],
        )
    with pytest.raises(ValidationError):
        inspection_record(
            actor=qena_officer,
            district=geography["EG2702"],
            kind="roads",
            place="x",
            checklist={"surface": "broken"},
            findings=[],
        )
    with pytest.raises(ValidationError):
        inspection_record(
            actor=qena_officer,
            district=geography["EG2708"],
            kind="roads",
            place="x",
            checklist={"surface": "ok"},
            findings=[],
        )

    assert not Inspection.objects.exists()


def test_directive_deadlines_and_who_completes_them(geography, qena_governor, qena_officer, aswan_outsider):
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        directive_issue(
            actor=qena_governor,
            governorate_id=geography["qena"].pk,
            title="x",
            meeting="m",
            meeting_on=today,
            deadline=today - timedelta(days=1),
            districts=[geography["EG2702"]],
        )
    with pytest.raises(ValidationError):
        directive_issue(
            actor=aswan_outsider,
            governorate_id=geography["qena"].pk,
            title="x",
            meeting="m",
            meeting_on=today,
            deadline=today,
            districts=[geography["EG2702"]],
        )
    directive = directive_issue(
        actor=qena_governor,
        governorate_id=geography["qena"].pk,
        title="حصر الأصول غير المستغلة",
        meeting="اجتماع المحافظ",
        meeting_on=today - timedelta(days=9),
        deadline=today - timedelta(days=1),
        districts=[geography["EG2702"], geography["EG2708"]],
        departments=["إدارة أملاك الدولة", " "],
    )

    overdue = DirectiveAssignment.objects.for_user(qena_governor).overdue(today)
    assert overdue.count() == 3
    markaz_qena = directive.assignments.get(district=geography["EG2702"])
    nag_hammadi = directive.assignments.get(district=geography["EG2708"])
    with pytest.raises(ValidationError):
        assignment_complete(assignment=nag_hammadi, actor=qena_officer, note="تم")
    with pytest.raises(ValidationError):
        assignment_complete(assignment=markaz_qena, actor=qena_officer, note="")
    assignment_complete(assignment=markaz_qena, actor=qena_officer, note="تم الحصر: 14 أصلاً")

    assert DirectiveAssignment.objects.for_user(qena_governor).overdue(today).count() == 2
    assert list(DirectiveAssignment.objects.for_user(qena_officer)) == [markaz_qena]


# What needs attention ------------------------------------------------------------------------------


def test_workspace_counts_late_initiatives_and_links_to_them(
    client, geography, qena_governor, aswan_outsider
):
    late = _initiative(geography, status="active")  # halfway through its plan, 0 % done
    on_time = _initiative(geography, district="EG2708", status="active")
    Initiative.objects.filter(pk=on_time.pk).update(progress=60, title_ar="إنارة نجع حمادي")
    on_time.refresh_from_db()

    client.force_login(qena_governor)
    workspace = client.get("/ar/workspace/").content.decode()
    listed = client.get("/ar/initiatives/manage/", {"late": "true"}).content.decode()

    assert 'href="/ar/initiatives/manage/?late=true"' in workspace
    assert list(Initiative.objects.for_user(qena_governor).late(timezone.localdate())) == [late]
    assert late.title_ar in listed and on_time.title_ar not in listed
    client.force_login(aswan_outsider)
    assert client.get("/ar/initiatives/manage/", {"late": "true"}).content.decode().count(late.title_ar) == 0


@pytest.mark.parametrize(
    "persona", ["qena_officer", "qena_staff", "qena_governor", "aswan_outsider", "national_admin", "partner"]
)
def test_every_menu_link_opens_for_the_person_it_is_offered_to(client, personas, partner_editor, persona):
    user = partner_editor if persona == "partner" else personas[persona]
    client.force_login(user)

    links = [url for _label, url in client.get("/ar/").context["work_items"]]

    assert links
    for url in links:
        assert client.get(url).status_code == 200, url
