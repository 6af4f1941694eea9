"""Geography benchmarks: loading the official files, and the home page's summary with and without cache.

    .venv/bin/python bench/geography.py            # embedded SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python bench/geography.py

Runs in a throwaway test database and prints each figure and the ratios, side by side in one run.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from portal.services import geography_load  # noqa: E402
from portal.summary import geography_summary, geography_summary_build, geography_summary_refresh  # noqa: E402


def timed(function, repeat: int = 1) -> float:
    """Median wall time in seconds over `repeat` runs."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main():
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        first = timed(lambda: geography_load(directory=settings.GEO_DATA_DIR))
        again = timed(lambda: geography_load(directory=settings.GEO_DATA_DIR), repeat=3)
        build = timed(geography_summary_build, repeat=20)
        geography_summary_refresh()
        cached = timed(geography_summary, repeat=200)
    finally:
        teardown_databases(databases, verbosity=0)
    print(f"database: {connection.vendor}; cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}")
    print(f"load_geography, empty database:   {first * 1000:8.1f} ms (6,259 rows)")
    print(f"load_geography, nothing changed:  {again * 1000:8.1f} ms  ratio {again / first:.2f}")
    print(f"home summary built from database: {build * 1000:8.2f} ms")
    print(f"home summary read from cache:     {cached * 1000:8.3f} ms  ratio {build / cached:.0f}x faster")


if __name__ == "__main__":
    main()
