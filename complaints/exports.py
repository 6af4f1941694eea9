"""Complaints in scope as CSV (UTF-8 with BOM, so Excel reads the Arabic) and XLSX (a right-to-left sheet)."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

XLSX_MAX_ROWS = 100_000


def _columns():
    return [
        (_("Tracking code"), lambda c: c.tracking_code),
        (_("Governorate"), lambda c: c.governorate.name_ar),
        (_("District"), lambda c: c.district.name_ar),
        (_("Category"), lambda c: c.category.name),
        (_("Status"), lambda c: c.get_status_display()),
        (_("Channel"), lambda c: c.get_channel_display()),
        (_("Filed at"), lambda c: _local(c.created_at)),
        (_("Due by"), lambda c: _local(c.due_at)),
        (_("Resolved at"), lambda c: _local(c.resolved_at)),
        (_("Rating"), lambda c: c.satisfaction or ""),
        (_("Escalation"), lambda c: c.get_escalation_level_display()),
        (_("Name"), lambda c: c.name),
        (_("Phone"), lambda c: c.phone),
        (_("Description"), lambda c: c.description),
    ]


# A cell that starts with one of these is run as a formula by Excel and LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    """Text as inert text: no formulas, no characters a spreadsheet cannot hold."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _filename(extension: str) -> str:
    return f"complaints-{timezone.localdate():%Y-%m-%d}.{extension}"


class _Echo:
    def write(self, value):
        return value


def as_csv(complaints) -> StreamingHttpResponse:
    columns = _columns()
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff" + writer.writerow([title for title, _value in columns])
        for complaint in complaints.iterator(chunk_size=2000):
            yield writer.writerow([_safe(value(complaint)) for _title, value in columns])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def as_xlsx(complaints) -> HttpResponse:
    columns = _columns()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Complaints"))
    sheet.sheet_view.rightToLeft = True
    sheet.append([title for title, _value in columns])
    for complaint in complaints[:XLSX_MAX_ROWS].iterator(chunk_size=2000):
        sheet.append([_safe(value(complaint)) for _title, value in columns])
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(
        output.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
