"""Lists as CSV (UTF-8 with BOM, so Excel reads the Arabic) and XLSX (a right-to-left sheet), with
every cell inert: no formulas, no characters a spreadsheet cannot hold."""

import csv
import io
from collections.abc import Callable, Iterable

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

XLSX_MAX_ROWS = 100_000
Columns = list[tuple[str, Callable]]

# A cell that starts with one of these is run as a formula by Excel and LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def local_time(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _filename(stem: str, extension: str) -> str:
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"


class _Echo:
    def write(self, value):
        return value


def as_csv(rows: Iterable, columns: Columns, stem: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([title for title, _value in columns])
        for row in rows:
            yield writer.writerow([safe_cell(value(row)) for _title, value in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(stem, "csv")}"'
    return response


def as_xlsx(rows: Iterable, columns: Columns, stem: str, sheet_title: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    sheet.sheet_view.rightToLeft = True
    sheet.append([title for title, _value in columns])
    for row in rows:
        sheet.append([safe_cell(value(row)) for _title, value in columns])
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(
        output.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(stem, "xlsx")}"'
    return response
