"""Sync through a folder the person already shares (see docs/architecture.md, "Sync").

`is_set_up` answers cheaply, before any of the sync's modules is loaded, whether a
database syncs at all: the app's last sync on quit asks it first.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def is_set_up(path: Path) -> bool:
    """Whether `bounce sync init` set the database at `path` up (a read-only look; False
    for a missing, foreign or unreadable file, which the sync itself would refuse)."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    except (sqlite3.Error, OSError, ValueError):
        return False
    try:
        row = conn.execute("SELECT value FROM sync_device WHERE key = 'device'").fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return row is not None
