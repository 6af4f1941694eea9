"""The audit record of a state change, written by the service that makes it (pretix's log_action).

Creations need none: django-auditlog records every registered model's new rows, with the actor of the
request. Changes made by conditional UPDATEs (which send no signals) and the meaning of a change
("approved", "escalated") are written here."""

from auditlog.models import LogEntry


def audit_record(instance, *, actor, event: str, **details) -> LogEntry:
    """One line in the audit log: who did what to which row, with the details that matter."""
    changes = {"event": [None, event]}
    changes |= {name: [None, str(value)[:200]] for name, value in details.items()}
    return LogEntry.objects.log_create(
        instance,
        action=LogEntry.Action.UPDATE,
        changes=changes,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        force_log=True,
    )
