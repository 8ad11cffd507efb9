"""`BounceContext`: the data side of the app, handed to every screen (see screens/context.py).

It reads the main snapshot in a worker after the first frame, through plain
sqlite3, and opens the ORM store when first needed (`want_store`); every store
job runs in a thread worker. Its rule for reads:

- a write made here is followed by exactly one read of the main snapshot;
- once a second it asks the snapshot's connection whether another program has
  committed since that read (`PRAGMA data_version`, see store/file/watch.py)
  and reads once more only then, or when the local day has rolled over;
- reads requested while one runs are merged into one more read after it.

While another program holds the database, opening and writes wait in short steps
for up to two minutes, saying that they are retrying (file_opener.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.app import App
from textual.signal import Signal

from bounce_tui.background_sync import BackgroundSync
from bounce_tui.domain.dates import local_day, local_time
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.reminder import check_in_reminder_due
from bounce_tui.file_opener import BUSY_STEP_MS, FileOpener
from bounce_tui.screens.error_text import describe_error
from bounce_tui.store_jobs import StoreJobs

if TYPE_CHECKING:
    from bounce_tui.domain.snapshot import MainSnapshot
    from bounce_tui.store.cases.undo import Deleted
    from bounce_tui.store.file.watch import WatchedReader
    from bounce_tui.store.read.early import EarlyRead
    from bounce_tui.store.repository import Store


class OpenFailure(NamedTuple):
    """Why the database could not be opened, and whether a backup may replace the file."""

    path: Path
    reason: str
    restorable: bool


class BounceContext(StoreJobs):
    """Owns the store, the main snapshot, undo, the watcher, busy retries and the clock."""

    def __init__(
        self,
        app: App[Any],
        db_path: Path,
        *,
        now: Callable[[], datetime],
        tz: tzinfo | None = None,
        early: EarlyRead | None = None,
        sync_seconds: float | None = None,
    ) -> None:
        self.app = app
        self._early = early
        self._adopted = False  # the first snapshot came from `early` (`adopt_early`)
        self.db_path = Path(db_path)
        self._now = now
        self.tz = tz
        self.undo: list[Deleted] = []
        self.store_ready: Signal[Store] = Signal(app, "store-ready")
        self.snapshot_changed: Signal[MainSnapshot] = Signal(app, "snapshot-changed")
        self.ticked: Signal[datetime] = Signal(app, "ticked")
        self.open_failed: Signal[OpenFailure] = Signal(app, "open-failed")
        #: How many times the main snapshot has been read (tests count reads per write).
        self.snapshot_reads = 0
        self._store: Store | None = None
        self._reader: WatchedReader | None = None
        self._store_opening = False
        self._store_wanted = False
        #: Store jobs given before the store opened; each starts once it has.
        self._waiting: list[Callable[[Store | None], None]] = []
        self._snapshot: MainSnapshot | None = None
        self._open_error: str | None = None
        self._writes_running = 0
        self._loading = False
        self._load_again = False
        self._reminded_on: date | None = None
        self._opener = FileOpener(app, self.db_path, now=now, tz=tz)
        #: Sync through the shared folder while the app is open (None: only when asked).
        self.sync = BackgroundSync(app, self.db_path, now, look_seconds=sync_seconds)

    # -- what screens read -------------------------------------------------------------

    @property
    def store(self) -> Store | None:
        """The open store (None until the database is open)."""
        return self._store

    @property
    def snapshot(self) -> MainSnapshot | None:
        """The latest main snapshot (None until the first read)."""
        return self._snapshot

    @property
    def open_error(self) -> str | None:
        """Why the database could not be opened (None: it opened, or is opening)."""
        return self._open_error

    def now(self) -> datetime:
        """The injected clock."""
        return self._now()

    def today(self) -> date:
        """The local calendar day by the injected clock."""
        return local_day(self._now(), self.tz)

    # -- opening -------------------------------------------------------------------------

    def open(self) -> None:
        """Read the first snapshot in a worker; the ORM store opens when first needed.

        The main snapshot is read through plain sqlite3 (store/file/watch.py), so the
        person's content is on screen without waiting for SQLAlchemy. The Store (and
        with it the ORM) opens at the first key, the first store job or a screen that
        needs it (`want_store`); a file that must be created or migrated opens it first.
        """
        self._open_error = None
        worker = self._backup_worker if self._adopted else self._open_worker
        self._adopted = False
        self.app.run_worker(worker, thread=True, exclusive=True, group="open")

    def adopt_early(self) -> None:
        """Take the snapshot read while the app was imported, so the first frame shows it."""
        early, self._early = self._early.take() if self._early else None, None
        if early is not None:  # store/read/early.py; None: `open` reads it the usual way
            self._reader, self._snapshot = early[0], self._with_settings(early[1])
            self.snapshot_reads += 1
            self._adopted = True

    def _open_worker(self) -> None:
        try:
            reader, store = self._opener.open_reader()
            snapshot = self._read_snapshot(reader)
        except Exception as exc:  # noqa: BLE001 - shown on screen, never a crash
            self.app.call_from_thread(self._failed_to_open, exc)
            return
        self.app.call_from_thread(self._opened, reader, store, snapshot)
        self._backup_worker()

    def _backup_worker(self) -> None:
        from bounce_tui.store.file import backup

        try:
            backup.daily_backup(self.db_path, self._now())
        except Exception as exc:  # noqa: BLE001 - the data is safe; say the backup failed
            self.app.call_from_thread(self.report_error, exc)

    def _read_snapshot(self, reader: WatchedReader) -> MainSnapshot:
        from bounce_tui.store.read.snapshot import load_main_snapshot

        with reader.reading() as conn:
            return self._with_settings(load_main_snapshot(conn, self._now(), self.tz))

    def _with_settings(self, snapshot: MainSnapshot) -> MainSnapshot:
        """The snapshot as the screens see it (the settings file's values laid over it)."""
        return snapshot

    def _opened(self, reader: WatchedReader, store: Store | None, snapshot: MainSnapshot) -> None:
        self.close()
        self._reader = reader
        self.snapshot_reads += 1
        self._show(snapshot)
        if store is not None:
            self._store_opened(store)
        elif self._store_wanted:  # a key or a job came while the snapshot was read
            self._store_wanted = False
            self.want_store()

    def want_store(self) -> None:
        """Open the Store in a worker, unless it is open, opening or the file failed.

        Called at the first key and by anything that needs the store; `store_ready`
        announces it, and jobs given to `run` meanwhile wait for it.
        """
        if self._store is not None or self._store_opening or self._open_error is not None:
            return
        if self._reader is None:  # still reading the first snapshot: open right after it
            self._store_wanted = True
            return
        self._store_opening = True
        self.app.run_worker(self._store_worker, thread=True, group="store-open")

    def _store_worker(self) -> None:
        try:
            store = self._opener.open_store()
        except Exception as exc:  # noqa: BLE001 - shown on screen, never a crash
            self.app.call_from_thread(self._store_failed, exc)
            return
        self.app.call_from_thread(self._store_opened, store)

    def _store_opened(self, store: Store) -> None:
        self._store_opening = False
        if self._store is not None:
            self._store.close()
        self._store = store
        self.store_ready.publish(store)
        waiting, self._waiting = self._waiting, []
        for start in waiting:
            start(store)

    def _store_failed(self, exc: Exception) -> None:
        self._store_opening = False
        waiting, self._waiting = self._waiting, []
        self._failed_to_open(exc)
        for start in waiting:
            start(None)

    def _failed_to_open(self, exc: Exception) -> None:
        from bounce_tui.store.errors import (
            DamagedDatabase,
            ForeignDatabase,
            NewerSchema,
            NotADatabase,
        )

        self._open_error = describe_error(exc)
        restorable = isinstance(exc, (DamagedDatabase, ForeignDatabase, NewerSchema, NotADatabase))
        self.open_failed.publish(OpenFailure(self.db_path, self._open_error, restorable))

    def close(self) -> None:
        """Release the store's and the snapshot reader's connections."""
        store, reader = self._store, self._reader
        self._store = self._reader = None
        if store is not None:
            store.close()
        if reader is not None:
            reader.close()

    # -- reading the main snapshot ---------------------------------------------------------

    def reload(self) -> None:
        """Read the main snapshot again (one read; requests made meanwhile share the next)."""
        reader = self._reader
        if reader is None:
            return
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        self.snapshot_reads += 1
        self.app.run_worker(partial(self._load_worker, reader), thread=True, group="load")

    def _load_worker(self, reader: WatchedReader) -> None:
        try:
            snapshot = self._read_snapshot(reader)
        except Exception as exc:  # noqa: BLE001 - reported, never raised into Textual
            self.app.call_from_thread(self._load_failed, exc)
            return
        self.app.call_from_thread(self._loaded, snapshot)

    def _loaded(self, snapshot: MainSnapshot) -> None:
        self._loading = False
        self._show(snapshot)
        self._again_if_asked()

    def _load_failed(self, exc: BaseException) -> None:
        from bounce_tui.store.errors import DatabaseBusy

        self._loading = False
        if isinstance(exc, DatabaseBusy):  # another program holds the file: read again soon
            self.app.set_timer(BUSY_STEP_MS / 1000, self.reload)
        else:
            self.report_error(exc)
        self._again_if_asked()

    def _again_if_asked(self) -> None:
        if self._load_again:
            self._load_again = False
            self.reload()

    def _show(self, snapshot: MainSnapshot) -> None:
        self._snapshot = snapshot
        self.snapshot_changed.publish(snapshot)

    # -- once a second -----------------------------------------------------------------------

    def every_second(self) -> None:
        """Notice other writers and midnight, tick the screens, remind once a day."""
        now = self._now()
        reader, snapshot = self._reader, self._snapshot
        if reader is not None and not self._loading and self._writes_running == 0:
            rolled_over = snapshot is not None and local_day(now, self.tz) != snapshot.today.day
            if rolled_over or reader.changed():
                self.reload()
        self.ticked.publish(now)
        self._maybe_remind(now)

    def _maybe_remind(self, now: datetime) -> None:
        snapshot = self._snapshot
        if snapshot is None:
            return
        if self._writes_running or self._loading or len(self.app.screen_stack) > 1:
            return  # not while the person is busy (a form open, a check-in being saved)
        local = local_time(now, self.tz)
        checked_in = bool(snapshot.today.moods)
        hour = snapshot.settings.get("reminder_hour")
        if not check_in_reminder_due(
            local, snapshot.today.day, checked_in, self._reminded_on, hour
        ):
            return
        self._reminded_on = local.date()
        self.app.notify(
            "No check-in yet today. How are you, honestly? Press c — it takes ten seconds.",
            title="Check in",
            timeout=15,
            markup=False,
        )

    # -- errors ------------------------------------------------------------------------------

    def report_error(self, exc: BaseException) -> None:
        """Show an error as a notification (one line: no user text, no traceback)."""
        warning = isinstance(exc, DomainError)
        self.app.notify(
            describe_error(exc), severity="warning" if warning else "error", markup=False, timeout=8
        )
