"""Initiatives: recording them, reporting and approving progress, logging and removing obstacles."""

from datetime import date, timedelta
from decimal import Decimal
from http import HTTPStatus

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative, Obstacle, ProgressPhoto, ProgressReport
from initiatives.models.choices import EscalationLevel
from initiatives.services.access import governorate_editor, initiative_editor, initiative_worker
from portal.audit import audit_record
from portal.models import District
from portal.scoping import Scope

# An obstacle unresolved past its date goes to the governorate; this long after, to the governor.
GOVERNOR_ESCALATION_AFTER = timedelta(days=7)
# The code of a refusal due to the record's state (already reviewed, a report waiting): answered 409.
CONFLICT = "conflict"


def refusal_status(error: ValidationError) -> HTTPStatus:
    """How pages and the API answer a service's refusal: 409 when the state is in the way, else 400."""
    return HTTPStatus.CONFLICT if getattr(error, "code", None) == CONFLICT else HTTPStatus.BAD_REQUEST


@transaction.atomic
def initiative_save(*, form, partners, milestones, actor) -> Initiative:
    """Save an initiative with its partners' roles and milestones, all or nothing."""
    instance = form.instance if form.instance.pk else None
    if not initiative_editor(actor, instance):
        raise ValidationError(_("You cannot edit initiatives here."))
    kept = list(districts_out_of_reach(actor, instance))
    initiative = form.save(commit=False)
    _check_districts(actor, initiative, form.cleaned_data["districts"])
    if initiative.pk is None:
        initiative.created_by = actor
    initiative.save()
    form.save_m2m()
    initiative.districts.add(*kept)
    for formset in (partners, milestones):
        formset.instance = initiative
        formset.save()
    return initiative


def districts_out_of_reach(actor, initiative: Initiative | None):
    """The initiative's districts outside the actor's scope. Their form cannot offer them, so saving keeps
    them: an officer's edit of an initiative shared with another district must not drop that district."""
    if initiative is None or initiative.pk is None:
        return District.objects.none()
    return initiative.districts.exclude(pk__in=District.objects.for_user(actor).values("pk"))


def _check_districts(actor, initiative, districts):
    if any(district.governorate_id != initiative.governorate_id for district in districts):
        raise ValidationError({"districts": _("Choose districts of the initiative's governorate.")})
    scope = Scope.of(actor)
    if scope.district_id and not any(district.pk == scope.district_id for district in districts):
        raise ValidationError({"districts": _("Include your own district.")})


@transaction.atomic
def initiative_report_progress(
    *, initiative: Initiative, actor, percent: int, narrative: str, spent_to_date: Decimal | None = None,
    reason: str = "", photos=(), now=None,
) -> ProgressReport:  # fmt: skip
    """A district officer or partner reports how far the initiative has come; a supervisor approves it.
    One report waits for approval at a time: a second (a form posted twice) is refused."""
    if not initiative_worker(actor, initiative):
        raise ValidationError(_("You do not work on this initiative."))
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": _("Progress is a percentage from 0 to 100.")})
    if spent_to_date is not None and spent_to_date < 0:
        raise ValidationError({"spent_to_date": _("Amounts cannot be negative.")})
    # Locked so that two posts at once cannot both find no report waiting.
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.progress_reports.filter(status=ProgressReport.Status.SUBMITTED).exists():
        raise ValidationError(
            _("A report on this initiative is already waiting for approval. Send the next one once it is "
              "reviewed."), code=CONFLICT,
        )  # fmt: skip
    if percent < initiative.progress and not reason.strip():
        raise ValidationError(
            {"reason": _("The last approved progress was %(last)s%%. Say why it is now lower.")
             % {"last": initiative.progress}}
        )  # fmt: skip
    report = ProgressReport.objects.create(
        initiative=initiative, percent=percent, narrative=narrative.strip(), spent_to_date=spent_to_date,
        reason=reason.strip(), reported_by=actor, reported_at=now or timezone.now(),
    )  # fmt: skip
    for content, content_type in photos:
        photo = ProgressPhoto(report=report)
        photo.image.save(f"progress.{content_type.split('/')[1]}", ContentFile(content), save=True)
    return report


def progress_reviewer(user, report: ProgressReport) -> bool:
    """The initiative's governorate staff, governor or a national administrator; never the reporter."""
    return governorate_editor(user, report.initiative.governorate_id) and report.reported_by_id != user.pk


@transaction.atomic
def progress_review(
    *, report: ProgressReport, reviewer, approve: bool, note: str = "", now=None
) -> ProgressReport:
    """Approve a report (the initiative takes its figures) or return it with a note."""
    if not progress_reviewer(reviewer, report):
        raise ValidationError(
            _("Progress is approved by the governorate's staff, never by the person who reported it.")
        )
    if not approve and not note.strip():
        raise ValidationError({"note": _("Say what needs correcting.")})
    # Locked so that reviews of the same initiative take turns and each compares with the figure it sets.
    initiative = Initiative.objects.select_for_update().get(pk=report.initiative_id)
    now = now or timezone.now()
    status = ProgressReport.Status.APPROVED if approve else ProgressReport.Status.RETURNED
    updated = ProgressReport.objects.filter(pk=report.pk, status=ProgressReport.Status.SUBMITTED).update(
        status=status, review_note=note.strip(), reviewed_by=reviewer, reviewed_at=now
    )
    if not updated:
        raise ValidationError(_("This report was already reviewed."), code=CONFLICT)
    report.refresh_from_db()
    if approve:
        _check_not_below(report, initiative)
        _apply_progress(report, initiative, timezone.localdate(now))
    audit_record(report, actor=reviewer, event=status, note=note)
    return report


def _check_not_below(report: ProgressReport, initiative: Initiative):
    """A report sent before a higher one was approved must not pull the figure down without a reason.
    Raising here rolls the review back."""
    if report.percent < initiative.progress and not report.reason.strip():
        raise ValidationError(
            _("The last approved progress is %(last)s%%, above this report's %(percent)s%%, and the report "
              "gives no reason for a lower figure. Return it for correction.")
            % {"last": initiative.progress, "percent": report.percent}, code=CONFLICT,
        )  # fmt: skip


def _apply_progress(report: ProgressReport, initiative: Initiative, today: date):
    initiative.progress = report.percent
    if report.spent_to_date is not None:
        initiative.spent = report.spent_to_date
    if report.percent > 0 and initiative.status == Initiative.Status.PLANNED:
        initiative.status = Initiative.Status.ACTIVE
    if report.percent > 0 and initiative.actual_start is None:
        initiative.actual_start = min(today, timezone.localdate(report.reported_at))
    if report.percent == 100 and initiative.status == Initiative.Status.ACTIVE:
        initiative.status = Initiative.Status.COMPLETED
        initiative.actual_end = max(initiative.actual_start, timezone.localdate(report.reported_at))
    initiative.save()


@transaction.atomic
def obstacle_log(*, initiative: Initiative, actor, kind: str, description: str, owner: str,
                 needed_by: date, now=None) -> Obstacle:  # fmt: skip
    """Anyone working on the initiative logs what stands in its way."""
    if not initiative_worker(actor, initiative):
        raise ValidationError(_("You do not work on this initiative."))
    obstacle = Obstacle.objects.create(
        initiative=initiative, kind=kind, description=description.strip(), owner=owner.strip(),
        needed_by=needed_by, logged_by=actor, created_at=now or timezone.now(),
    )  # fmt: skip
    return obstacle


@transaction.atomic
def obstacle_resolve(*, obstacle: Obstacle, actor, resolution: str, now=None) -> Obstacle:
    """Record how the obstacle was removed."""
    if not initiative_worker(actor, obstacle.initiative):
        raise ValidationError(_("You do not work on this initiative."))
    if not resolution.strip():
        raise ValidationError({"resolution": _("Say how the obstacle was resolved.")})
    updated = Obstacle.objects.filter(pk=obstacle.pk, status=Obstacle.Status.OPEN).update(
        status=Obstacle.Status.RESOLVED, resolution=resolution.strip(), resolved_by=actor,
        resolved_at=now or timezone.now(),
    )  # fmt: skip
    if not updated:
        raise ValidationError(_("This obstacle is already resolved."), code=CONFLICT)
    obstacle.refresh_from_db()
    audit_record(obstacle, actor=actor, event="resolved", resolution=resolution)
    return obstacle


def obstacles_escalate(*, now=None) -> int:
    """Raise unresolved obstacles past their date to the governorate, and a week later to the governor.

    Idempotent: each step is a conditional UPDATE of rows still below the level.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    steps = [
        (EscalationLevel.GOVERNORATE, today),
        (EscalationLevel.GOVERNOR, today - GOVERNOR_ESCALATION_AFTER),
    ]
    escalated = 0
    for level, due_before in steps:
        escalated += _escalate_to(level, Obstacle.objects.past_needed(due_before), now)
    return escalated


@transaction.atomic
def _escalate_to(level: int, candidates, now) -> int:
    ids = list(candidates.filter(escalation_level__lt=level).values_list("pk", flat=True)[:1000])
    rows = Obstacle.objects.filter(pk__in=ids, escalation_level__lt=level, status=Obstacle.Status.OPEN)
    ids = list(rows.select_for_update().values_list("pk", flat=True))
    Obstacle.objects.filter(pk__in=ids).update(escalation_level=level, escalated_at=now)
    for obstacle in Obstacle.objects.filter(pk__in=ids):
        audit_record(obstacle, actor=None, event="escalated", level=level)
    return len(ids)
