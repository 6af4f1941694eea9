"""Field work: inspection rounds and their findings, and the governor's directives."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import Category, Channel, Complaint
from complaints.services import Photo, complaint_submit
from initiatives.checklists import ANSWERS, checklist_items
from initiatives.models import (
    Directive,
    DirectiveAssignment,
    Initiative,
    Inspection,
    InspectionFinding,
    InspectionPhoto,
    Obstacle,
)
from initiatives.services.access import field_worker, governorate_editor
from initiatives.services.projects import obstacle_log
from portal.audit import audit_record
from portal.models import District

MAX_FINDINGS = 10  # findings on one round, in the form as in the API
CLOCK_SKEW = timedelta(minutes=5)  # a phone's clock may run a little ahead of the server's
DEPARTMENT_MAX_LENGTH = 200  # DirectiveAssignment.department


@transaction.atomic
def inspection_record(
    *, actor, district: District, kind: str, place: str, checklist: dict, findings: list[dict],
    photos=(), initiative: Initiative | None = None, notes: str = "", latitude=None, longitude=None,
    inspected_at=None,
) -> Inspection:  # fmt: skip
    """Record an inspection round in the officer's district, with its checklist, findings and photos."""
    if not field_worker(actor, district):
        raise ValidationError(_("You can only record inspections in your district."))
    _check_checklist(kind, checklist)
    _check_findings(kind, findings)
    _check_initiative(kind, initiative, district)
    now = timezone.now()
    if inspected_at is not None and inspected_at > now + CLOCK_SKEW:
        raise ValidationError({"inspected_at": _("An inspection cannot be recorded in the future.")})
    inspection = Inspection.objects.create(
        governorate_id=district.governorate_id, district=district, kind=kind, initiative=initiative,
        place=place.strip(), checklist=checklist, notes=notes.strip(), latitude=latitude,
        longitude=longitude, inspector=actor, inspected_at=inspected_at or now,
    )  # fmt: skip
    for finding in findings:
        InspectionFinding.objects.create(inspection=inspection, **finding)
    for content, content_type in photos:
        photo = InspectionPhoto(inspection=inspection)
        photo.image.save(f"inspection.{content_type.split('/')[1]}", ContentFile(content), save=True)
    return inspection


def _check_checklist(kind: str, checklist: dict):
    """The round's answers: at least one, each an item of the kind's checklist answered fine, fault or
    not applicable (the web form asks for every item; a phone app may send what was checked)."""
    codes = {code for code, _label in checklist_items(kind)}
    if not codes:
        raise ValidationError({"kind": _("Choose the kind of inspection.")})
    if not checklist:
        raise ValidationError({"checklist": _("Answer the checklist of this kind of inspection.")})
    if set(checklist) - codes or set(checklist.values()) - set(ANSWERS):
        raise ValidationError({"checklist": _("The checklist does not fit this kind of inspection.")})


def _check_findings(kind: str, findings: list[dict]):
    if len(findings) > MAX_FINDINGS:
        raise ValidationError(
            {"findings": _("Record at most %(count)s findings on one round.") % {"count": MAX_FINDINGS}}
        )
    codes = {code for code, _label in checklist_items(kind)}
    if any(finding.get("item") and finding["item"] not in codes for finding in findings):
        raise ValidationError(
            {"findings": _("This item is not on the checklist of this kind of inspection.")}
        )


def _check_initiative(kind: str, initiative: Initiative | None, district: District):
    """A site inspection names the initiative whose site it is; no other kind names one."""
    if kind == Inspection.Kind.SITE and initiative is None:
        raise ValidationError({"initiative": _("Choose the initiative whose site you inspected.")})
    if kind != Inspection.Kind.SITE and initiative is not None:
        raise ValidationError({"initiative": _("Only an inspection of an initiative's site names one.")})
    if initiative is not None and not initiative.districts.filter(pk=district.pk).exists():
        raise ValidationError({"initiative": _("The initiative is not in this district.")})


def _locked_finding(finding: InspectionFinding) -> InspectionFinding:
    return (
        InspectionFinding.objects.select_for_update()
        .select_related("inspection__district")
        .get(pk=finding.pk)
    )


@transaction.atomic
def finding_file_complaint(*, finding: InspectionFinding, category: Category, actor) -> Complaint:
    """Turn a finding into a complaint in the district's inbox, with the inspection's place and photos."""
    finding = _locked_finding(finding)
    inspection = finding.inspection
    if not field_worker(actor, inspection.district):
        raise ValidationError(_("You can only act on inspections in your district."))
    if finding.complaint_id:
        raise ValidationError(_("A complaint was already filed from this finding."))
    complaint = complaint_submit(
        category=category, district=inspection.district, description=finding.description,
        name=actor.get_full_name() or actor.get_username(), phone="", channel=Channel.INSPECTION,
        latitude=inspection.latitude, longitude=inspection.longitude, address=inspection.place,
        photos=[_as_photo(photo) for photo in inspection.photos.all()[:3]], actor=actor,
    )  # fmt: skip
    finding.complaint = complaint
    finding.save(update_fields=["complaint"])
    audit_record(finding, actor=actor, event="complaint filed", complaint=complaint.tracking_code)
    return complaint


def _as_photo(photo: InspectionPhoto) -> Photo:
    with photo.image.open("rb") as image:
        content = image.read()
    extension = photo.image.name.rsplit(".", 1)[-1].lower()
    return Photo(content=content, content_type=f"image/{'jpeg' if extension == 'jpg' else extension}")


@transaction.atomic
def finding_log_obstacle(
    *, finding: InspectionFinding, initiative: Initiative, actor, kind: str, owner: str, needed_by: date
) -> Obstacle:
    """Turn a finding into an obstacle on an initiative of the inspected district."""
    finding = _locked_finding(finding)
    if not field_worker(actor, finding.inspection.district):
        raise ValidationError(_("You can only act on inspections in your district."))
    if finding.obstacle_id:
        raise ValidationError(_("An obstacle was already logged from this finding."))
    if not initiative.districts.filter(pk=finding.inspection.district_id).exists():
        raise ValidationError({"initiative": _("The initiative is not in this district.")})
    obstacle = obstacle_log(
        initiative=initiative, actor=actor, kind=kind, description=finding.description, owner=owner,
        needed_by=needed_by,
    )  # fmt: skip
    finding.obstacle = obstacle
    finding.save(update_fields=["obstacle"])
    return obstacle


@transaction.atomic
def directive_issue(
    *, actor, governorate_id: int, title: str, meeting: str, meeting_on: date, deadline: date,
    districts=(), departments=(), details: str = "",
) -> Directive:  # fmt: skip
    """Record a decision of the governor's meeting and assign it to districts and departments."""
    if not governorate_editor(actor, governorate_id):
        raise ValidationError(_("Only the governorate's staff record directives."))
    if deadline < meeting_on:
        raise ValidationError({"deadline": _("The deadline must not be before the meeting.")})
    departments = department_names(departments)
    if not districts and not departments:
        raise ValidationError(_("Assign the directive to a district or a department."))
    if any(district.governorate_id != governorate_id for district in districts):
        raise ValidationError({"districts": _("Choose districts of the governorate.")})
    directive = Directive.objects.create(
        governorate_id=governorate_id, title=title.strip(), details=details.strip(), meeting=meeting.strip(),
        meeting_on=meeting_on, deadline=deadline, issued_by=actor,
    )  # fmt: skip
    DirectiveAssignment.objects.bulk_create(
        [DirectiveAssignment(directive=directive, district=district) for district in districts]
        + [DirectiveAssignment(directive=directive, department=name) for name in departments]
    )
    return directive


def department_names(lines) -> list[str]:
    """The departments a directive is assigned to, one a line; blank lines dropped."""
    names = [name.strip() for name in lines if name.strip()]
    if any(len(name) > DEPARTMENT_MAX_LENGTH for name in names):
        raise ValidationError({"departments": _(
            "Write each department in at most %(count)s characters, one a line."
        ) % {"count": DEPARTMENT_MAX_LENGTH}})  # fmt: skip
    return names


def assignment_completer(user, assignment: DirectiveAssignment) -> bool:
    """A district's officers complete its share; the governorate's staff any share."""
    if assignment.district_id:
        return field_worker(user, assignment.district)
    return governorate_editor(user, assignment.directive.governorate_id)


@transaction.atomic
def assignment_complete(
    *, assignment: DirectiveAssignment, actor, note: str, now=None
) -> DirectiveAssignment:
    """Report a share of a directive done, saying what was done."""
    if not assignment_completer(actor, assignment):
        raise ValidationError(_("This directive is not assigned to you."))
    if not note.strip():
        raise ValidationError({"note": _("Say what was done.")})
    still_open = DirectiveAssignment.objects.filter(pk=assignment.pk, status=DirectiveAssignment.Status.OPEN)
    updated = still_open.update(
        status=DirectiveAssignment.Status.DONE, completion_note=note.strip(), completed_by=actor,
        completed_at=now or timezone.now(),
    )  # fmt: skip
    if not updated:
        raise ValidationError(_("This directive was already reported done."))
    assignment.refresh_from_db()
    audit_record(assignment, actor=actor, event="directive done", note=note)
    return assignment
