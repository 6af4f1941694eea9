from celery import shared_task

from complaints.notifications import notification_send, pending_notification_ids
from complaints.services import complaints_close_unanswered, complaints_escalate_overdue


@shared_task(ignore_result=True)
def send_notification(notification_id: int) -> bool:
    return notification_send(notification_id)


@shared_task(ignore_result=True)
def retry_pending_notifications() -> int:
    """Queue every message still waiting (the broker or a gateway was down when it was written)."""
    ids = pending_notification_ids()
    for notification_id in ids:
        send_notification.delay(notification_id)
    return len(ids)


@shared_task(ignore_result=True)
def escalate_overdue_complaints() -> int:
    return complaints_escalate_overdue()


@shared_task(ignore_result=True)
def close_unanswered_complaints() -> int:
    return complaints_close_unanswered()
