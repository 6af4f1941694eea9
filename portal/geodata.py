"""Reading and checking the administrative-division CSVs before anything is written.

The directory has the shape of shared/data/geo: egypt/governorates.csv, egypt/adm2_qism_markaz.csv,
egypt/adm3_shiakha_village.csv, saudi/regions.csv and saudi/governorates.csv.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _

from portal.models import District, Governorate

EGYPT_GOVERNORATES = "egypt/governorates.csv"
EGYPT_DISTRICTS = "egypt/adm2_qism_markaz.csv"
EGYPT_VILLAGES = "egypt/adm3_shiakha_village.csv"
SAUDI_REGIONS = "saudi/regions.csv"
SAUDI_GOVERNORATES = "saudi/governorates.csv"

EGYPT_DISTRICT_KINDS = {"qism", "markaz", "city", "other", "port_or_other"}


class GeographyDataError(ValueError):
    """A source file is missing or malformed; the message says which file and line."""


@dataclass
class GeographyData:
    """Rows ready to write, keyed by code, with the parent code of each district and village."""

    governorates: dict[str, dict] = field(default_factory=dict)
    districts: dict[str, dict] = field(default_factory=dict)
    villages: dict[str, dict] = field(default_factory=dict)


def read_geography(directory: Path) -> GeographyData:
    data = GeographyData()
    for row in _rows(directory, EGYPT_GOVERNORATES, {"pcode", "capmas_code", "iso_3166_2"}):
        data.governorates[row.code("pcode")] = {
            "country": "EG",
            "kind": Governorate.Kind.GOVERNORATE,
            "official_code": row["capmas_code"],
            "iso_code": row["iso_3166_2"],
            "name_ar": row.required("name_ar"),
            "name_en": row["name_en"],
            "latitude": row.coordinate("centroid_lat", 90),
            "longitude": row.coordinate("centroid_lon", 180),
        }
    for row in _rows(directory, EGYPT_DISTRICTS, {"pcode", "gov_pcode", "kind"}):
        data.districts[row.code("pcode")] = {
            "governorate": row.parent("gov_pcode", data.governorates),
            "kind": row.choice("kind", EGYPT_DISTRICT_KINDS),
            "name_ar": row.required("name_ar"),
            "name_en": row["name_en"],
        }
    for row in _rows(directory, SAUDI_REGIONS, {"region_code", "iso_3166_2"}):
        data.governorates[row.code("iso_3166_2")] = {
            "country": "SA",
            "kind": Governorate.Kind.REGION,
            "official_code": row.required("region_code"),
            "iso_code": row["iso_3166_2"],
            "name_ar": row.required("name_ar"),
            "name_en": row["name_en"],
            "latitude": None,
            "longitude": None,
        }
    for row in _rows(directory, SAUDI_GOVERNORATES, {"governorate_id", "region_iso"}):
        is_seat = row.choice("is_region_seat_emirate", {"0", "1"}) == "1"
        data.districts[row.code("governorate_id")] = {
            "governorate": row.parent("region_iso", data.governorates),
            "kind": District.Kind.EMIRATE if is_seat else District.Kind.GOVERNORATE,
            "name_ar": row.required("name_ar"),
            "name_en": row["name_en"],
        }
    for row in _rows(directory, EGYPT_VILLAGES, {"pcode", "adm2_pcode"}):
        data.villages[row.code("pcode")] = {
            "district": row.parent("adm2_pcode", data.districts),
            "name_ar": row.required("name_ar"),
        }
    return data


class _Row(dict):
    """One CSV row that knows its file and line, so every complaint about it can say where."""

    def __init__(self, values: dict, where: str, seen: set):
        super().__init__(values)
        self.where = where
        self.seen = seen

    def fail(self, message: str):
        raise GeographyDataError(f"{self.where}: {message}")

    def required(self, column: str) -> str:
        value = (self.get(column) or "").strip()
        if not value:
            self.fail(_("the column “%(column)s” is empty.") % {"column": column})
        return value

    def code(self, column: str) -> str:
        value = self.required(column)
        if value in self.seen:
            self.fail(_("the code %(code)s appears twice.") % {"code": value})
        self.seen.add(value)
        return value

    def parent(self, column: str, known: dict) -> str:
        value = self.required(column)
        if value not in known:
            self.fail(_("%(code)s is not a known parent code.") % {"code": value})
        return value

    def choice(self, column: str, allowed: set[str]) -> str:
        value = self.required(column)
        if value not in allowed:
            self.fail(
                _("“%(value)s” is not an allowed value of %(column)s.") % {"value": value, "column": column}
            )
        return value

    def coordinate(self, column: str, limit: int) -> Decimal | None:
        raw = (self.get(column) or "").strip()
        if not raw:
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or abs(value) > limit:
            self.fail(_("“%(value)s” is not a valid coordinate.") % {"value": raw})
        return value.quantize(Decimal("0.000001"))


def _rows(directory: Path, name: str, required_columns: set[str]):
    path = Path(directory) / name
    if not path.is_file():
        raise GeographyDataError(_("%(path)s: the file is missing.") % {"path": path})
    seen: set[str] = set()
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = (required_columns | {"name_ar"}) - set(reader.fieldnames or [])
            if missing:
                raise GeographyDataError(
                    _("%(path)s: missing columns: %(columns)s.")
                    % {"path": path, "columns": ", ".join(sorted(missing))}
                )
            for line, values in enumerate(reader, start=2):
                yield _Row(values, f"{path}:{line}", seen)
    except UnicodeDecodeError as error:
        raise GeographyDataError(_("%(path)s: not UTF-8 text.") % {"path": path}) from error
    except csv.Error as error:
        raise GeographyDataError(f"{path}: {error}") from error
