from celery import shared_task

from investments.imports import previews_forget


@shared_task(ignore_result=True)
def forget_old_previews() -> int:
    """Idempotent: sheets previewed and never confirmed are dropped after a week."""
    return previews_forget()
