"""Noticing writes made by other connections (a CLI entry, a second window).

`PRAGMA data_version` changes on a connection when any *other* connection has
committed to the file. The watcher keeps one idle connection for asking that and
never waits for a lock: a busy file just means "ask again next time".
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bounce_tui.store.db import file_uri


class ChangeWatcher:
    """Answers "has anyone written to the database since I last asked?"."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(
            file_uri(path, "ro"), uri=True, timeout=0, check_same_thread=False
        )
        self._conn.isolation_level = None
        self._last = self._version()

    def _version(self) -> int | None:
        try:
            row = self._conn.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error:
            return None
        return int(row[0]) if row else None

    def changed(self) -> bool:
        """True once after each commit by another connection."""
        version = self._version()
        if version is None or version == self._last:
            return False
        self._last = version
        return True

    def close(self) -> None:
        """Close the watching connection."""
        self._conn.close()
