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
