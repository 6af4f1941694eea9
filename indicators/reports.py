"""The scorecard as an XLSX sheet (right to left) and as an Arabic PDF report (WeasyPrint shapes Arabic
and lays it out right to left)."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.dashboard import GovernorateBoard
from portal import exports

FONT_FILES = {400: "noto-sans-arabic-arabic-400-normal.woff", 700: "noto-sans-arabic-arabic-700-normal.woff"}


def scorecard_columns(board: GovernorateBoard) -> exports.Columns:
    columns = [
        (_("Rank"), lambda row: row.card.rank if row.card else None),
        (_("District"), lambda row: row.district.name),
        (_("Code"), lambda row: row.district.code),
        (_("Score"), lambda row: row.card.score if row.card else None),
        (_("Places gained since last month"), lambda row: row.card.rank_change if row.card else None),
    ]
    for index, indicator in enumerate(board.indicators):
        columns.append((indicator.name, _cell_value(index)))
        columns.append((_("%(indicator)s: light") % {"indicator": indicator.name}, _cell_light(index)))
    return columns


def _cell_value(index: int):
    def value(row):
        cell = row.cells[index][1]
        return None if cell is None or cell.value is None else round(cell.value, 2)

    return value


def _cell_light(index: int):
    return lambda row: row.cells[index][1].get_light_display() if row.cells[index][1] else ""


def scorecard_xlsx(board: GovernorateBoard) -> HttpResponse:
    stem = f"scorecard-{board.governorate.code}-{board.period:%Y-%m}"
    title = f"{board.governorate.name} {board.period:%Y-%m}"
    return exports.as_xlsx(board.rows, scorecard_columns(board), stem, title)


def scorecard_pdf(request, board: GovernorateBoard) -> HttpResponse:
    # Imported here: WeasyPrint loads Pango when imported, and only this export needs it.
    from weasyprint import HTML

    html = render_to_string(
        "indicators/report.html",
        {
            "board": board,
            "fonts": _font_urls(),
            "generated_at": timezone.localtime(),
        },
        request=request,
    )
    # Fonts come from disk by absolute file URLs; nothing is fetched over the network.
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"scorecard-{board.governorate.code}-{board.period:%Y-%m}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _font_urls() -> dict[int, str]:
    """The Arabic font files the portal serves, read from disk (WeasyPrint fetches nothing remote)."""
    urls = {}
    for weight, name in FONT_FILES.items():
        path = finders.find(f"vendor/noto-sans-arabic/files/{name}")
        if path:
            urls[weight] = Path(path).resolve().as_uri()
    return urls
