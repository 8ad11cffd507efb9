"""What a screen may use of the app, as a protocol: the screens' only view of it.

The app hands every screen its context object in the constructor; screens never
import `app.py`. The context owns the store, the current main snapshot, the undo
stack, the change watcher, the busy-retry policy and the clock, and announces:

- `store_ready`: the store is open (it opens when first needed: `want_store`; the main
  snapshot is read without it, so content shows first);
- `snapshot_changed`: a fresh main snapshot was read (after a write, another
  program's write, or midnight);
- `ticked`: once a second, with the current moment.

See docs/architecture.md for the flow of a write and of another program's write.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from textual.signal import Signal

    from bounce_tui.domain.snapshot import MainSnapshot
    from bounce_tui.store.cases.undo import Deleted
    from bounce_tui.store.repository import Store
    from bounce_tui.store.sync.watch import SyncOutcome

T = TypeVar("T")


class SyncView(Protocol):
    """The open app's sync, as the screens see it: its latest outcome, and news of the next."""

    changed: Signal[SyncOutcome]

    @property
    def outcome(self) -> SyncOutcome | None:
        """The latest sync's outcome (None: this database does not sync, or none ran yet)."""


class ScreenContext(Protocol):
    """The data, the clock and store work, as the screens see them."""

    #: The local zone that decides calendar days (None: the system's).
    tz: tzinfo | None
    #: Deletions that `u` can undo, the latest last.
    undo: list[Deleted]
    store_ready: Signal[Store]
    snapshot_changed: Signal[MainSnapshot]
    ticked: Signal[datetime]

    @property
    def sync(self) -> SyncView:
        """Sync through the shared folder, while the app is open."""

    @property
    def store(self) -> Store | None:
        """The open store (None until the database is open)."""

    @property
    def snapshot(self) -> MainSnapshot | None:
        """The latest main snapshot (None until the first read)."""

    @property
    def open_error(self) -> str | None:
        """Why the database could not be opened (None: it opened, or is opening)."""

    def now(self) -> datetime:
        """The injected clock."""

    def today(self) -> date:
        """The local calendar day by the injected clock."""

    def run(
        self,
        job: Callable[[Store], T],
        done: Callable[[T], Any] | None = None,
        *,
        failed: Callable[[BaseException], Any] | None = None,
        writes: bool = True,
    ) -> None:
        """Run `job(store)` in a thread; `done(result)` (or `failed(error)`) on the event loop.

        A job that `writes` is followed by exactly one read of the main snapshot.
        """

    def want_store(self) -> None:
        """Open the store now if it is not open (jobs given to `run` wait for it anyway)."""

    def reload(self) -> None:
        """Read the main snapshot again."""

    def report_error(self, exc: BaseException) -> None:
        """Say what went wrong in one line (never a traceback, never user text)."""

    def open(self) -> None:
        """Open the database (again, after a restore) and read the first snapshot."""
