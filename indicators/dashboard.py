"""What the governor's dashboard shows, read from stored values and scorecards only: a fixed number of
queries whatever the number of complaints behind them."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Avg, Count, Q

from indicators.engine.periods import previous_month
from indicators.models import Indicator, IndicatorValue, Light, Scorecard
from indicators.scoring import competition_ranks, composite_light
from initiatives.models import Initiative
from portal.models import District, Governorate

TREND_MONTHS = 12
LIST_LENGTH = 10


@dataclass
class DistrictRow:
    district: District
    card: Scorecard | None
    cells: list[tuple[Indicator, IndicatorValue | None]]
    trend: list[float | None] = field(default_factory=list)
    trend_chart: object = None


@dataclass
class GovernorateBoard:
    governorate: Governorate
    period: date
    indicators: list[Indicator]
    rows: list[DistrictRow]
    months: list[date]
    average_trend: list[float | None]

    @property
    def lights(self) -> dict[str, int]:
        counts = dict.fromkeys(Light.values, 0)
        for row in self.rows:
            counts[row.card.light if row.card else Light.NONE] += 1
        return counts


def trend_months(period: date) -> list[date]:
    months = [period]
    while len(months) < TREND_MONTHS:
        months.insert(0, previous_month(months[0]))
    return months


def active_indicators() -> list[Indicator]:
    return list(Indicator.objects.filter(is_active=True))


def governorate_board(governorate: Governorate, period: date, districts) -> GovernorateBoard:
    """Every district in `districts` (already scoped) with its scorecard, each indicator's cell and its
    12-month score trend, ranked."""
    indicators = active_indicators()
    months = trend_months(period)
    cards = {
        card.district_id: card for card in Scorecard.objects.filter(governorate=governorate, period=period)
    }
    cells = _cells(IndicatorValue.objects.filter(governorate=governorate, period=period))
    trends = _trends(Scorecard.objects.filter(governorate=governorate, period__in=months))
    rows = [
        DistrictRow(
            district=district,
            card=cards.get(district.pk),
            cells=[(indicator, cells.get((district.pk, indicator.pk))) for indicator in indicators],
            trend=[trends.get((district.pk, month)) for month in months],
        )
        for district in districts
    ]
    rows.sort(key=_rank_order)
    return GovernorateBoard(governorate, period, indicators, rows, months, _average(rows, len(months)))


def district_history(district: District, period: date) -> tuple[list[Indicator], list[date], dict, list]:
    """One district's indicator cells for 12 months, and its scorecards over them."""
    indicators = active_indicators()
    months = trend_months(period)
    cells = {
        (value.indicator_id, value.period): value
        for value in IndicatorValue.objects.filter(district=district, period__in=months)
    }
    cards = {card.period: card for card in Scorecard.objects.filter(district=district, period__in=months)}
    return indicators, months, cells, [cards.get(month) for month in months]


@dataclass
class GovernorateSummary:
    governorate: Governorate
    score: float | None
    districts: int
    red: int
    rank: int | None = None

    @property
    def light(self) -> str:
        return composite_light(self.score)


def national_board(period: date, governorates) -> list[GovernorateSummary]:
    """Governorates side by side: the mean of their districts' scores, ranked."""
    rows = (
        Scorecard.objects.filter(period=period, governorate__in=governorates)
        .values("governorate_id")
        .annotate(score=Avg("score"), districts=Count("pk"), red=Count("pk", filter=Q(light=Light.RED)))
    )
    by_id = {row["governorate_id"]: row for row in rows}
    summaries = [
        GovernorateSummary(
            governorate=governorate,
            score=round(by_id[governorate.pk]["score"], 1)
            if by_id.get(governorate.pk, {}).get("score") is not None
            else None,
            districts=by_id.get(governorate.pk, {}).get("districts", 0),
            red=by_id.get(governorate.pk, {}).get("red", 0),
        )
        for governorate in governorates
    ]
    ranks = competition_ranks({summary.governorate.pk: summary.score for summary in summaries})
    for summary in summaries:
        summary.rank = ranks[summary.governorate.pk]
    summaries.sort(key=lambda summary: (summary.rank is None, summary.rank or 0, summary.governorate.code))
    return summaries


def most_overdue_complaints(complaints, now: datetime):
    """The open complaints longest past their due time (the status-and-due index serves this)."""
    return complaints.overdue(now).select_related("district", "category").order_by("due_at")[:LIST_LENGTH]


def most_delayed_projects(initiatives, today: date) -> list[tuple[Initiative, int]]:
    """Late projects with how many points they are behind the linear schedule, the furthest first."""
    candidates = initiatives.under_way()
    behind = [
        (initiative, initiative.expected_progress(today) - initiative.progress)
        for initiative in candidates
        if initiative.is_late(today)
    ]
    behind.sort(key=lambda pair: -pair[1])
    return behind[:LIST_LENGTH]


def _cells(values) -> dict[tuple[int, int], IndicatorValue]:
    return {(value.district_id, value.indicator_id): value for value in values}


def _trends(cards) -> dict[tuple[int, date], float | None]:
    return {
        (district_id, period): score
        for district_id, period, score in cards.values_list("district_id", "period", "score")
    }


def _average(rows: list[DistrictRow], length: int) -> list[float | None]:
    averages = []
    for index in range(length):
        scores = [row.trend[index] for row in rows if row.trend[index] is not None]
        averages.append(round(sum(scores) / len(scores), 1) if scores else None)
    return averages


def _rank_order(row: DistrictRow):
    rank = row.card.rank if row.card else None
    return (rank is None, rank or 0, row.district.code)
