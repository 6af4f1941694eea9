"""What happens after filing: escalation of overdue complaints, closing silent answers, notifications."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from complaints.models import Complaint, ComplaintEvent, Notification
from complaints.notifications import notification_send
from complaints.services import complaints_close_unanswered, complaints_escalate_overdue
from complaints.sms import MemoryBackend


def _age(complaint, *, filed_days_ago: float, sla_hours: int):
    created = timezone.now() - timedelta(days=filed_days_ago)
    Complaint.objects.filter(pk=complaint.pk).update(
        created_at=created, due_at=created + timedelta(hours=sla_hours)
    )


@pytest.fixture
def qena_staff_with_email(qena_staff, qena_governor):
    for user, email in ((qena_staff, "staff@qena.gov.eg"), (qena_governor, "governor@qena.gov.eg")):
        user.email = email
        user.save()


def test_overdue_complaints_escalate_level_by_level_and_the_right_people_are_told(
    make_complaint, qena_staff_with_email
):
    on_time = make_complaint()
    late = make_complaint()
    very_late = make_complaint()
    _age(late, filed_days_ago=9, sla_hours=168)  # due 2 days ago, SLA 7 days
    _age(very_late, filed_days_ago=20, sla_hours=168)  # overdue by more than its SLA again

    assert complaints_escalate_overdue() == 3  # late → 1; very late → 1 → 2
    assert complaints_escalate_overdue() == 0  # a second run changes nothing

    levels = dict(Complaint.objects.values_list("pk", "escalation_level"))
    assert (levels[on_time.pk], levels[late.pk], levels[very_late.pk]) == (0, 1, 2)
    emails = Notification.objects.filter(channel="email").values_list("complaint_id", "recipient")
    assert set(emails) == {
        (late.pk, "staff@qena.gov.eg"),
        (very_late.pk, "staff@qena.gov.eg"),
        (very_late.pk, "governor@qena.gov.eg"),
    }
    assert ComplaintEvent.objects.filter(kind="escalated", is_public=False).count() == 3


def test_resolved_complaints_close_after_seven_silent_days(make_complaint):
    silent = make_complaint(actions=["accept", "start", "resolve"])
    fresh = make_complaint(actions=["accept", "start", "resolve"])
    Complaint.objects.filter(pk=silent.pk).update(resolved_at=timezone.now() - timedelta(days=8))

    assert complaints_close_unanswered() == 1

    assert Complaint.objects.get(pk=silent.pk).status == "closed"
    assert Complaint.objects.get(pk=fresh.pk).status == "resolved"


def test_the_citizen_is_told_of_every_public_change_in_their_language(make_complaint, qena_officer):
    complaint = make_complaint(
        actions=["accept", "start", "resolve"], actor=qena_officer, email="c@example.com"
    )

    for notification in Notification.objects.filter(complaint=complaint):
        notification_send(notification.pk)

    assert len(MemoryBackend.outbox) == 4  # filed, accepted, started, resolved
    assert len(mail.outbox) == 4
    assert all(phone == "+201001234567" for phone, _text in MemoryBackend.outbox)
    assert "تم الإصلاح" in MemoryBackend.outbox[-1][1]


def test_a_sent_notification_is_not_sent_twice(make_complaint):
    complaint = make_complaint()
    notification = Notification.objects.get(complaint=complaint)

    assert notification_send(notification.pk) is True
    assert notification_send(notification.pk) is False
    assert len(MemoryBackend.outbox) == 1


def test_a_failing_gateway_leaves_the_message_pending_for_a_retry(make_complaint, monkeypatch):
    complaint = make_complaint()
    notification = Notification.objects.get(complaint=complaint)

    def refuse(self, phone, text):
        raise ConnectionRefusedError("gateway down")

    monkeypatch.setattr(MemoryBackend, "send", refuse)
    assert notification_send(notification.pk) is False

    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == ("pending", 1)
    assert "gateway down" in notification.last_error
