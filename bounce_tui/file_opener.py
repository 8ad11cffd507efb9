"""`FileOpener`: opens the snapshot reader and the Store for the app, waiting while busy.

While another program holds the database, opening waits in short steps for up to two
minutes and says on screen that it is retrying (never more often than every ten
seconds). The snapshot reader is plain sqlite3 (store/file/watch.py); the Store, and
with it the ORM, opens first only when the file must be created or migrated.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, tzinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App

if TYPE_CHECKING:
    from bounce_tui.store.file.watch import WatchedReader
    from bounce_tui.store.repository import Store

T = TypeVar("T")

#: While another program holds the database: each wait (ms), how long to keep retrying (s),
#: and how often to repeat the "retrying" notice (s).
BUSY_STEP_MS = 1000
BUSY_RETRY_SECONDS = 120.0
BUSY_NOTICE_EVERY = 10.0


class FileOpener:
    """Opens one database file's reader and Store from worker threads, retrying while busy."""

    def __init__(
        self,
        app: App[Any],
        db_path: Path,
        *,
        now: Callable[[], datetime],
        tz: tzinfo | None,
    ) -> None:
        self.app = app
        self.db_path = db_path
        self._now = now
        self.tz = tz
        self._busy_said_at = -1.0

    def open_reader(self) -> tuple[WatchedReader, Store | None]:
        """The snapshot's reader; the Store too when the file had to be created or migrated."""
        from bounce_tui.store.file.watch import open_watched

        reader = self.retrying(lambda: open_watched(self.db_path, self._now, BUSY_STEP_MS))
        if reader is not None:
            return reader, None
        store = self.open_store()
        try:
            reader = self.retrying(lambda: open_watched(self.db_path, self._now, BUSY_STEP_MS))
        except BaseException:
            store.close()
            raise
        if reader is None:  # the Store leaves a current file behind; anything else is odd
            store.close()
            from bounce_tui.store.errors import StoreError

            raise StoreError(f"{self.db_path} could not be opened at the current schema")
        return reader, store

    def open_store(self) -> Store:
        """Open the Store; while another program holds the file, say so and keep trying."""
        from bounce_tui.store.file.engine import BusyPolicy
        from bounce_tui.store.repository import Store

        policy = BusyPolicy(BUSY_STEP_MS, BUSY_RETRY_SECONDS, self.say_busy)
        return self.retrying(lambda: Store(self.db_path, now=self._now, tz=self.tz, busy=policy))

    def retrying(self, opening: Callable[[], T]) -> T:
        """`opening()`, again while another program holds the file (for up to two minutes)."""
        from bounce_tui.store.errors import DatabaseBusy

        started = time.monotonic()
        while True:
            try:
                return opening()
            except DatabaseBusy:
                waited = time.monotonic() - started
                if waited >= BUSY_RETRY_SECONDS:
                    raise
                self.say_busy(waited)
                time.sleep(BUSY_STEP_MS / 1000)

    def say_busy(self, _waited: float) -> None:
        """Called from a worker thread while a write waits for a lock: say it is retrying."""
        now = time.monotonic()
        if self._busy_said_at >= 0 and now - self._busy_said_at < BUSY_NOTICE_EVERY:
            return
        self._busy_said_at = now
        notice = partial(
            self.app.notify,
            "The database is busy in another program; retrying. What you entered is kept "
            "and saved as soon as the file is free.",
            title="Waiting for the database",
            severity="warning",
            timeout=BUSY_NOTICE_EVERY,
            markup=False,
        )
        try:
            self.app.call_from_thread(notice)
        except RuntimeError:  # called on the app's own thread
            notice()
