"""Every state change of a complaint: one call, one transaction, a timeline line and an audit record.

Follow-up work (notifications) is written to the outbox in the same transaction and queued only
after commit, so nothing a citizen submitted or was promised is lost when Redis or the worker is down.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.models import (
    OPEN_STATUSES,
    Attachment,
    Category,
    Channel,
    Complaint,
    ComplaintEvent,
    EscalationLevel,
    Hearing,
    RejectionReason,
    Status,
)
from complaints.notifications import notify_citizen, notify_staff
from portal.models import District, Governorate
from portal.scoping import Scope
from portal.text import clean_text, normalize_arabic

# action: (the statuses it may start from, the status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "accept": (frozenset({Status.NEW}), Status.ACCEPTED),
    "start": (frozenset({Status.ACCEPTED}), Status.IN_PROGRESS),
    "resolve": (frozenset({Status.IN_PROGRESS}), Status.RESOLVED),
    "close": (frozenset({Status.RESOLVED}), Status.CLOSED),
    "reject": (frozenset({Status.NEW, Status.ACCEPTED}), Status.REJECTED),
    "reopen": (frozenset({Status.RESOLVED, Status.CLOSED}), Status.IN_PROGRESS),
}
TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U to misread
CITIZEN_WINDOW = timedelta(days=7)  # to reopen an answer, and before a silent one is closed


class TransitionNotAllowed(Exception):
    """The complaint is not in a status the action may start from (or someone else acted first)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Photo:
    content: bytes
    content_type: str


def complaint_submit(
    *,
    category: Category,
    district: District,
    description: str,
    name: str,
    phone: str,
    email: str = "",
    national_id: str = "",
    latitude=None,
    longitude=None,
    address: str = "",
    channel: str = Channel.WEB,
    hearing: Hearing | None = None,
    photos: list[Photo] = (),
    actor=None,
    now: datetime | None = None,
) -> Complaint:
    """File a complaint: it gets a tracking code and the time its answer is due (filed + SLA)."""
    now = now or timezone.now()
    with transaction.atomic():
        complaint = _create_with_unique_code(
            governorate=district.governorate,
            district=district,
            category=category,
            description=clean_text(description),
            name=clean_text(name),
            phone=phone,
            email=email,
            national_id=national_id,
            latitude=latitude,
            longitude=longitude,
            address=clean_text(address),
            channel=channel,
            hearing=hearing,
            language=(translation.get_language() or "ar")[:2],
            search_text=normalize_arabic(f"{description} {address} {name}"),
            created_at=now,
            due_at=now + category.sla,
        )
        for photo in photos:
            attachment = Attachment(
                complaint=complaint, content_type=photo.content_type, size=len(photo.content)
            )
            attachment.file.save("photo", ContentFile(photo.content), save=True)
        _record(complaint, ComplaintEvent.Kind.FILED, actor, to_status=Status.NEW, public=True)
        notify_citizen(complaint, _citizen_filed_message(complaint))
    return complaint


def _create_with_unique_code(**fields) -> Complaint:
    prefix = fields["governorate"].code.replace("-", "")
    for _attempt in range(5):
        code = f"{prefix}-{_random_block()}-{_random_block()}"
        try:
            with transaction.atomic():  # a savepoint, so a collision can be retried
                return Complaint.objects.create(tracking_code=code, **fields)
        except IntegrityError:
            if not Complaint.objects.filter(tracking_code=code).exists():
                raise
    raise RuntimeError("could not find a free tracking code")


def _random_block() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(4))


def _citizen_filed_message(complaint: Complaint) -> str:
    return _(
        "Your complaint %(code)s was received. We will answer by %(due)s. Follow it with this code "
        "and your phone number."
    ) % {
        "code": complaint.tracking_code,
        "due": timezone.localtime(complaint.due_at).strftime("%Y-%m-%d %H:%M"),
    }


def complaint_transition(
    *,
    complaint: Complaint,
    action: str,
    actor=None,
    note: str = "",
    reason: str = "",
    duplicate_of: Complaint | None = None,
    now: datetime | None = None,
    reopen_after: datetime | None = None,
) -> Complaint:
    """Move a complaint along its life: accept, start, resolve, close, reject or reopen.

    The row is locked and its status checked inside the transaction, so of two people acting at
    once only one succeeds; the other gets TransitionNotAllowed. `reopen_after` limits a reopen to
    answers given since then (the citizen's seven days).
    """
    now = now or timezone.now()
    if action not in TRANSITIONS:
        raise TransitionNotAllowed(_("“%(action)s” is not a known action.") % {"action": action})
    from_statuses, to_status = TRANSITIONS[action]
    note = clean_text(note)
    changes = _transition_changes(complaint, action, note, reason, duplicate_of, now)
    with transaction.atomic():
        current = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if current.status not in from_statuses:
            raise TransitionNotAllowed(
                _("This complaint is %(status)s; it cannot be %(action)s now.")
                % {"status": current.get_status_display(), "action": ACTION_LABELS[action]}
            )
        if reopen_after and (current.resolved_at is None or current.resolved_at < reopen_after):
            raise TransitionNotAllowed(_("A complaint can be reopened only within 7 days of its answer."))
        Complaint.objects.filter(pk=complaint.pk).update(status=to_status, updated_at=now, **changes)
        complaint.refresh_from_db()
        _record(
            complaint, ComplaintEvent.Kind.TRANSITION, actor, current.status, to_status, note, public=True
        )
        notify_citizen(complaint, _citizen_status_message(complaint, note))
    return complaint


ACTION_LABELS = {
    "accept": gettext_lazy("accepted"),
    "start": gettext_lazy("started"),
    "resolve": gettext_lazy("resolved"),
    "close": gettext_lazy("closed"),
    "reject": gettext_lazy("rejected"),
    "reopen": gettext_lazy("reopened"),
}


def _transition_changes(complaint, action, note, reason, duplicate_of, now) -> dict:
    if action == "accept":
        return {"accepted_at": now}
    if action == "resolve":
        if not note:
            raise ValidationError({"note": _("Write the answer the citizen will read.")})
        return {"resolved_at": now, "answer": note}
    if action == "close":
        return {"closed_at": now}
    if action == "reject":
        return _rejection_changes(complaint, reason, duplicate_of)
    if action == "reopen":
        return {"resolved_at": None, "closed_at": None, "satisfaction": None, "satisfaction_comment": ""}
    return {}


def _rejection_changes(complaint, reason, duplicate_of) -> dict:
    if reason not in RejectionReason.values:
        raise ValidationError({"reason": _("Choose why the complaint is rejected.")})
    if reason != RejectionReason.DUPLICATE:
        return {"rejection_reason": reason, "duplicate_of": None}
    if duplicate_of is None or duplicate_of.pk == complaint.pk:
        raise ValidationError({"duplicate_of": _("Give the tracking code of the original complaint.")})
    return {"rejection_reason": reason, "duplicate_of": duplicate_of}


def _citizen_status_message(complaint: Complaint, note: str) -> str:
    message = _("Your complaint %(code)s is now: %(status)s.") % {
        "code": complaint.tracking_code,
        "status": complaint.get_status_display(),
    }
    return f"{message} {note}".strip()


def complaint_add_note(*, complaint: Complaint, actor, message: str, public: bool) -> ComplaintEvent:
    """An internal note for colleagues, or a public update the citizen is told about."""
    message = clean_text(message)
    if not message:
        raise ValidationError({"message": _("Write the note.")})
    with transaction.atomic():
        kind = ComplaintEvent.Kind.UPDATE if public else ComplaintEvent.Kind.NOTE
        event = _record(complaint, kind, actor, message=message, public=public)
        Complaint.objects.filter(pk=complaint.pk).update(updated_at=timezone.now())
        if public:
            notify_citizen(complaint, f"{complaint.tracking_code}: {message}")
    return event


def complaint_rate(*, complaint: Complaint, rating: int, comment: str = "", now=None) -> Complaint:
    """The citizen rates the answer once (1 to 5); rating a resolved complaint confirms and closes it."""
    now = now or timezone.now()
    if rating not in range(1, 6):
        raise ValidationError({"rating": _("A rating is from 1 to 5.")})
    with transaction.atomic():
        rated = Complaint.objects.filter(
            pk=complaint.pk, status__in=[Status.RESOLVED, Status.CLOSED], satisfaction__isnull=True
        ).update(satisfaction=rating, satisfaction_comment=clean_text(comment)[:1000], updated_at=now)
        if not rated:
            raise TransitionNotAllowed(_("Only an answered complaint can be rated, and only once."))
        _record(complaint, ComplaintEvent.Kind.RATED, None, message=f"{rating}/5", public=True)
        complaint.refresh_from_db()
        if complaint.status == Status.RESOLVED:
            complaint = complaint_transition(
                complaint=complaint, action="close", note=_("Closed: the citizen rated the answer."), now=now
            )
    return complaint


def complaint_reopen_by_citizen(*, complaint: Complaint, reason: str, now=None) -> Complaint:
    """The answer did not solve the problem: the citizen may reopen within seven days of it."""
    now = now or timezone.now()
    if not clean_text(reason):
        raise ValidationError({"reason": _("Tell us why the answer did not solve the problem.")})
    return complaint_transition(
        complaint=complaint, action="reopen", note=reason, now=now, reopen_after=now - CITIZEN_WINDOW
    )


def complaint_move(*, complaint: Complaint, district: District, actor, note: str = "") -> Complaint:
    """Send a complaint to the district it belongs to (within the actor's scope).

    The citizen is told where it went; the reason stays an internal note.
    """
    if not District.objects.for_user(actor).filter(pk=district.pk).exists():
        raise ValidationError({"district": _("You can only move a complaint to a district in your scope.")})
    with transaction.atomic():
        previous = complaint.district
        moved = (
            Complaint.objects.filter(pk=complaint.pk, district_id=previous.pk)
            .exclude(district_id=district.pk)
            .update(district=district, governorate=district.governorate, updated_at=timezone.now())
        )
        if not moved:
            raise ValidationError({"district": _("The complaint is already in this district.")})
        complaint.refresh_from_db()
        message = _("Moved from %(old)s to %(new)s.") % {"old": previous.name_ar, "new": district.name_ar}
        _record(complaint, ComplaintEvent.Kind.MOVED, actor, message=message, public=True)
        if clean_text(note):
            _record(complaint, ComplaintEvent.Kind.NOTE, actor, message=clean_text(note))
    return complaint


def complaints_assign(*, complaints, assignee, actor) -> int:
    """Assign complaints to a staff member whose scope holds each of them."""
    complaints = list(complaints)
    allowed = set(
        Complaint.objects.for_user(assignee)
        .filter(pk__in=[c.pk for c in complaints])
        .values_list("pk", flat=True)
    )
    if Scope.of(assignee).is_empty or len(allowed) != len(complaints):
        raise ValidationError({"assignee": _("This person cannot work on all the chosen complaints.")})
    with transaction.atomic():
        Complaint.objects.filter(pk__in=allowed).update(assigned_to=assignee, updated_at=timezone.now())
        message = _("Assigned to %(name)s.") % {"name": assignee.get_full_name() or assignee.get_username()}
        for complaint in complaints:
            _record(complaint, ComplaintEvent.Kind.ASSIGNED, actor, message=message)
    return len(complaints)


ESCALATION_NOTICE = {
    EscalationLevel.GOVERNORATE: ["governorate_staff"],
    EscalationLevel.GOVERNOR: ["governor"],
}


def complaints_escalate_overdue(*, now: datetime | None = None, limit: int = 1000) -> int:
    """Raise overdue open complaints one level: to the governorate once past due, and to the
    governor's office once overdue by their whole SLA again. Returns how many moved up."""
    now = now or timezone.now()
    moved = 0
    overdue = Complaint.objects.filter(status__in=OPEN_STATUSES)
    steps = [
        (EscalationLevel.GOVERNORATE, overdue.filter(due_at__lt=now)),
        (
            EscalationLevel.GOVERNOR,
            overdue.annotate(second_deadline=F("due_at") + (F("due_at") - F("created_at"))).filter(
                second_deadline__lt=now
            ),
        ),
    ]
    for level, candidates in steps:
        for complaint in candidates.filter(escalation_level__lt=level).select_related("governorate")[:limit]:
            moved += _escalate(complaint, level, now)
    return moved


def _escalate(complaint: Complaint, level: int, now: datetime) -> int:
    with transaction.atomic():
        raised = Complaint.objects.filter(
            pk=complaint.pk, escalation_level__lt=level, status__in=OPEN_STATUSES
        ).update(escalation_level=level, escalated_at=now)
        if raised:
            label = EscalationLevel(level).label
            message = _("Overdue: escalated to %(level)s.") % {"level": label}
            _record(complaint, ComplaintEvent.Kind.ESCALATED, None, message=message)
            notify_staff(
                complaint, roles=ESCALATION_NOTICE[level], message=f"{complaint.tracking_code}: {message}"
            )
    return raised


def complaints_close_unanswered(*, now: datetime | None = None) -> int:
    """A resolved complaint the citizen has not answered for seven days is closed."""
    now = now or timezone.now()
    closed = 0
    for complaint in Complaint.objects.filter(status=Status.RESOLVED, resolved_at__lt=now - CITIZEN_WINDOW):
        try:
            complaint_transition(
                complaint=complaint, action="close", note=_("Closed: no reply in 7 days."), now=now
            )
            closed += 1
        except TransitionNotAllowed:
            continue  # someone acted on it meanwhile
    return closed


@transaction.atomic
def hearing_record(*, actor, governorate: Governorate, district: District | None, **fields) -> Hearing:
    """Record a citizen hearing in the actor's scope."""
    scope = Scope.of(actor)
    in_scope = scope.is_national or governorate.pk == scope.governorate_id
    if not in_scope or (scope.district_id and (district is None or district.pk != scope.district_id)):
        raise ValidationError(_("You can only record hearings in your scope."))
    if district is not None and district.governorate_id != governorate.pk:
        raise ValidationError({"district": _("The district is not in the governorate.")})
    return Hearing.objects.create(governorate=governorate, district=district, created_by=actor, **fields)


def _record(complaint, kind, actor, from_status="", to_status="", message="", public=False) -> ComplaintEvent:
    """The timeline line and the audit record of one change."""
    event = ComplaintEvent.objects.create(
        complaint=complaint,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        message=message,
        is_public=public,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    LogEntry.objects.log_create(
        complaint,
        action=LogEntry.Action.CREATE if kind == ComplaintEvent.Kind.FILED else LogEntry.Action.UPDATE,
        changes={"event": [from_status or None, to_status or kind], "message": [None, message[:200]]},
        actor=event.actor,
        force_log=True,
    )
    return event
