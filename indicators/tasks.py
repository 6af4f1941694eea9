from celery import shared_task

from indicators import services


@shared_task(ignore_result=True, acks_late=True)
def compute_governorate(run_id: int, governorate_id: int) -> int:
    """One governorate of a full run (the run fans out as one of these per governorate)."""
    return services.run_governorate(run_id=run_id, governorate_id=governorate_id)


@shared_task(ignore_result=True)
def recompute_changes() -> int | None:
    """On the beat every few minutes: only what changed since the last run."""
    run = services.changes_run()
    return run.values_written if run else None


@shared_task(ignore_result=True)
def recompute_all() -> int:
    """On the beat nightly: everything, as a safety net under the incremental runs."""
    return services.full_run_start().pk


@shared_task(ignore_result=True)
def remind_missing_entries() -> int:
    return services.missing_entries_remind()
