import hashlib
import secrets

from django.db import transaction

from complaints.models import Open311Key


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def open311_key_create(*, name: str) -> tuple[Open311Key, str]:
    """Issue a key to a partner system; only its hash is stored, so the key is shown once."""
    key = secrets.token_urlsafe(32)
    record = Open311Key.objects.create(name=name, key_hash=_digest(key), prefix=key[:8])
    return record, key


def open311_key_valid(key: str) -> bool:
    return bool(key) and Open311Key.objects.filter(key_hash=_digest(key), is_active=True).exists()
