"""Rate limits on filing and tracking, per client address and per phone (django-ratelimit, in the cache)."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited


def over_limit(request, name: str, key: str = "ip") -> bool:
    """Count this request against the named limit and say whether it went over.

    `key` is "ip" or any other value to count by (a normalised phone number, say).
    """
    counter = key if key == "ip" else (lambda group, request: key)
    return is_ratelimited(
        request,
        group=f"complaints:{name}",
        key=counter,
        rate=settings.COMPLAINT_RATE_LIMITS[name],
        increment=True,
    )
