from django import template
from django.urls import translate_url

from portal.text import localized_name

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code: str) -> str:
    """This page's address in another language (the language prefix swapped)."""
    request = context["request"]
    return translate_url(request.get_full_path(), language_code)


@register.filter
def localized(row: dict, field: str = "name") -> str:
    """`name_ar` or `name_en` of a plain dict (the cached summaries), by the active language."""
    return localized_name(row.get(f"{field}_ar", ""), row.get(f"{field}_en", ""))


@register.filter
def grouped(value, places: int = 0) -> str:
    """An amount or area in Western digits with thousands grouped (12,500 or 1,250.5): Django's Arabic
    format would write 12500,5, which reads as European. — when there is none."""
    if value is None or value == "":
        return "—"
    rounded = round(float(value), places)
    return f"{rounded:,.{0 if rounded.is_integer() else places}f}"
