"""Nothing is lost: with the broker down a citizen's complaint is still filed, and the follow-up
work queued for it runs once the broker is back (a real Redis, stopped and started, and a real worker)."""

import shutil
import socket
import subprocess
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connections

from complaints.models import Complaint, Notification
from complaints.sms import MemoryBackend
from complaints.tasks import retry_pending_notifications
from portal.celery import app

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed"),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Redis:
    """A private Redis this test may stop and start without touching the machine's own."""

    def __init__(self):
        self.port = _free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def _use_broker(url: str | None, eager: bool):
    app.conf.broker_url = url
    app.conf.task_always_eager = eager
    # Drop connections pooled for the previous broker.
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def private_redis(settings):
    redis = Redis()
    previous = (app.conf.broker_url, app.conf.task_always_eager)
    _use_broker(redis.url, eager=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield redis
    redis.stop()
    _use_broker(*previous)


def _close_connections(**kwargs):
    connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_filing_succeeds_with_the_broker_down_and_the_sms_goes_out_when_it_returns(
    api_client, geography, private_redis
):
    # given: the broker is down
    started = time.perf_counter()
    response = api_client.post(
        "/api/v1/complaints/",
        {
            "category": "water",
            "district": "EG2702",
            "name": "سيد فرغلي",
            "phone": "01001234567",
            "description": "انقطاع المياه عن القرية منذ يومين",
        },
        format="json",
    )
    seconds = time.perf_counter() - started

    # then: the complaint is filed and its message waits in the outbox
    assert response.status_code == 201
    complaint = Complaint.objects.get(tracking_code=response.json()["tracking_code"])
    notification = Notification.objects.get(complaint=complaint, channel="sms")
    assert notification.state == "pending"
    assert MemoryBackend.outbox == []
    assert seconds < 10, f"filing waited {seconds:.1f} s for the broker"

    # when: the broker is back, with a worker, and the beat's retry runs
    private_redis.start()
    task_postrun.connect(_close_connections)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            retry_pending_notifications.delay()
            deadline = time.monotonic() + 30
            while (
                time.monotonic() < deadline and Notification.objects.get(pk=notification.pk).state != "sent"
            ):
                time.sleep(0.1)
    finally:
        task_postrun.disconnect(_close_connections)

    # then: the message went out, once
    assert Notification.objects.get(pk=notification.pk).state == "sent"
    assert [phone for phone, _text in MemoryBackend.outbox] == ["+201001234567"]
    assert complaint.tracking_code in MemoryBackend.outbox[0][1]
