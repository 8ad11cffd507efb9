"""How many write transactions this process has committed, by either path to the file.

An error that comes after a save is never reported as "nothing was changed".
Plain Python, so the quick path counts its writes without importing the ORM.
"""

from __future__ import annotations

_count = 0


def note_commit() -> None:
    """Count one committed write transaction."""
    global _count
    _count += 1


def writes_committed() -> int:
    """How many write transactions this process has committed."""
    return _count
