"""Rate limits on filing and tracking, per client address and per phone (django-ratelimit, in the cache)."""

import logging

from django.conf import settings
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)


def over_limit(request, name: str, key: str = "ip") -> bool:
    """Count this request against the named limit and say whether it went over.

    `key` is "ip" or any other value to count by (a normalised phone number, say). When the cache
    (Redis) is down the request goes through: refusing a citizen's complaint is worse than letting a
    burst in, and nothing a citizen submits may be lost.
    """
    counter = key if key == "ip" else (lambda group, request: key)
    try:
        return is_ratelimited(
            request,
            group=f"complaints:{name}",
            key=counter,
            rate=settings.COMPLAINT_RATE_LIMITS[name],
            increment=True,
        )
    except Exception:
        logger.exception("rate limit %s not checked: the cache is unavailable", name)
        return False
