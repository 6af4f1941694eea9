"""Whether a place lies inside its governorate, checked against the outlines in the geography folder.

Egypt's governorate outlines come with the shared data; Saudi regions have none there, so a Saudi place
is only checked against the country's bounding box.
"""

import json
from functools import lru_cache

from django.conf import settings
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.prepared import PreparedGeometry, prep

from portal.text import normalize_arabic

BOUNDARIES_FILE = "egypt/governorates_boundaries_egygeo.geojson"
# The published outlines are coarse (Qena's has 37 vertices, and leaves Qus 7.7 km outside its edge), so a
# place this close to its governorate's edge is accepted. A place in another part of the country, or with
# latitude and longitude swapped, is still refused.
EDGE_TOLERANCE_DEGREES = 0.15  # about 15 km
# (south, west, north, east) where a country has no outlines of its own.
COUNTRY_BOXES = {"EG": (21.7, 24.6, 31.8, 37.0), "SA": (16.0, 34.4, 32.3, 55.8)}


@lru_cache(maxsize=1)
def boundaries_geojson() -> dict | None:
    path = settings.GEO_DATA_DIR / BOUNDARIES_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


@lru_cache(maxsize=1)
def _outlines_by_name() -> dict[str, PreparedGeometry]:
    """Each outline, widened by the tolerance, under its Arabic and English names folded for matching."""
    outlines = {}
    for feature in (boundaries_geojson() or {}).get("features", []):
        properties = feature.get("properties") or {}
        outline = prep(shape(feature["geometry"]).buffer(EDGE_TOLERANCE_DEGREES))
        for name in (properties.get("Subdivision_ar"), properties.get("Subdivision_en")):
            if name:
                outlines[normalize_arabic(name)] = outline
    return outlines


def _outline_of(governorate) -> PreparedGeometry | None:
    outlines = _outlines_by_name()
    return outlines.get(normalize_arabic(governorate.name_ar)) or outlines.get(
        normalize_arabic(governorate.name_en)
    )


def _in_country_box(governorate, geometry: BaseGeometry) -> bool:
    box = COUNTRY_BOXES.get(governorate.country.code)
    if box is None:
        return True
    south, west, north, east = box
    min_lng, min_lat, max_lng, max_lat = geometry.bounds
    return south <= min_lat and max_lat <= north and west <= min_lng and max_lng <= east


def lies_within(governorate, geometry: BaseGeometry) -> bool:
    """Whether a point or outline (longitude, latitude) lies inside the governorate."""
    outline = _outline_of(governorate)
    if outline is None:
        return _in_country_box(governorate, geometry)
    return outline.contains(geometry)
