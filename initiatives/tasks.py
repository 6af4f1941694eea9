from celery import shared_task

from initiatives.services.projects import obstacles_escalate


@shared_task(ignore_result=True)
def escalate_overdue_obstacles() -> int:
    """Idempotent: a re-run finds nothing left below its level."""
    return obstacles_escalate()
