"""Sync while the app is open: when one is due, and one sync for it (no Textual here).

The app asks every few seconds, in a thread (`SyncWatch.tick`). A sync is due
when the database was set up for sync (`bounce sync init`) and

- another connection has committed since the last look (a write in the app, a
  `bounce` command, another window: `PRAGMA data_version` on this watch's own
  connection, which does not move for the syncs it runs itself);
- another device's file in the folder appeared, changed or went away (its name
  and `files.file_identity`: a file replaced with one of the same size and time
  is noticed too);
- `SYNC_EVERY` seconds have passed since the last sync; or the app asks with
  `force` (on start).

A sync that cannot run (the folder is gone, the database is busy) says why in
one line and is tried again at the next due moment. Conflicts are mentioned
once: the number already mentioned is kept in the database.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bounce_tui.store.errors import StoreError
from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.quick.connection import connect, is_current, transaction
from bounce_tui.store.sync import state

#: A sync at least this often while the app is open (seconds), even with nothing seen.
SYNC_EVERY = 300.0
#: How long a background sync waits for the lock before it tries again later (ms).
BACKGROUND_BUSY_MS = 2000


@dataclass(frozen=True)
class SyncOutcome:
    """What the strip shows after a look at the sync: set up or not, when, and trouble."""

    set_up: bool
    last_sync: datetime | None = None
    #: Records merged from other devices by the sync just run.
    merged: int = 0
    #: Versions in the conflict list not looked at yet (`bounce sync --conflicts`), and
    #: how many of them the app has not mentioned before.
    conflicts: int = 0
    new_conflicts: int = 0
    #: Other devices' files skipped, one line each.
    skipped: tuple[str, ...] = ()
    #: Why the sync could not run (None: it ran, or nothing was due).
    problem: str | None = None
    #: The device id this database took in this sync, found copied or moved.
    new_device: str | None = None


@dataclass
class _Seen:
    data_version: int | None = None
    folder: frozenset[tuple[str, object]] | None = None
    synced_at: float | None = None  # monotonic seconds
    set_up: bool = False


def _folder_state(folder: Path, device: str) -> frozenset[tuple[str, object]]:
    """The other devices' files in the folder, each with its `files.file_identity`."""
    from bounce_tui.store.sync import files

    try:
        others = files.other_files(folder, device)
    except files.BadSyncFile:
        return frozenset({("", None)})  # the folder cannot be read: a sync says why
    return frozenset((path.name, files.file_identity(path)) for path in others.values())


def _syncs(conn: sqlite3.Connection) -> bool:
    """Whether `bounce sync init` set this database up."""
    return state.has_tables(conn) and state.get(conn, "device") is not None


def _count(text: str | None) -> int:
    try:
        return max(0, int(text or 0))
    except ValueError:
        return 0


def _moment(text: str | None) -> datetime | None:
    """A stored UTC time (None when there is none or it cannot be read)."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


class SyncWatch:
    """Decides when the open app syncs, and runs that sync on its own connection.

    One thread at a time may call `tick` (the app runs one sync worker at a time);
    `close` may be called from any thread.
    """

    def __init__(self, path: Path, *, every: float = SYNC_EVERY) -> None:
        self.path = Path(path)
        self.every = every
        self._busy = BusyPolicy(busy_ms=BACKGROUND_BUSY_MS)
        self._conn: sqlite3.Connection | None = None
        self._seen = _Seen()
        self._lock = threading.Lock()
        self._closed = False

    def close(self) -> None:
        """Release the connection (at once, or when the running sync ends)."""
        self._closed = True
        if self._lock.acquire(blocking=False):
            try:
                self._drop()
            finally:
                self._lock.release()

    def tick(self, now: datetime, monotonic: float, *, force: bool = False) -> SyncOutcome | None:
        """Sync when one is due (see the module); None when nothing was due or set up."""
        with self._lock:
            if self._closed:
                self._drop()
                return None
            try:
                return self._tick(now, monotonic, force)
            except StoreError as exc:
                self._drop()  # opened again at the next look
                self._seen.data_version = None
                self._seen.synced_at = monotonic
                return SyncOutcome(set_up=self._seen.set_up, problem=str(exc))
            finally:
                if self._closed:
                    self._drop()

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def _connection(self) -> sqlite3.Connection | None:
        if self._conn is None:
            if not is_current(self.path):  # not made yet, or the app is still migrating it
                return None
            self._conn = connect(self.path, self._busy, shared=True)
        return self._conn

    def _tick(self, now: datetime, monotonic: float, force: bool) -> SyncOutcome | None:
        conn = self._connection()
        if conn is None:
            return None
        seen = self._seen
        (version,) = conn.execute("PRAGMA data_version").fetchone()
        seen.set_up = _syncs(conn)
        if not seen.set_up:
            seen.data_version = version
            return None
        device, folder = state.get(conn, "device") or "", Path(state.get(conn, "folder") or ".")
        in_folder = _folder_state(folder, device)
        due = (
            force
            or seen.synced_at is None
            or version != seen.data_version
            or in_folder != seen.folder
            or monotonic - seen.synced_at >= self.every
        )
        if not due:
            return None
        from bounce_tui.store.sync import engine

        seen.synced_at = monotonic
        report = engine.sync(conn, self.path, now, self._busy)
        # What was seen before the sync is what it covered: a commit or a file that came
        # while it ran makes the next look due. (The sync's own commits do not move this
        # connection's data_version, and its own file is not in the folder's state.)
        seen.data_version, seen.folder = version, in_folder
        unseen, new = self._conflicts(conn)
        return SyncOutcome(
            set_up=True,
            last_sync=_moment(state.get(conn, "last_sync")),
            merged=report.merged,
            conflicts=unseen,
            new_conflicts=new,
            skipped=tuple(report.skipped),
            new_device=report.new_device,
        )

    def _conflicts(self, conn: sqlite3.Connection) -> tuple[int, int]:
        """Conflicts not looked at yet, and how many were not mentioned before (now they are)."""
        (total,) = conn.execute("SELECT count(*) FROM sync_conflict").fetchone()
        seen = _count(state.get(conn, "conflicts_seen"))
        mentioned = _count(state.get(conn, "conflicts_mentioned"))
        unseen = max(0, total - seen)
        if total <= mentioned:
            return unseen, 0
        transaction(
            conn, self.path, self._busy, lambda: state.put(conn, "conflicts_mentioned", str(total))
        )
        return unseen, total - mentioned

    def sync_once(self, now: datetime) -> str | None:
        """Sync now when this database syncs (the app's last sync); why not, in one line."""
        from bounce_tui.store.sync import engine

        with self._lock:
            try:
                conn = self._connection()
                if conn is None or not _syncs(conn):
                    return None
                engine.sync(conn, self.path, now, self._busy)
            except StoreError as exc:
                return str(exc)
        return None


def sync_on_quit(path: Path, now: datetime) -> str | None:
    """One sync as the app closes, when this database syncs; why it failed, in one line."""
    watch = SyncWatch(path)
    try:
        return watch.sync_once(now)
    finally:
        watch.close()
