"""A full recomputation fans out as one task per governorate on a real Celery worker (skipped without a
broker), and two runs at once write each value once."""

import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from complaints.models import Category, Complaint, Status
from indicators.defaults import default_indicators_ensure
from indicators.models import ComputationRun, Indicator, IndicatorValue, Target
from indicators.services import full_run_start
from portal.models import Governorate
from tests.test_celery_worker import broker_worker  # noqa: F401

pytestmark = pytest.mark.worker


def _complaints(geography):
    now = timezone.now()
    roads = Category.objects.get(code="roads")
    for number, district in enumerate(["EG2702", "EG2708", "EG2802", "00301"] * 3):
        filed = now - timedelta(days=40 + number)
        Complaint.objects.create(
            tracking_code=f"WRK-{number:04d}",
            governorate=geography[district].governorate,
            district=geography[district],
            category=roads,
            description="حفرة",
            name="مواطن",
            phone="+201000000000",
            created_at=filed,
            due_at=filed + timedelta(days=7),
            resolved_at=filed + timedelta(days=2),
            status=Status.RESOLVED,
        )


def _wait_until_finished(run_ids, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not ComputationRun.objects.filter(pk__in=run_ids, finished_at__isnull=True).exists():
            return
        time.sleep(0.2)
    raise AssertionError(f"runs {run_ids} did not finish within {seconds} s")


@pytest.mark.django_db(transaction=True)
def test_worker_computes_every_governorate_of_a_full_run(geography, broker_worker):  # noqa: F811
    default_indicators_ensure(Indicator, Target)
    _complaints(geography)

    with transaction.atomic():  # queued after commit, as from the dashboard
        run = full_run_start()
    _wait_until_finished([run.pk])

    run.refresh_from_db()
    assert run.parts_total == Governorate.objects.count() == 3
    assert run.parts_done == 3
    received = IndicatorValue.objects.filter(indicator__code="complaints_received", value__gt=0)
    assert received.values("district").distinct().count() == 4
    assert sum(received.values_list("value", flat=True)) == 12


@pytest.mark.django_db(transaction=True)
def test_two_full_runs_at_once_write_each_value_once(geography, broker_worker):  # noqa: F811
    default_indicators_ensure(Indicator, Target)
    _complaints(geography)

    with transaction.atomic():
        first, second = full_run_start(), full_run_start()
    _wait_until_finished([first.pk, second.pk])

    keys = list(IndicatorValue.objects.values_list("indicator_id", "district_id", "period"))
    assert len(keys) == len(set(keys))
    resolved = IndicatorValue.objects.filter(indicator__code="complaints_resolved")
    assert sum(resolved.values_list("value", flat=True)) == 12
