"""Writing what the engine computed: indicator values (one upsert per batch, only rows that changed),
their scores against targets, and each district's scorecard and rank for the month."""

from collections import defaultdict
from datetime import date, datetime

from django.db import transaction

from indicators import scoring
from indicators.engine.measures import Measure, Measures
from indicators.engine.periods import previous_month
from indicators.models import Indicator, IndicatorValue, Scorecard, Target
from portal.models import District

BATCH = 2000
VALUE_FIELDS = ["value", "numerator", "denominator", "target", "score", "light"]
COUNT_UNITS = {Indicator.Unit.COUNT}


def values_store(measures: Measures, *, codes, district_ids, periods, now: datetime) -> int:
    """Store every (indicator, district, month) of the grid; a month with no rows is 0 for a count
    and null for the rest. Returns how many rows were written (unchanged rows are not)."""
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    targets = Targets({period.year for period in periods})
    governorate_of = dict(District.objects.filter(pk__in=district_ids).values_list("pk", "governorate_id"))
    stored = _stored(indicators.values(), district_ids, periods)
    changed = []
    for indicator in indicators.values():
        empty = _empty(indicator)
        for district_id in district_ids:
            for period in periods:
                measure = measures.get((indicator.code, district_id, period), empty)
                row = _scored_row(indicator, district_id, period, measure, targets)
                if stored.get((indicator.pk, district_id, period)) != tuple(row[f] for f in VALUE_FIELDS):
                    changed.append(
                        IndicatorValue(**row, governorate_id=governorate_of[district_id], computed_at=now)
                    )
    _upsert(changed)
    return len(changed)


def scorecards_store(governorate_ids, periods, *, now: datetime) -> int:
    """Each district's composite score and rank within its governorate, for these months; returns how
    many scorecards changed (only those are written)."""
    periods = sorted(set(periods))
    scores = _composite_scores(governorate_ids, periods)
    previous = _previous_ranks(governorate_ids, periods)
    stored = {
        (card[0], card[1]): card[2:]
        for card in Scorecard.objects.filter(
            governorate_id__in=governorate_ids, period__in=periods
        ).values_list("district_id", "period", "score", "rank", "previous_rank", "light")
    }
    cards = []
    for (governorate_id, period), by_district in sorted(scores.items(), key=lambda item: item[0][1]):
        ranks = scoring.competition_ranks(by_district)
        for district_id, score in by_district.items():
            card = Scorecard(
                governorate_id=governorate_id, district_id=district_id, period=period, score=score,
                rank=ranks[district_id], previous_rank=previous.get((district_id, previous_month(period))),
                light=scoring.composite_light(score), computed_at=now,
            )  # fmt: skip
            previous[district_id, period] = card.rank
            if stored.get((district_id, period)) != (card.score, card.rank, card.previous_rank, card.light):
                cards.append(card)
    cards.sort(key=lambda card: (card.district_id, card.period))  # one lock order for runs that overlap
    with transaction.atomic():
        Scorecard.objects.bulk_create(
            cards, batch_size=BATCH, update_conflicts=True, unique_fields=["district", "period"],
            update_fields=["score", "rank", "previous_rank", "light", "computed_at"],
        )  # fmt: skip
    return len(cards)


def _composite_scores(governorate_ids, periods) -> dict[tuple[int, date], dict[int, float | None]]:
    """{(governorate, month): {district: composite score}} from the stored indicator scores."""
    active = {
        pk: (float(weight), unit)
        for pk, weight, unit in Indicator.objects.filter(is_active=True).values_list("pk", "weight", "unit")
    }
    scored = {
        (governorate_id, district_id, period): []
        for district_id, governorate_id in District.objects.filter(
            governorate_id__in=governorate_ids
        ).values_list("pk", "governorate_id")
        for period in periods
    }
    measured = set()
    values = IndicatorValue.objects.filter(governorate_id__in=governorate_ids, period__in=periods)
    for row in values.values("governorate_id", "district_id", "period", "indicator_id", "score"):
        if row["indicator_id"] not in active:
            continue
        key = (row["governorate_id"], row["district_id"], row["period"])
        weight, unit = active[row["indicator_id"]]
        scored[key].append((row["score"], weight))
        if row["score"] is not None and unit not in COUNT_UNITS:
            measured.add(key)
    scores: dict[tuple[int, date], dict[int, float | None]] = defaultdict(dict)
    for (governorate_id, district_id, period), pairs in scored.items():
        # Counts alone (no backlog, no obstacles) say nothing of a district where nothing was measured.
        composite = (
            scoring.composite_score(pairs) if (governorate_id, district_id, period) in measured else None
        )
        scores[governorate_id, period][district_id] = None if composite is None else round(composite, 1)
    return scores


def _empty(indicator: Indicator) -> Measure:
    """A month with no rows: a count of 0; a rate or mean over an empty denominator, null (DESIGN §5).
    A figure entered by hand that nobody entered is unknown."""
    if indicator.is_manual:
        return Measure(None)
    if indicator.unit in COUNT_UNITS:
        return Measure(0.0, 0.0)
    if indicator.unit == Indicator.Unit.HOURS:  # a median has no numerator
        return Measure(None, None, 0.0)
    return Measure(None, 0.0, 0.0)


class Targets:
    """The targets of some years: a district's own, else the national default."""

    def __init__(self, years):
        self._by_key = {
            (indicator_id, year, district_id): value
            for indicator_id, year, district_id, value in Target.objects.filter(year__in=years).values_list(
                "indicator_id", "year", "district_id", "value"
            )
        }

    def of(self, indicator_id: int, district_id: int, year: int) -> float | None:
        own = self._by_key.get((indicator_id, year, district_id))
        return own if own is not None else self._by_key.get((indicator_id, year, None))


def _scored_row(indicator, district_id, period, measure: Measure, targets: Targets) -> dict:
    target = targets.of(indicator.pk, district_id, period.year)
    score = scoring.indicator_score(measure.value, target, lower_is_better=indicator.lower_is_better)
    score = None if score is None else round(score, 2)
    return {
        "indicator_id": indicator.pk,
        "district_id": district_id,
        "period": period,
        "value": measure.value,
        "numerator": measure.numerator,
        "denominator": measure.denominator,
        "target": target,
        "score": score,
        "light": scoring.indicator_light(indicator, score),
    }


def _stored(indicators, district_ids, periods) -> dict[tuple[int, int, date], tuple]:
    rows = IndicatorValue.objects.filter(
        indicator__in=list(indicators),
        district_id__in=district_ids,
        period__gte=min(periods),
        period__lte=max(periods),
    ).values_list("indicator_id", "district_id", "period", *VALUE_FIELDS)
    return {tuple(row[:3]): tuple(row[3:]) for row in rows}


def _upsert(rows: list[IndicatorValue]) -> None:
    # A unique upsert: two runs at once write the same rows, never twice; in one key order, so that two
    # runs that overlap take their row locks in the same order and cannot deadlock.
    rows.sort(key=lambda row: (row.indicator_id, row.district_id, row.period))
    for start in range(0, len(rows), BATCH):
        with transaction.atomic():
            IndicatorValue.objects.bulk_create(
                rows[start : start + BATCH],
                update_conflicts=True,
                unique_fields=["indicator", "district", "period"],
                update_fields=[*VALUE_FIELDS, "computed_at"],
            )


def _previous_ranks(governorate_ids, periods) -> dict[tuple[int, date], int | None]:
    before = previous_month(periods[0])
    rows = Scorecard.objects.filter(governorate_id__in=governorate_ids, period=before)
    return {(district_id, before): rank for district_id, rank in rows.values_list("district_id", "rank")}


def rescore(indicator: Indicator, year: int, *, now: datetime) -> tuple[list[int], list[date]]:
    """Score a year's stored values of one indicator again (its targets or thresholds changed).
    Returns the governorates and months whose scorecards need refreshing."""
    targets = Targets({year})
    rows = list(IndicatorValue.objects.filter(indicator=indicator, period__year=year))
    changed = []
    for row in rows:
        scored = _scored_row(indicator, row.district_id, row.period, Measure(row.value), targets)
        if (row.target, row.score, row.light) != (scored["target"], scored["score"], scored["light"]):
            row.target, row.score, row.light, row.computed_at = (
                scored["target"],
                scored["score"],
                scored["light"],
                now,
            )
            changed.append(row)
    IndicatorValue.objects.bulk_update(changed, ["target", "score", "light", "computed_at"], batch_size=BATCH)
    return sorted({row.governorate_id for row in rows}), sorted({row.period for row in rows})
