"""What every screen that shows the database shares: running store calls off the event loop.

Store work runs in thread workers; results come back to the event loop through
`call_from_thread`. An error in a worker becomes a notification that carries no
user text, never a crash screen (which would print local variables, notes included).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.screen import Screen

if TYPE_CHECKING:
    from bounce_tui.app import BounceApp
    from bounce_tui.store.repository import Store

T = TypeVar("T")


class StoreScreen(Screen[None]):
    """A screen that calls the Store in thread workers and reloads after writes."""

    @property
    def bounce(self) -> BounceApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def call_store(
        self,
        job: Callable[[Store], T],
        done: Callable[[T], Any] | None = None,
        *,
        failed: Callable[[], Any] | None = None,
        reload: bool = True,
    ) -> None:
        """Run `job(store)` in a thread; then `done(result)` on the event loop and reload."""
        if self.bounce.store is None:
            self.notify("Still opening the database — try again in a moment.", markup=False)
            return
        self._store_worker(job, done, failed, reload)

    @work(thread=True, group="store")
    def _store_worker(
        self,
        job: Callable[[Store], T],
        done: Callable[[T], Any] | None,
        failed: Callable[[], Any] | None,
        reload: bool,
    ) -> None:
        store = self.bounce.store
        assert store is not None
        try:
            result = job(store)
        except Exception as exc:  # noqa: BLE001 - reported, never raised into Textual
            self.app.call_from_thread(self.bounce.report_error, exc)
            if failed is not None:
                self.app.call_from_thread(failed)
            return
        if done is not None:
            self.app.call_from_thread(done, result)
        if reload:
            self.app.call_from_thread(self.bounce.reload)
