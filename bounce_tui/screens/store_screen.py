"""What every screen that shows the database shares: its context, and store work off the loop.

Store work runs in thread workers through the context (`ScreenContext.run`);
results come back on the event loop. An error in a job becomes a notification
that carries no user text, never a crash screen (which would print local
variables, notes included).

Forms are opened with `open_form`: the form stays open until its entry is saved,
so a full disk or a locked file never costs the user what they typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import Screen

from bounce_tui.screens.context import ScreenContext
from bounce_tui.screens.error_text import describe_error

if TYPE_CHECKING:
    from bounce_tui.screens.edit_guard import EditGuard
    from bounce_tui.screens.form_base import FormScreen
    from bounce_tui.store.repository import Store

T = TypeVar("T")
R = TypeVar("R")


class StoreScreen(Screen[None]):
    """A screen that reads and writes through its context (`self.ctx`)."""

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._reload: Callable[[], None] | None = None
        self._stale = False
        #: Set by `close_self`: this screen leaves as soon as it is the top screen again.
        self.closing = False

    def when_store_ready(self, load: Callable[[], None]) -> None:
        """Run `load` now, or once the database has opened (a screen opened at start-up)."""
        if self.ctx.store is not None:
            load()
            return

        def ready(_store: object) -> None:
            self.ctx.store_ready.unsubscribe(self)
            load()

        self.ctx.store_ready.subscribe(self, ready)
        self.ctx.want_store()

    def reload_on_change(self, reload: Callable[[], None]) -> None:
        """After every fresh snapshot (a write here or elsewhere), run `reload`: now when
        this screen is shown, else when it is shown again."""
        self._reload = reload

        def changed(_snapshot: object) -> None:
            if self.is_current:
                reload()
            else:
                self._stale = True

        self.ctx.snapshot_changed.subscribe(self, changed)

    def close_self(self, what: str, row_id: str) -> None:
        """The record this screen shows is gone: close THIS screen, never another one.

        When it is on top it closes now; when a form or dialog is open over it, that
        stays open (with whatever was typed) and this screen closes once it is shown
        again. Unless the deletion was made here (it is on the undo stack, which said
        so already), a notice says it was deleted in another window.
        """
        if self.closing:
            return
        self.closing = True
        if not self.deleted_here(row_id):
            self.notify(f"That {what} was deleted in another window.", markup=False)
        if self.is_active:
            self.dismiss()

    def deleted_here(self, row_id: str) -> bool:
        """True when this app's own deletion (on the undo stack) removed the row."""
        return any(
            values.get("id") == row_id for deleted in self.ctx.undo for _, values in deleted.rows
        )

    def on_screen_resume(self) -> None:
        """Catch up on a change that came while another screen was on top."""
        if self.closing:
            if self.is_active:
                self.dismiss()
            return
        if self._stale and self._reload is not None:
            self._stale = False
            self._reload()

    def call_store(
        self,
        job: Callable[[Store], T],
        done: Callable[[T], Any] | None = None,
        *,
        failed: Callable[[BaseException], Any] | None = None,
        writes: bool = True,
    ) -> None:
        """Run `job(store)` in a thread; then `done(result)` on the event loop.

        A job that `writes` is followed by one read of the main snapshot; when the
        job fails, the error is reported and `failed(error)` runs instead.
        """
        self.ctx.run(job, done, failed=failed, writes=writes)

    def open_form(
        self,
        form: FormScreen[R],
        job: Callable[[Store, R], T],
        done: Callable[[T], Any] | None = None,
        *,
        guard: EditGuard[R] | None = None,
    ) -> None:
        """Show `form`; on save run `job(store, entry)`. The form closes once it is saved.

        If the save fails (disk full, file locked or damaged, a rule the store
        checks), the form stays open with the entry as typed and says why. An edit
        passes its `guard` (the job sends `guard.version`): when another window
        changed or deleted the row meanwhile, the guard asks what to do.
        """

        def submit(entry: R) -> None:
            def saved(result: T) -> None:
                form.saved(entry)
                if done is not None:
                    done(result)

            def not_saved(error: BaseException) -> None:
                if guard is not None and guard.handle(self, form, entry, error, again):
                    return
                form.not_saved(describe_error(error))

            def again() -> None:
                submit(entry)

            self.call_store(lambda store: job(store, entry), saved, failed=not_saved)

        form.submit = submit
        self.app.push_screen(form)
