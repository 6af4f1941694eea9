"""The geography summary shown on the home page: districts and villages per governorate.

Counting thousands of villages on every visit is wasted work, so the summary is built by a
Celery task into the cache and read from there.
"""

from django.core.cache import cache

from portal.models import Country, Governorate

CACHE_KEY = "portal:geography-summary:v1"
CACHE_SECONDS = 24 * 60 * 60


def geography_summary_build() -> list[dict]:
    """Countries, each with its governorates and their district and village counts."""
    governorates = Governorate.objects.with_counts().order_by("code")
    by_country: dict[int, list[dict]] = {}
    for governorate in governorates.values(
        "country_id", "code", "name_ar", "name_en", "district_count", "village_count"
    ):
        by_country.setdefault(governorate.pop("country_id"), []).append(governorate)
    return [
        {
            "code": country.code,
            "name_ar": country.name_ar,
            "name_en": country.name_en,
            "governorates": by_country.get(country.pk, []),
        }
        for country in Country.objects.order_by("code")
    ]


def geography_summary_refresh() -> list[dict]:
    summary = geography_summary_build()
    cache.set(CACHE_KEY, summary, CACHE_SECONDS)
    return summary


def geography_summary() -> list[dict]:
    summary = cache.get(CACHE_KEY)
    return geography_summary_refresh() if summary is None else summary
