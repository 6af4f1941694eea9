from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code: str) -> str:
    """This page's address in another language (the language prefix swapped)."""
    request = context["request"]
    return translate_url(request.get_full_path(), language_code)


@register.filter
def localized(row: dict, field: str = "name") -> str:
    """`name_ar` or `name_en` of a plain dict, by the active language, Arabic as the fallback."""
    from django.utils.translation import get_language

    english = row.get(f"{field}_en")
    if (get_language() or "ar").startswith("en") and english:
        return english
    return row.get(f"{field}_ar", "")
