"""The notification outbox: messages are written with the change they report and sent after commit.

E-mail goes through Django's e-mail backend; SMS through `settings.SMS_BACKEND` (console in the
embedded mode). A message whose queueing or sending failed stays pending and is retried by
`retry_pending_notifications` on the beat schedule.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from complaints.models import Complaint, Notification
from portal.models import StaffProfile

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
STUCK_AFTER = timedelta(minutes=10)


def notify_citizen(complaint: Complaint, message: str):
    """An SMS to the citizen's phone, and an e-mail when they gave one."""
    subject = _("Your complaint %(code)s") % {"code": complaint.tracking_code}
    if complaint.phone:  # complaints raised by staff on an inspection have no citizen's phone
        _queue(complaint, Notification.Channel.SMS, complaint.phone, subject, message)
    if complaint.email:
        _queue(complaint, Notification.Channel.EMAIL, complaint.email, subject, message)


def notify_staff(complaint: Complaint, *, roles: list[str], message: str):
    """An e-mail to the staff of the complaint's governorate who hold one of these roles."""
    emails = (
        StaffProfile.objects.filter(
            governorate=complaint.governorate_id, role__in=roles, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    subject = _("Overdue complaint %(code)s") % {"code": complaint.tracking_code}
    for email in emails:
        _queue(complaint, Notification.Channel.EMAIL, email, subject, message)


def _queue(complaint, channel, recipient, subject, body):
    notification = Notification.objects.create(
        complaint=complaint, channel=channel, recipient=recipient, subject=subject[:200], body=body
    )
    # robust: a broker that is down must not fail the citizen's request; the row stays pending.
    transaction.on_commit(lambda: _enqueue(notification.pk), robust=True)


def _enqueue(notification_id: int):
    from complaints.tasks import send_notification

    send_notification.delay(notification_id)


def _waiting(now) -> Q:
    """Pending messages, and messages whose sender died mid-send (claimed long ago)."""
    return Q(attempts__lt=MAX_ATTEMPTS) & (
        Q(state=Notification.State.PENDING)
        | Q(state=Notification.State.SENDING, claimed_at__lt=now - STUCK_AFTER)
    )


def notification_send(notification_id: int) -> bool:
    """Send one waiting message; a second call for a sent one does nothing. True when sent."""
    now = timezone.now()
    claimed = Notification.objects.filter(_waiting(now), pk=notification_id).update(
        state=Notification.State.SENDING, attempts=F("attempts") + 1, claimed_at=now
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("complaint").get(pk=notification_id)
    try:
        _deliver(notification)
    except OSError as error:  # gateways and SMTP fail with socket errors: worth another try
        retry = notification.attempts < MAX_ATTEMPTS
        _give_back(notification, Notification.State.PENDING if retry else Notification.State.FAILED, error)
        return False
    except Exception as error:
        logger.exception("notification %s cannot be sent", notification_id)
        _give_back(notification, Notification.State.FAILED, error)
        return False
    notification.state, notification.sent_at = Notification.State.SENT, timezone.now()
    notification.save(update_fields=["state", "sent_at"])
    return True


def _give_back(notification: Notification, state: str, error: Exception):
    notification.state, notification.last_error = state, str(error)[:500]
    notification.save(update_fields=["state", "last_error"])
    logger.warning("notification %s not sent (%s): %s", notification.pk, state, error)


def _deliver(notification: Notification):
    with translation.override(notification.complaint.language):
        if notification.channel == Notification.Channel.EMAIL:
            send_mail(notification.subject, notification.body, None, [notification.recipient])
        else:
            sms_backend().send(notification.recipient, notification.body)


def pending_notification_ids(limit: int = 500) -> list[int]:
    waiting = Notification.objects.filter(_waiting(timezone.now())).order_by("created_at")
    return list(waiting.values_list("pk", flat=True)[:limit])


def sms_backend():
    return import_string(settings.SMS_BACKEND)()
