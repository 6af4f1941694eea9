"""What the engine computes before it is stored: value, numerator and denominator per
(indicator code, district id, month)."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Measure:
    value: float | None
    numerator: float | None = None
    denominator: float | None = None


Key = tuple[str, int, date]


class Measures(dict[Key, Measure]):
    def set(self, code: str, district_id: int, period: date, *, value, numerator=None, denominator=None):
        self[code, district_id, period] = Measure(
            value=_number(value), numerator=_number(numerator), denominator=_number(denominator)
        )

    def merge(self, *others: "Measures") -> "Measures":
        for other in others:
            self.update(other)
        return self


def percent(part, whole) -> dict:
    """A share in percent; null, not zero, when the denominator is empty (DESIGN.md §5)."""
    return {"value": 100 * part / whole if whole else None, "numerator": part, "denominator": whole}


def ratio(total, count) -> dict:
    """A mean; null over an empty denominator."""
    return {"value": total / count if count else None, "numerator": total or 0, "denominator": count}


def _number(value) -> float | None:
    return None if value is None else float(value)
