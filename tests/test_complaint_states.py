"""The complaint state machine of DESIGN.md §4: every allowed and every forbidden transition."""

import threading

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import connection

from complaints.models import Complaint, ComplaintEvent, Status
from complaints.services import TRANSITIONS, TransitionNotAllowed, complaint_transition

# The shortest walk from `new` to each status.
WALK_TO = {
    Status.NEW: [],
    Status.ACCEPTED: ["accept"],
    Status.IN_PROGRESS: ["accept", "start"],
    Status.RESOLVED: ["accept", "start", "resolve"],
    Status.CLOSED: ["accept", "start", "resolve", "close"],
    Status.REJECTED: ["reject"],
}
ALLOWED = {
    (Status.NEW, "accept"): Status.ACCEPTED,
    (Status.NEW, "reject"): Status.REJECTED,
    (Status.ACCEPTED, "start"): Status.IN_PROGRESS,
    (Status.ACCEPTED, "reject"): Status.REJECTED,
    (Status.IN_PROGRESS, "resolve"): Status.RESOLVED,
    (Status.RESOLVED, "close"): Status.CLOSED,
    (Status.RESOLVED, "reopen"): Status.IN_PROGRESS,
    (Status.CLOSED, "reopen"): Status.IN_PROGRESS,
}
ARGUMENTS = {"resolve": {"note": "أُصلحت الحفرة"}, "reject": {"reason": "outside_mandate"}}


@pytest.mark.parametrize("status", list(WALK_TO))
@pytest.mark.parametrize("action", sorted(TRANSITIONS))
def test_each_action_from_each_status(make_complaint, qena_officer, status, action):
    complaint = make_complaint(actions=WALK_TO[status], actor=qena_officer)
    events_before = complaint.events.count()

    if (status, action) in ALLOWED:
        complaint = complaint_transition(
            complaint=complaint, action=action, actor=qena_officer, **ARGUMENTS.get(action, {})
        )
        assert complaint.status == ALLOWED[(status, action)]
        event = complaint.events.last()
        assert (event.kind, event.from_status, event.to_status) == ("transition", status, complaint.status)
        assert event.actor == qena_officer and event.is_public
    else:
        with pytest.raises(TransitionNotAllowed):
            complaint_transition(
                complaint=complaint, action=action, actor=qena_officer, **ARGUMENTS.get(action, {})
            )
        complaint.refresh_from_db()
        assert complaint.status == status
        assert complaint.events.count() == events_before


def test_every_transition_writes_an_audit_record(make_complaint, qena_officer):
    complaint = make_complaint(actions=["accept", "start"], actor=qena_officer)

    entries = LogEntry.objects.get_for_object(complaint)

    assert entries.count() == 3  # filed, accepted, started
    assert entries.filter(actor=qena_officer).count() == 2


def test_resolve_needs_the_answer_and_sets_resolved_at(make_complaint):
    complaint = make_complaint(actions=["accept", "start"])

    with pytest.raises(ValidationError):
        complaint_transition(complaint=complaint, action="resolve", note="  ")
    complaint = complaint_transition(complaint=complaint, action="resolve", note="تم رصف الطريق")

    assert complaint.resolved_at is not None
    assert complaint.answer == "تم رصف الطريق"


def test_reopen_clears_resolved_at_and_the_rating(make_complaint):
    complaint = make_complaint(actions=["accept", "start", "resolve", "close"])

    complaint = complaint_transition(complaint=complaint, action="reopen", note="ما زالت الحفرة موجودة")

    assert (complaint.status, complaint.resolved_at, complaint.closed_at) == ("in_progress", None, None)


def test_reject_as_duplicate_links_the_original(make_complaint):
    original = make_complaint()
    duplicate = make_complaint()

    with pytest.raises(ValidationError):
        complaint_transition(complaint=duplicate, action="reject", reason="duplicate")
    duplicate = complaint_transition(
        complaint=duplicate, action="reject", reason="duplicate", duplicate_of=original
    )

    assert duplicate.duplicate_of == original
    assert duplicate.rejection_reason == "duplicate"


def test_unknown_action_is_refused(make_complaint):
    with pytest.raises(TransitionNotAllowed):
        complaint_transition(complaint=make_complaint(), action="teleport")


@pytest.mark.django_db(transaction=True)
def test_two_officers_accepting_at_once_cannot_both_win(make_complaint, qena_officer, qena_staff):
    if connection.vendor == "sqlite":
        pytest.skip("needs a database server that runs transactions in parallel (PostgreSQL in CI)")
    complaint = make_complaint()
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(actor):
        barrier.wait()
        try:
            complaint_transition(
                complaint=Complaint.objects.get(pk=complaint.pk), action="accept", actor=actor
            )
            outcomes.append("won")
        except TransitionNotAllowed:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(user,)) for user in (qena_officer, qena_staff)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "won"]
    assert ComplaintEvent.objects.filter(complaint=complaint, kind="transition").count() == 1
