"""What every screen that shows the database shares: running store calls off the event loop.

Store work runs in thread workers; results come back to the event loop through
`call_from_thread`. An error in a worker becomes a notification that carries no
user text, never a crash screen (which would print local variables, notes included).

Forms are opened with `open_form`: the form stays open until its entry is saved,
so a full disk or a locked file never costs the user what they typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.screen import Screen

if TYPE_CHECKING:
    from bounce_tui.app import BounceApp
    from bounce_tui.screens.form_base import FormScreen
    from bounce_tui.store.repository import Store

T = TypeVar("T")
R = TypeVar("R")


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
        failed: Callable[[BaseException], Any] | None = None,
        reload: bool = True,
    ) -> None:
        """Run `job(store)` in a thread; then `done(result)` on the event loop and reload.

        When the job fails, the error is reported and `failed(error)` runs instead.
        """
        if self.bounce.store is None:
            from bounce_tui.store.errors import StoreError

            self.notify("Still opening the database — try again in a moment.", markup=False)
            if failed is not None:
                failed(StoreError("the database is still opening; nothing was saved, try again"))
            return
        self._store_worker(job, done, failed, reload)

    def open_form(
        self,
        form: FormScreen[R],
        job: Callable[[Store, R], T],
        done: Callable[[T], Any] | None = None,
    ) -> None:
        """Show `form`; on save run `job(store, entry)`. The form closes once it is saved.

        If the save fails (disk full, file locked or damaged, a rule the store
        checks), the form stays open with the entry as typed and says why.
        """

        def submit(entry: R) -> None:
            def saved(result: T) -> None:
                form.saved(entry)
                if done is not None:
                    done(result)

            def not_saved(error: BaseException) -> None:
                from bounce_tui.app import describe_error

                form.not_saved(describe_error(error))

            self.call_store(lambda store: job(store, entry), saved, failed=not_saved)

        form.submit = submit
        self.app.push_screen(form)

    @work(thread=True, group="store")
    def _store_worker(
        self,
        job: Callable[[Store], T],
        done: Callable[[T], Any] | None,
        failed: Callable[[BaseException], Any] | None,
        reload: bool,
    ) -> None:
        store = self.bounce.store
        assert store is not None
        try:
            result = job(store)
        except Exception as exc:  # noqa: BLE001 - reported, never raised into Textual
            self.app.call_from_thread(self.bounce.report_error, exc)
            if failed is not None:
                self.app.call_from_thread(failed, exc)
            return
        if done is not None:
            self.app.call_from_thread(done, result)
        if reload:
            self.app.call_from_thread(self.bounce.reload)
