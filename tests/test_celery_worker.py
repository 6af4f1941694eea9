"""A real Celery worker, on the real broker, runs the portal's task (skipped without a broker)."""

import time
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import timezone

from initiatives.models import Initiative, Obstacle
from initiatives.services.projects import obstacle_log
from initiatives.tasks import escalate_overdue_obstacles
from portal.celery import app
from portal.summary import CACHE_KEY
from portal.tasks import refresh_geography_summary

pytestmark = pytest.mark.worker


def _close_worker_connections(**kwargs):
    # The worker thread keeps its own connection to the test database; let it go so the
    # database can be dropped at the end of the run.
    connections.close_all()


@pytest.fixture
def broker_worker():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("no broker: set CELERY_BROKER_URL=redis://… to run a real worker")
    app.conf.task_always_eager = False
    app.control.purge()  # messages other tests queued with no worker running
    task_postrun.connect(_close_worker_connections)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        task_postrun.disconnect(_close_worker_connections)
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


def _wait_for(key: str, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = cache.get(key)
        if value is not None:
            return value
        time.sleep(0.1)
    raise AssertionError(f"the worker did not write {key} within {seconds} s")


@pytest.mark.django_db(transaction=True)
def test_worker_builds_the_geography_summary_from_the_database(geography, broker_worker):
    cache.delete(CACHE_KEY)

    refresh_geography_summary.delay()

    summary = _wait_for(CACHE_KEY)
    qena = next(g for country in summary for g in country["governorates"] if g["code"] == "EG27")
    assert (qena["district_count"], qena["village_count"]) == (2, 1)
    assert sum(len(country["governorates"]) for country in summary) == 3


@pytest.mark.django_db(transaction=True)
def test_worker_escalates_obstacles_past_their_date_once(geography, broker_worker, qena_officer):
    today = timezone.localdate()
    initiative = Initiative.objects.create(
        title_ar="محطة معالجة", summary_ar="محطة", governorate=geography["qena"], sector="water_sewage",
        theme="quality_of_life", planned_start=today, planned_end=today + timedelta(days=300),
    )  # fmt: skip
    initiative.districts.set([geography["EG2702"]])
    obstacle = obstacle_log(initiative=initiative, actor=qena_officer, kind="land", description="أرض المحطة",
                            owner="أملاك الدولة", needed_by=today - timedelta(days=10))  # fmt: skip

    for _run in range(2):  # the beat may fire twice; the second run changes nothing
        escalate_overdue_obstacles.delay()
    deadline = time.monotonic() + 30
    while Obstacle.objects.get(pk=obstacle.pk).escalation_level < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)  # let the second run finish

    obstacle.refresh_from_db()
    assert obstacle.escalation_level == 2
    assert obstacle.escalated_at is not None
    escalations = [e for e in LogEntry.objects.get_for_object(obstacle) if "event" in e.changes_dict]
    assert len(escalations) == 2  # governorate, then governor; the second run added none
