"""Rate limits on investors' expressions of interest, per client address and per phone."""

from django.conf import settings

from portal.limits import over_limit


def interest_over_limit(request, phone: str | None = None) -> bool:
    if phone is not None:
        return over_limit(
            request, "investments:interest_per_phone", settings.INTEREST_RATE_PER_PHONE, key=phone
        )
    return over_limit(request, "investments:interest_per_ip", settings.INTEREST_RATE_PER_IP)
