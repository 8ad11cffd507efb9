"""The main snapshot, read in a thread while the app itself is still being imported.

Importing Textual and the screens takes longer than reading the person's data, so
`bounce` starts this read first (`cli/tui.py`) and the app takes its result when it
mounts: the first frame with panes can already hold their content. Only the plain
case is handled here: a file of the current schema that no other program holds.
Anything else (a new or old file, a lock, a damaged file) leaves no result, and the
app opens the file its usual way, which creates, migrates, waits or explains.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the thread itself, so the import overlaps the app's too
    from bounce_tui.domain.snapshot import MainSnapshot
    from bounce_tui.store.file.watch import WatchedReader

#: A lock held longer than this is left to the app's own open, which says so on screen.
EARLY_BUSY_MS = 100


class EarlyRead:
    """A reader and its first main snapshot, made in a background thread started at once."""

    def __init__(self, path: Path, now: Callable[[], datetime], tz: tzinfo | None) -> None:
        self._path, self._now, self._tz = Path(path), now, tz
        self._result: tuple[WatchedReader, MainSnapshot] | None = None
        self._thread = threading.Thread(target=self._read, name="bounce-early-read", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        reader: WatchedReader | None = None
        try:
            from bounce_tui.store.file.watch import open_watched
            from bounce_tui.store.read.snapshot import load_main_snapshot

            reader = open_watched(self._path, self._now, EARLY_BUSY_MS)
            if reader is None:
                return
            with reader.reading() as conn:
                snapshot = load_main_snapshot(conn, self._now(), self._tz)
        except Exception:  # noqa: BLE001 - the app's own open meets it again and explains it
            if reader is not None:
                reader.close()
            return
        self._result = (reader, snapshot)

    def take(self) -> tuple[WatchedReader, MainSnapshot] | None:
        """The reader and snapshot (waiting for the read to end), once; None if it failed."""
        self._thread.join()
        result, self._result = self._result, None
        return result
