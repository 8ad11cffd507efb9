"""The connection that reads the main snapshot, and notices writes made by other connections.

`PRAGMA data_version` changes on a connection when any *other* connection has
committed to the file. The snapshot is read on this one read-only connection and
the version is noted inside that same read transaction, so the question "has
anything been committed since the snapshot was read?" has an exact answer:

- the app writes, then reads the snapshot once: the version noted at that read
  already includes the write, so the watcher stays quiet;
- a CLI entry or a second window commits: the version moves past the one noted,
  and the next read notes the new one.

Asking never waits for a lock (a busy file means "ask again next time") and never
blocks while a snapshot is being read in a worker thread.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from bounce_tui import paths
from bounce_tui.store.errors import translate
from bounce_tui.store.file import identity, migrations
from bounce_tui.store.file.engine import BUSY_TIMEOUT_MS, file_uri

#: How long closing waits for a read that is still running.
CLOSE_WAIT_SECONDS = 5.0


class WatchedReader:
    """Reads in one deferred transaction on its own connection and notes `data_version`."""

    def __init__(self, path: Path, busy_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = Path(path)
        self._busy_ms = int(busy_ms)
        self._conn = sqlite3.connect(
            file_uri(self.path, "ro"), uri=True, timeout=busy_ms / 1000, check_same_thread=False
        )
        self._conn.isolation_level = None
        self._lock = threading.Lock()
        self._seen: int | None = None

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction on the watched connection; its data_version is noted."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute(f"PRAGMA busy_timeout = {self._busy_ms}")
                conn.execute("BEGIN DEFERRED")
                try:
                    # The first read of the transaction takes its read lock: every part read
                    # after it, and the version noted here, come from the same moment.
                    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                    row = conn.execute("PRAGMA data_version").fetchone()
                    version = int(row[0]) if row is not None else -1
                    yield conn
                finally:
                    if conn.in_transaction:
                        conn.execute("COMMIT")
                self._seen = version
            except sqlite3.Error as exc:
                raise translate(exc, self.path, reading=True) from None

    def changed(self) -> bool:
        """True when another connection has committed since the last read made here.

        False before the first read, while a read is running, and while the file is
        locked: each of those is decided at the next question.
        """
        if self._seen is None or not self._lock.acquire(blocking=False):
            return False
        try:
            self._conn.execute("PRAGMA busy_timeout = 0")
            row = self._conn.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error:
            return False
        finally:
            self._lock.release()
        return row is not None and int(row[0]) != self._seen

    def close(self) -> None:
        """Close the connection once no read is using it.

        The app closes the store while a snapshot may still be read in a worker thread;
        closing a connection under a running statement crashes the process. A read
        still running after `CLOSE_WAIT_SECONDS` (a lock held elsewhere) keeps its
        connection, which ends with the process.
        """
        if not self._lock.acquire(timeout=CLOSE_WAIT_SECONDS):
            return
        try:
            self._conn.close()
        finally:
            self._lock.release()


def open_watched(
    path: Path, now: Callable[[], datetime], busy_ms: int = BUSY_TIMEOUT_MS
) -> WatchedReader | None:
    """A reader on a bounce file of the current schema, checked as the Store checks it.

    The checks `migrations.open_database` makes (a foreign, damaged or newer file
    raises the same errors), the file kept private and given its id, all without
    SQLAlchemy. None when the file must first be created or migrated: the caller
    opens the Store, which does that.
    """
    facts = migrations.inspect_file(path)
    migrations.check_ours(path, facts)
    if not facts.exists or facts.user_version != migrations.SCHEMA_VERSION:
        return None
    try:
        paths.tighten_file(path)
        identity.ensure_id(path, now())
    except (OSError, sqlite3.Error) as exc:
        raise translate(exc, path) from None
    return WatchedReader(path, busy_ms)
