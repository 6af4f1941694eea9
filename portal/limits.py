"""Rate limits on what the public may send, per client address or any other key (django-ratelimit, counted
in the cache)."""

import logging

from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)


def over_limit(request, group: str, rate: str, key: str = "ip") -> bool:
    """Count this request against the group's limit and say whether it went over.

    `key` is "ip" or any other value to count by (a normalised phone number, say). When the cache
    (Redis) is down the request goes through: refusing a citizen is worse than letting a burst in, and
    nothing a citizen submits may be lost.
    """
    counter = key if key == "ip" else (lambda group, request: key)
    try:
        return is_ratelimited(request, group=group, key=counter, rate=rate, increment=True)
    except Exception:
        logger.exception("rate limit %s not checked: the cache is unavailable", group)
        return False
