"""SMS backends. Production plugs in its gateway's class through settings.SMS_BACKEND."""

import sys


class ConsoleBackend:
    """Writes each message to standard output (the embedded mode)."""

    def send(self, phone: str, text: str):
        sys.stdout.write(f"SMS to {phone}: {text}\n")
        sys.stdout.flush()


class MemoryBackend:
    """Keeps messages in `MemoryBackend.outbox` (tests)."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str):
        MemoryBackend.outbox.append((phone, text))
