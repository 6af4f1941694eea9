"""Rate limits on filing and tracking complaints, per client address and per phone."""

from django.conf import settings

from portal import limits


def over_limit(request, name: str, key: str = "ip") -> bool:
    return limits.over_limit(request, f"complaints:{name}", settings.COMPLAINT_RATE_LIMITS[name], key=key)
