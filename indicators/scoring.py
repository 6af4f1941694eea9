"""How a value becomes a score against its target, a traffic light, and a district's composite score.
One place for each rule."""

from indicators.models import Indicator, Light

# The composite score's own traffic light.
COMPOSITE_GREEN_FROM = 85
COMPOSITE_AMBER_FROM = 65


def indicator_score(value: float | None, target: float | None, *, lower_is_better: bool) -> float | None:
    """0 to 100: how close the value is to the target (100 at or beyond it)."""
    if value is None or target is None:
        return None
    if lower_is_better:
        if value <= target:
            return 100.0
        return 100.0 * target / value if target > 0 else 0.0
    if target <= 0 or value >= target:
        return 100.0
    return 100.0 * max(value, 0) / target


def light_for(score: float | None, *, green_from: float, amber_from: float) -> str:
    if score is None:
        return Light.NONE
    if score >= green_from:
        return Light.GREEN
    return Light.AMBER if score >= amber_from else Light.RED


def indicator_light(indicator: Indicator, score: float | None) -> str:
    return light_for(score, green_from=indicator.green_from, amber_from=indicator.amber_from)


def composite_score(scored: list[tuple[float | None, float]]) -> float | None:
    """The weighted mean of (score, weight) pairs that have a score and a weight."""
    counted = [(score, weight) for score, weight in scored if score is not None and weight > 0]
    total_weight = sum(weight for _score, weight in counted)
    if not total_weight:
        return None
    return sum(score * weight for score, weight in counted) / total_weight


def composite_light(score: float | None) -> str:
    return light_for(score, green_from=COMPOSITE_GREEN_FROM, amber_from=COMPOSITE_AMBER_FROM)


def competition_ranks(scores: dict[int, float | None]) -> dict[int, int | None]:
    """Rank 1 for the best score; equal scores share a rank (1, 2, 2, 4); no score, no rank."""
    ordered = sorted((score, key) for key, score in scores.items() if score is not None)
    ordered.reverse()
    ranks: dict[int, int | None] = dict.fromkeys(scores)
    for position, (score, key) in enumerate(ordered, start=1):
        ranks[key] = (
            ranks[ordered[position - 2][1]]
            if position > 1 and ordered[position - 2][0] == score
            else position
        )
    return ranks
