"""`BackgroundSync`: the open app syncs through the shared folder, in a thread, quietly.

A moment after the content is on screen, and then every `LOOK_SECONDS`, a thread
worker asks `store/sync/watch.py` whether a sync is due (a write since the last
one, another device's file changed, or some minutes passed) and runs it. The
sync's commits reach the screens the way any other program's writes do (the
context notices them and reads the snapshot again), so a check-in made on the
other computer appears here with no restart.

What the person sees: a quiet mark at the end of the strip (when it last
synced, or that it could not), and a notification once for new conflicts, once
for each file skipped and once for each reason a sync could not run. The app's
last sync, on quit, runs in `cli/tui.py` once the terminal is back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.signal import Signal

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from bounce_tui.store.sync.watch import SyncOutcome, SyncWatch

#: How often the app looks whether a sync is due (seconds).
LOOK_SECONDS = 10.0
#: How long after the first frame the first sync starts (seconds).
FIRST_LOOK_SECONDS = 1.5

__all__ = ["BackgroundSync", "LOOK_SECONDS"]


def _entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"


class BackgroundSync:
    """Looks whether a sync is due, runs it in a thread, announces what it found."""

    def __init__(
        self,
        app: App[Any],
        db_path: Path,
        now: Callable[[], datetime],
        *,
        look_seconds: float | None = LOOK_SECONDS,
    ) -> None:
        self.app = app
        self._now = now
        self.look_seconds = look_seconds
        self._path = db_path
        #: Made in the first look's thread: the sync modules are not imported before it.
        self._watch: SyncWatch | None = None
        self._closed = False
        #: Published after every sync the app ran (and after one that could not run).
        self.changed: Signal[SyncOutcome] = Signal(app, "sync-changed")
        #: The latest sync's outcome (None: sync is not set up, or none ran yet).
        self.outcome: SyncOutcome | None = None
        #: How many looks and syncs ran (tests wait on these).
        self.looks = 0
        self._running = False
        self._said: set[str] = set()

    def start(self) -> None:
        """Look soon after the first frame, then every `look_seconds` (None: only when asked)."""
        if self.look_seconds is None:
            return
        self.app.set_timer(FIRST_LOOK_SECONDS, partial(self.look, force=True))
        self.app.set_interval(self.look_seconds, self.look)

    def look(self, *, force: bool = False) -> None:
        """Ask in a thread whether a sync is due and run it (one at a time)."""
        if self._running:
            return
        self._running = True
        self.app.run_worker(partial(self._worker, force), thread=True, group="sync")

    def close(self) -> None:
        """Release the sync's connection (a sync still running lets go of it when it ends)."""
        self._closed = True
        if self._watch is not None:
            self._watch.close()

    def _worker(self, force: bool) -> None:
        from bounce_tui.store.sync import is_set_up

        if self._watch is None and not is_set_up(self._path):
            self._answer(None)  # most databases do not sync: the sync is not even loaded
            return
        from bounce_tui.store.sync.watch import SyncOutcome, SyncWatch

        if self._watch is None:
            self._watch = SyncWatch(self._path)
            if self._closed:
                self._watch.close()
        try:
            outcome = self._watch.tick(self._now(), time.monotonic(), force=force)
        except Exception as exc:  # noqa: BLE001 - said in one line, never raised into Textual
            outcome = SyncOutcome(set_up=True, problem=f"sync stopped ({type(exc).__name__})")
        self._answer(outcome)

    def _answer(self, outcome: SyncOutcome | None) -> None:
        try:
            self.app.call_from_thread(self._done, outcome)
        except RuntimeError:  # the app closed while the sync ran
            return

    def _done(self, outcome: SyncOutcome | None) -> None:
        self._running = False
        self.looks += 1
        if outcome is None:
            return
        if not outcome.set_up:
            self.outcome = None
            self.changed.publish(outcome)
            return
        self.outcome = outcome
        if outcome.problem is None:
            self._said = {said for said in self._said if not said.startswith("problem:")}
        self._say(outcome)
        self.changed.publish(outcome)

    def _say(self, outcome: SyncOutcome) -> None:
        if outcome.new_conflicts:
            self.app.notify(
                f"{_entries(outcome.new_conflicts)} changed on two computers before "
                "they synced: the newer change is kept, the other is in `bounce sync "
                "--conflicts`.",
                title="Sync",
                timeout=12,
                markup=False,
            )
        if outcome.new_device is not None:
            self.app.notify(
                "This database was copied or moved: it now syncs as a new device "
                f"({outcome.new_device}).",
                title="Sync",
                timeout=12,
                markup=False,
            )
        for line in outcome.skipped:
            self._once(f"skipped:{line}", f"Sync skipped {line}", "warning")
        if outcome.problem is not None:
            self._once(
                f"problem:{outcome.problem}", f"Could not sync: {outcome.problem}", "warning"
            )

    def _once(self, key: str, text: str, severity: SeverityLevel) -> None:
        if key in self._said:
            return
        self._said.add(key)
        self.app.notify(text, title="Sync", severity=severity, timeout=10, markup=False)
