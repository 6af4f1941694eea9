"""State assets: the public map and the governorate's figures over a national inventory, and importing a
sheet of 2,000 rows (read and checked for the preview, then saved).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_inv .venv/bin/python bench/investments.py

Builds the inventory first when the database has fewer assets than asked (every Egyptian district gets
its share, at its governorate's centre, half of them published). Prints each measure's median and p90
over repeated requests in process (Django's test client, no network), its queries, and the ratios."""

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from investments.imports import (  # noqa: E402
    COLUMNS,
    Known,
    import_preview,
    import_save,
    read_sheet,
    row_errors,
    row_form,
)
from investments.models import Asset, PermittedUse  # noqa: E402
from portal.models import District, Governorate, Role  # noqa: E402
from portal.services import staff_create  # noqa: E402

SHEET_ROWS = 2000
CHECKED_ROWS = 300


def prepare(count: int):
    call_command("migrate", verbosity=0)
    if not Governorate.objects.exists():
        call_command("load_geography", settings.GEO_DATA_DIR, verbosity=0)
    missing = count - Asset.objects.count()
    if missing <= 0:
        return
    rng = random.Random(2026)
    districts = list(District.objects.filter(governorate__country__code="EG").select_related("governorate"))
    uses = list(PermittedUse.objects.all())
    assets = []
    for n in range(missing):
        district = districts[n % len(districts)]
        governorate = district.governorate
        assets.append(Asset(
            title_ar=f"أصل رقم {n}", kind=rng.choice(Asset.Kind.values), governorate=governorate,
            district=district,
            latitude=governorate.latitude + Decimal(rng.uniform(-0.05, 0.05)).quantize(Decimal("0.000001")),
            longitude=governorate.longitude + Decimal(rng.uniform(-0.05, 0.05)).quantize(Decimal("0.000001")),
            area_m2=Decimal(rng.randint(200, 400_000)), owner_body="أملاك الدولة",
            current_use=rng.choice(Asset.Use.values), legal_status=rng.choice(Asset.LegalStatus.values),
            status=rng.choice([Asset.Status.APPROVED, Asset.Status.APPROVED, Asset.Status.RECORDED,
                               Asset.Status.VERIFIED]), search_text=f"اصل رقم {n}",
        ))  # fmt: skip
    created = Asset.objects.bulk_create(assets, batch_size=5000)
    through = Asset.permitted_uses.through
    links = [through(asset_id=asset.pk, permitteduse_id=rng.choice(uses).pk) for asset in created]
    through.objects.bulk_create(links, batch_size=5000)
    print(f"prepared {missing} assets", flush=True)


def measure(client, url: str, repeat: int) -> dict:
    timings, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    timings.sort()
    return {"median": statistics.median(timings), "p90": timings[int(0.9 * (len(timings) - 1))],
            "queries": queries, "bytes": len(response.content)}  # fmt: skip


def sheet(rows: int) -> SimpleUploadedFile:
    qena = District.objects.filter(governorate__code="EG27").order_by("code")
    codes = [district.code for district in qena]
    header = [labels[0] for labels in COLUMNS.values()]
    fields = list(COLUMNS)
    lines = [",".join(header)]
    for n in range(rows):
        values = dict.fromkeys(fields, "") | {
            "title_ar": f"أرض مستوردة {n}", "kind": "أرض", "district": codes[n % len(codes)],
            "latitude": "26.19", "longitude": "32.78", "area_m2": str(1000 + n), "owner_body": "أملاك الدولة",
            "current_use": "غير مستغل", "legal_status": "سليم", "has_water": "نعم", "permitted_uses": "صناعي",
        }  # fmt: skip
        lines.append(",".join(values[field] for field in fields))
    return SimpleUploadedFile("inventory.csv", "\n".join(lines).encode("utf-8-sig"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--assets", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    prepare(args.assets)
    staff = staff_create(
        username="bench.qena.staff",
        role=Role.GOVERNORATE_STAFF,
        governorate=Governorate.objects.get(code="EG27"),
    ).user
    public, signed_in = Client(), Client()
    signed_in.force_login(staff)
    published = Asset.objects.published().count()
    print(f"{Asset.objects.count()} assets, {published} published; {connection.vendor}")
    rows = {
        "public map, everything": measure(public, "/ar/investments/", args.repeat),
        "public map, one governorate": measure(public, "/ar/investments/?governorate=EG27", args.repeat),
        "map.json, everything": measure(public, "/ar/investments/map.json", args.repeat),
        "figures, Qena": measure(signed_in, "/ar/investments/figures/", args.repeat),
        "inventory list, Qena": measure(signed_in, "/ar/investments/manage/", args.repeat),
    }
    print(f"{'page':32} {'median':>9} {'p90':>9} {'queries':>8} {'kB':>7}")
    for name, row in rows.items():
        print(f"{name:32} {row['median'] * 1000:8.1f}ms {row['p90'] * 1000:8.1f}ms {row['queries']:8} "
              f"{row['bytes'] / 1024:7.0f}")  # fmt: skip
    base = rows["public map, one governorate"]["median"]
    print(f"ratio everything / one governorate: {rows['public map, everything']['median'] / base:.2f}")

    # Side by side: checking rows with what the sheet names read once (as the import does), or once a row.
    rows_ = read_sheet(sheet(CHECKED_ROWS))
    known = Known(staff, rows_)
    started = time.perf_counter()
    for row in rows_:
        row_errors(row_form(row, staff, known))
    shared = time.perf_counter() - started
    started = time.perf_counter()
    for row in rows_:
        row_errors(row_form(row, staff, Known(staff, [row])))
    per_row = time.perf_counter() - started
    once, each = shared * 1000 / CHECKED_ROWS, per_row * 1000 / CHECKED_ROWS
    print(f"checking {CHECKED_ROWS} rows: {once:.2f} ms a row with the sheet's places read once, "
          f"{each:.2f} ms with them read for every row ({per_row / shared:.1f}x)")  # fmt: skip

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        batch = import_preview(sheet(SHEET_ROWS), staff)
        read = time.perf_counter() - started
    preview_queries = len(captured)
    assert not any(row["errors"] for row in batch.rows), batch.rows[0]
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        saved = import_save(batch, staff)
        save = time.perf_counter() - started
    print(f"import of {SHEET_ROWS} rows: preview {read:.1f} s ({preview_queries} queries, "
          f"{read / SHEET_ROWS * 1000:.1f} ms a row), save {save:.1f} s ({len(captured)} queries, "
          f"{save / SHEET_ROWS * 1000:.1f} ms a row)")  # fmt: skip
    Asset.objects.filter(pk__in=[asset.pk for asset in saved]).delete()


if __name__ == "__main__":
    main()
