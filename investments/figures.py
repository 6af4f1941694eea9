"""The inventory's figures for the governorate: how many assets and how much area, by district, kind, use
and legal status, and the share of each district's area that lies unused."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from investments.models import Asset
from portal.text import localized_name


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    count: int
    area: Decimal


@dataclass(frozen=True)
class DistrictFigures:
    code: str
    name: str
    governorate: str
    count: int
    area: Decimal
    unused_area: Decimal

    @property
    def unused_share(self) -> Decimal | None:
        """Percent of the district's recorded area that is unused: the candidate dashboard indicator."""
        return round(100 * self.unused_area / self.area, 1) if self.area else None


def by_district(assets) -> list[DistrictFigures]:
    rows = (
        assets.values(
            "district__code",
            "district__name_ar",
            "district__name_en",
            "governorate__name_ar",
            "governorate__name_en",
        )
        .annotate(
            count=Count("pk"),
            area=Sum("area_m2"),
            unused_area=Sum("area_m2", filter=Q(current_use=Asset.Use.UNUSED), default=Decimal(0)),
        )
        .order_by("district__code")
    )
    return [
        DistrictFigures(
            code=row["district__code"],
            name=localized_name(row["district__name_ar"], row["district__name_en"]),
            governorate=localized_name(row["governorate__name_ar"], row["governorate__name_en"]),
            count=row["count"],
            area=row["area"],
            unused_area=row["unused_area"],
        )
        for row in rows
    ]


def by_choice(assets, field: str) -> list[Group]:
    """Count and area for each value of a choice field, every choice listed even when it has none."""
    totals = {
        row[field]: row
        for row in assets.values(field).annotate(count=Count("pk"), area=Sum("area_m2")).order_by()
    }
    choices = Asset._meta.get_field(field).choices
    return [
        Group(
            code,
            str(label),
            totals.get(code, {}).get("count", 0),
            totals.get(code, {}).get("area") or Decimal(0),
        )
        for code, label in choices
    ]


def inventory_figures(assets) -> dict:
    totals = assets.aggregate(
        count=Count("pk"),
        area=Sum("area_m2", default=Decimal(0)),
        unused_area=Sum("area_m2", filter=Q(current_use=Asset.Use.UNUSED), default=Decimal(0)),
    )
    share = round(100 * totals["unused_area"] / totals["area"], 1) if totals["area"] else None
    return {
        "totals": totals | {"unused_share": share},
        "districts": by_district(assets),
        "kinds": by_choice(assets, "kind"),
        "uses": by_choice(assets, "current_use"),
        "legal": by_choice(assets, "legal_status"),
        "statuses": by_choice(assets, "status"),
    }
