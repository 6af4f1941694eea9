"""/health/: is the database answering, the cache working, the broker reachable."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from kombu import Connection

OK, FAILING = "ok", "failing"


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return OK


def check_cache() -> str:
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    stored = cache.get(key)
    cache.delete(key)
    return OK if stored == value else FAILING


def check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"  # embedded mode: tasks run in the web process
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as broker:
        broker.ensure_connection(max_retries=1, timeout=2)
    return OK


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def _run(check) -> str:
    try:
        return check()
    # A health probe reports any failure of a dependency rather than raising it.
    except Exception:
        return FAILING


@never_cache
def health(request):
    results = {name: _run(check) for name, check in CHECKS.items()}
    healthy = FAILING not in results.values()
    return JsonResponse(
        {"status": OK if healthy else FAILING, "checks": results}, status=200 if healthy else 503
    )
