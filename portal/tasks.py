from celery import shared_task

from portal.summary import geography_summary_refresh


@shared_task
def refresh_geography_summary() -> int:
    """Rebuild the cached geography summary; returns the number of governorates counted."""
    summary = geography_summary_refresh()
    return sum(len(country["governorates"]) for country in summary)
