"""The audit record of a state change, written by the service that makes it (pretix's log_action)."""

from auditlog.models import LogEntry


def audit_record(instance, *, actor, event: str, created: bool = False, **details) -> LogEntry:
    """One line in the audit log: who did what to which row, with the details that matter."""
    changes = {"event": [None, event]}
    changes |= {name: [None, str(value)[:200]] for name, value in details.items()}
    return LogEntry.objects.log_create(
        instance,
        action=LogEntry.Action.CREATE if created else LogEntry.Action.UPDATE,
        changes=changes,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        force_log=True,
    )
