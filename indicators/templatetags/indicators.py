from django import template
from django.utils import formats, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from indicators.models import Indicator, Light

register = template.Library()


@register.filter
def number(value, places: int = 1) -> str:
    """A figure with at most `places` decimals in the page's language; — when there is none (a missing
    scorecard resolves to "" in templates)."""
    if value is None or value == "":
        return "—"
    rounded = round(float(value), places)
    # A decimal point, not Django's Arabic decimal comma: with Western digits "70,6" reads as European.
    return formats.number_format(rounded, decimal_pos=0 if rounded.is_integer() else places, use_l10n=False)


@register.simple_tag
def indicator_value(cell, indicator: Indicator) -> str:
    """A stored value as a person reads it: 87.5٪, 36, or "no data"."""
    if cell is None or cell.value is None:
        return _("no data")
    text = number(cell.value)
    if indicator.unit == Indicator.Unit.PERCENT:
        return f"{text}٪" if translation.get_language_bidi() else f"{text}%"
    return text


@register.filter
def rank_change(card) -> str:
    """▲ 2 for two places gained, ▼ 1 for one lost, = for none, — when unknown."""
    change = getattr(card, "rank_change", None)
    if not change:
        return "—" if change is None else "="
    return f"▲ {change}" if change > 0 else f"▼ {-change}"


@register.simple_tag
def light(value) -> str:
    """A traffic light with its meaning for screen readers (a tag, not an include: a scorecard holds
    hundreds of them)."""
    value = value if value in Light.values else Light.NONE
    label = Light(value).label
    markup = '<span class="light light-{}" title="{}"><span class="visually-hidden">{}</span></span>'
    return format_html(markup, value, label, label)
