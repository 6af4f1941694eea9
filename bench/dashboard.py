"""The governor's dashboard: server time for a ~20-district governorate, and its query count, which must
not grow with the number of complaints (the dashboard reads stored values only).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench1m .venv/bin/python bench/dashboard.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench10m .venv/bin/python bench/dashboard.py

Runs against a database prepared by bench/indicators.py (geography, synthetic complaints, computed
indicators). It adds one staff user, `bench.governor`, and changes nothing else.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from complaints.models import Complaint  # noqa: E402
from indicators.models import Scorecard  # noqa: E402
from portal.models import Governorate, Role, StaffProfile  # noqa: E402
from portal.services import staff_create  # noqa: E402

REQUESTS = 40


def governorate_of_about_20_districts() -> Governorate:
    governorates = Governorate.objects.annotate(size=Count("districts")).filter(size__gt=0)
    return min(governorates, key=lambda governorate: (abs(governorate.size - 20), governorate.code))


def governor_of(governorate: Governorate):
    profile = StaffProfile.objects.filter(user__username="bench.governor").select_related("user").first()
    if profile is None:
        profile = staff_create(
            username="bench.governor",
            role=Role.GOVERNOR,
            governorate=governorate,
            password="bench-governor-2026",
        )
    return profile.user


def measure(client: Client, url: str) -> tuple[list[float], int]:
    client.get(url)  # warm: templates compiled, connection open
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    return samples, len(statements)


def report(name: str, samples: list[float], queries: int):
    samples.sort()
    p90 = samples[int(len(samples) * 0.9) - 1]
    print(
        f"{name:<34} median {statistics.median(samples):7.1f} ms   p90 {p90:7.1f} ms   {queries:>3} queries"
    )


def main():
    governorate = governorate_of_about_20_districts()
    months = sorted(set(Scorecard.objects.filter(governorate=governorate).values_list("period", flat=True)))
    if not months:
        sys.exit("No scorecards: run bench/indicators.py (or manage.py compute_indicators --full) first.")
    period = months[-2] if len(months) > 1 else months[-1]  # the last complete month, the default
    client = Client()
    client.force_login(governor_of(governorate))
    month = f"{period:%Y-%m}"
    print(
        f"{connection.vendor}: {Complaint.objects.count():,} complaints; {governorate.code} "
        f"({governorate.districts.count()} districts, {governorate.complaints.count():,} complaints), {month}"
    )
    report("governorate dashboard (Arabic)", *measure(client, f"/ar/dashboard/?period={month}"))
    district = governorate.districts.order_by("code").first()
    report("district page", *measure(client, f"/ar/dashboard/districts/{district.code}/?period={month}"))
    report("indicator values API (month)", *measure(client, f"/api/v1/indicator-values/?period={month}"))


if __name__ == "__main__":
    main()
