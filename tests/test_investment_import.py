"""Importing an inventory sheet: every row checked and shown with its errors, nothing saved until the
importer confirms, then all rows or none."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from investments.imports import COLUMNS
from investments.models import Asset, AssetImport
from tests.conftest import client_for

SHEET_FIELDS = [
    "title_ar", "kind", "district", "village", "latitude", "longitude", "area_m2", "owner_body",
    "current_use", "legal_status", "has_water", "has_electricity", "permitted_uses", "estimated_value",
]  # fmt: skip
ARABIC_HEADER = [COLUMNS[field][0] for field in SHEET_FIELDS]
GOOD_ROWS = [
    ["أرض فضاء بالظهير الصحراوي", "أرض", "EG2702", "EG270201", "٢٦٫١٩", "32.78", "85,000", "أملاك الدولة",
     "غير مستغل", "سليم", "نعم", "لا", "صناعي، تخزين ولوجستيات", "42,500,000"],
    ["سوق الجملة بنجع حمادي", "market", "EG2708", "", "26.055", "32.25", "6500", "مجلس المدينة", "partly",
     "registration", "yes", "yes", "commercial", ""],
]  # fmt: skip


def xlsx_sheet(rows, header=ARABIC_HEADER, name="inventory.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in [header, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_sheet(rows, header=ARABIC_HEADER, encoding="utf-8-sig", name="inventory.csv") -> SimpleUploadedFile:
    lines = [",".join(f'"{cell}"' for cell in row) for row in [header, *rows]]
    # Arabic Windows has no "²": Excel writes "?" in its place.
    return SimpleUploadedFile(name, "\n".join(lines).encode(encoding, errors="replace"))


def _import(client, sheet):
    return client.post("/ar/investments/manage/import/", {"sheet": sheet})


def test_a_good_sheet_is_previewed_then_saved_on_confirmation(client, geography, qena_staff):
    client_for(client, qena_staff)
    response = _import(client, xlsx_sheet(GOOD_ROWS))
    assert response.status_code == 302
    batch = AssetImport.objects.get()
    assert not Asset.objects.exists()  # nothing saved before confirmation
    preview = client.get(response.url)
    assert preview.status_code == 200 and not preview.context["has_errors"]
    assert "أرض فضاء بالظهير الصحراوي" in preview.content.decode()
    assert client.post(f"/ar/investments/manage/import/{batch.pk}/confirm/").status_code == 302
    first, second = Asset.objects.order_by("area_m2").reverse()
    assert (first.kind, first.area_m2, first.village.code, first.estimated_value) == (
        "land", 85000, "EG270201", 42500000)  # fmt: skip
    assert (first.has_water, first.has_electricity, first.status, first.recorded_by) == (
        True, False, "recorded", qena_staff)  # fmt: skip
    assert sorted(first.permitted_uses.values_list("code", flat=True)) == ["industrial", "logistics"]
    assert (second.current_use, second.legal_status, second.currency) == ("partly", "registration", "EGP")
    # Confirming again (a second click, another tab) saves nothing more.
    again = client.post(f"/ar/investments/manage/import/{batch.pk}/confirm/")
    assert again.status_code == 409 and Asset.objects.count() == 2


def _row(**changes) -> list[str]:
    """A row of the Arabic sheet: an unused plot in Markaz Qena, with `changes` by field."""
    fields = [
        "title_ar",
        "kind",
        "district",
        "village",
        "latitude",
        "longitude",
        "area_m2",
        "owner_body",
        "current_use",
        "legal_status",
        "has_water",
        "has_electricity",
        "permitted_uses",
        "estimated_value",
    ]
    values = dict.fromkeys(fields, "") | {
        "title_ar": "أرض",
        "kind": "أرض",
        "district": "EG2702",
        "latitude": "26.19",
        "longitude": "32.78",
        "area_m2": "50",
        "owner_body": "أملاك",
        "current_use": "غير مستغل",
        "legal_status": "سليم",
    }
    return [(values | changes)[field] for field in SHEET_FIELDS]


BAD_ROWS = [
    (_row(area_m2="-50"), "المساحة"),
    (_row(latitude="24.12", longitude="32.905"), "خط العرض"),  # Aswan's city, for Markaz Qena
    (_row(kind="قلعة"), "النوع"),
    (_row(district="EG9999"), "كود المركز"),
    (_row(village="EG280201"), "كود القرية"),  # a village of Aswan
    (_row(permitted_uses="فضائي"), "الاستخدامات المسموح بها"),
    (_row(title_ar="", owner_body=""), "اسم الأصل"),
]  # fmt: skip


@pytest.mark.parametrize(("row", "column"), BAD_ROWS)
def test_each_bad_row_is_shown_with_its_column_and_nothing_is_saved(
    client, geography, qena_staff, row, column
):
    client_for(client, qena_staff)
    response = _import(client, xlsx_sheet([GOOD_ROWS[0], row]))
    batch = AssetImport.objects.get()
    preview = client.get(response.url)
    assert preview.context["has_errors"]
    good, bad = batch.rows
    assert good["errors"] == [] and good["line"] == 2
    assert bad["line"] == 3 and any(error.startswith(column) for error in bad["errors"]), bad["errors"]
    assert "لم يُحفظ شيء" in preview.content.decode()
    confirm = client.post(f"/ar/investments/manage/import/{batch.pk}/confirm/")
    assert confirm.status_code == 400
    assert not Asset.objects.exists()


def test_an_officer_cannot_import_into_another_district(client, geography, qena_officer):
    client_for(client, qena_officer)
    response = _import(client, xlsx_sheet(GOOD_ROWS))
    good, other_district = AssetImport.objects.get().rows
    assert good["errors"] == [] and any(error.startswith("كود المركز") for error in other_district["errors"])
    assert response.status_code == 302 and not Asset.objects.exists()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1256"])
def test_csv_sheets_from_excel_are_read_in_either_encoding(client, geography, qena_staff, encoding):
    client_for(client, qena_staff)
    rows = [[cell.replace("٢٦٫١٩", "26.19") for cell in row] for row in GOOD_ROWS]  # cp1256 has no ٢٦٫١٩
    assert _import(client, csv_sheet(rows, encoding=encoding)).status_code == 302
    rows = AssetImport.objects.get().rows
    assert [row["errors"] for row in rows] == [[], []]
    assert rows[0]["values"]["title_ar"] == "أرض فضاء بالظهير الصحراوي"


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        (SimpleUploadedFile("inventory.xlsx", b"PK\x03\x04 not really a workbook"), "XLSX"),
        (SimpleUploadedFile("inventory.pdf", b"%PDF-1.4"), "XLSX"),
        (SimpleUploadedFile("inventory.csv", bytes(range(256))), "CSV"),  # not a sheet at all
        (csv_sheet([], header=["name", "area"]), "اسم الأصل"),  # required columns missing
        (csv_sheet([]), "لا توجد صفوف"),
    ],
)
def test_a_sheet_that_cannot_be_read_is_a_translated_400(client, geography, qena_staff, sheet, message):
    client_for(client, qena_staff)
    response = _import(client, sheet)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["sheet"])
    assert not AssetImport.objects.exists() and not Asset.objects.exists()


def test_the_template_has_the_columns_the_import_reads(client, geography, qena_staff):
    from openpyxl import load_workbook

    client_for(client, qena_staff)
    response = client.get("/ar/investments/manage/import/template.xlsx")
    header = next(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(header) == [labels[0] for labels in COLUMNS.values()]


def test_previews_never_confirmed_are_forgotten_after_a_week(client, geography, qena_staff):
    from datetime import timedelta

    from django.utils import timezone

    from investments.tasks import forget_old_previews

    client_for(client, qena_staff)
    for _ in range(2):
        _import(client, xlsx_sheet(GOOD_ROWS))
    confirmed, _waiting = AssetImport.objects.order_by("pk")
    client.post(f"/ar/investments/manage/import/{confirmed.pk}/confirm/")
    AssetImport.objects.update(created_at=timezone.now() - timedelta(days=8))
    assert forget_old_previews() == 1  # the task's body, run here
    assert list(AssetImport.objects.values_list("pk", flat=True)) == [confirmed.pk]
    assert Asset.objects.count() == 2
