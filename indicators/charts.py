"""Line charts drawn on the server as SVG (no chart library, nothing from outside, nothing the CSP
forbids). Time runs right to left in Arabic, as the page does."""

from dataclasses import dataclass
from datetime import date

from django.utils import formats

from indicators.templatetags.indicators import number


@dataclass
class Point:
    # Coordinates are kept as text: the template would write floats with the Arabic decimal comma.
    x: str
    y: str
    value: float
    label: str


@dataclass
class LineChart:
    width: int
    height: int
    points: list[Point]
    gridlines: list[tuple[str, str]]  # (y, label)
    ticks: list[tuple[str, str]]  # (x, month label)

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)


FULL_PADDING = (36, 10, 24)  # sides (room for the axis labels), top, bottom (month names)
COMPACT_PADDING = (4, 4, 4)  # a sparkline in a table cell


def line_chart(
    values: list[float | None],
    months: list[date],
    *,
    right_to_left: bool,
    width: int = 640,
    height: int = 200,
    low: float = 0,
    high: float | None = None,
) -> LineChart:
    """A chart of `values` over `months`; y from `low` to `high` (default: the largest value)."""
    present = [value for value in values if value is not None]
    high = high if high is not None else max(present, default=1) or 1
    span = (high - low) or 1
    pad_x, pad_top, pad_bottom = FULL_PADDING if width >= 300 else COMPACT_PADDING
    plot_width, plot_height = width - 2 * pad_x, height - pad_top - pad_bottom
    step = plot_width / max(len(months) - 1, 1)

    def x_at(index: int) -> str:
        offset = index * step
        return f"{width - pad_x - offset if right_to_left else pad_x + offset:.1f}"

    def y_at(value: float) -> str:
        return f"{pad_top + plot_height * (1 - (value - low) / span):.1f}"

    points = [
        Point(x_at(index), y_at(value), value, number(value))
        for index, value in enumerate(values)
        if value is not None
    ]
    gridlines = [(y_at(low + span * share), number(low + span * share)) for share in (0, 0.5, 1)]
    ticks = [(x_at(index), _tick(month)) for index, month in enumerate(months)]
    return LineChart(width, height, points, gridlines, ticks)


def _tick(month: date) -> str:
    """The month's name; January also carries its year, so the year boundary shows."""
    return formats.date_format(month, "F Y" if month.month == 1 else "F")
