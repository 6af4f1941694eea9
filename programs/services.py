from django.db import transaction

from programs.models import Organization


@transaction.atomic
def organization_upsert(*, slug: str, **fields) -> Organization:
    """Create the partner or bring its profile up to date (used by seed data and imports)."""
    organization, _created = Organization.objects.update_or_create(slug=slug, defaults=fields)
    return organization
