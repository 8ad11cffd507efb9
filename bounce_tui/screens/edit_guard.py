"""What an edit form remembers of the row it opened on, and what it does when that row moved.

Two windows (or a window and `bounce` in a terminal) may edit the same entry. An
`EditGuard` holds the version (`updated_at`) the form opened with; the save job
sends it to the store, which refuses an edit of a row changed since
(`ChangedElsewhere`) or deleted (`NotFound`). The guard then keeps the form open
with the person's text and asks:

- changed: the fields that differ, the other window's value beside theirs;
  keep mine (save again on the version now stored), take theirs (close the form,
  nothing written) or back to editing. When nothing the form edits moved (say a
  review changed only the schedule), it saves again without asking;
- deleted: save as new (the form's values through an add use case) or discard.

Never a silent overwrite, never lost text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from bounce_tui.screens.error_text import describe_error
from bounce_tui.store.errors import ChangedElsewhere, NotFound

if TYPE_CHECKING:
    from bounce_tui.screens.form_base import FormScreen
    from bounce_tui.screens.store_screen import StoreScreen
    from bounce_tui.store.repository import Store

__all__ = ["EditGuard"]

R = TypeVar("R")

#: A record's editable fields by label, as text to compare and show.
Fields = dict[str, str]

BACK_LINE = (
    "The other window's version is stored now; yours is still here. "
    "ctrl+s saves yours over it, esc leaves theirs."
)


class EditGuard(Generic[R]):
    """The version an edit form opened on, and the answers when the save meets a change.

    `fields_of_view` turns a stored view into labelled text, `fields_of_entry` the
    form's entry (same labels); `add` saves the entry as a new row (None: it cannot).
    """

    def __init__(
        self,
        what: str,
        row_id: str,
        opened: Any,
        *,
        fields_of_view: Callable[[Any], Fields],
        fields_of_entry: Callable[[R], Fields],
        add: Callable[[Store, R], object] | None = None,
    ) -> None:
        self.what = what
        self.row_id = row_id
        #: The version the next save expects (moves on when the person has seen theirs).
        self.version: datetime | None = getattr(opened, "updated_at", None)
        self._seen = fields_of_view(opened)
        self._fields_of_view = fields_of_view
        self._fields_of_entry = fields_of_entry
        self.add = add

    def handle(
        self,
        screen: StoreScreen,
        form: FormScreen[R],
        entry: R,
        error: BaseException,
        again: Callable[[], None],
    ) -> bool:
        """Answer a failed save; False when the error is not about this row moving."""
        if isinstance(error, ChangedElsewhere | NotFound):
            screen.ctx.reload()  # the other window's write: every screen catches up now
        if isinstance(error, ChangedElsewhere):
            self._changed(screen, form, entry, error.current, again)
            return True
        if isinstance(error, NotFound) and error.row_id == self.row_id:
            self._gone(screen, form, entry)
            return True
        if isinstance(error, NotFound) and error.table:
            form.not_saved(
                f"the {error.table} it belongs to was deleted in another window; "
                "choose another or none"
            )
            return True
        return False

    # -- changed ---------------------------------------------------------------------------

    def _changed(
        self,
        screen: StoreScreen,
        form: FormScreen[R],
        entry: R,
        current: object,
        again: Callable[[], None],
    ) -> None:
        from bounce_tui.screens.elsewhere import KEEP_MINE, TAKE_THEIRS, VersionChoice

        theirs = self._fields_of_view(current)
        mine = self._fields_of_entry(entry)
        self.version = getattr(current, "updated_at", None)
        if theirs == self._seen or theirs == mine:
            # Nothing the form edits moved (or both wrote the same): no choice to make.
            self._seen = theirs
            again()
            return
        differences = [
            (label, value, mine.get(label, "")) for label, value in theirs.items()
            if value != mine.get(label, "")
        ]  # fmt: skip

        def answer(choice: str | None) -> None:
            if choice == KEEP_MINE:
                again()
            elif choice == TAKE_THEIRS:
                form.close_unsaved()
                screen.notify(
                    f"Kept the {self.what} as the other window saved it; yours was not saved.",
                    markup=False,
                )
            else:
                self._seen = theirs
                form.resume()
                form.show_error(BACK_LINE)

        screen.app.push_screen(VersionChoice(self.what, differences), answer)

    # -- deleted ---------------------------------------------------------------------------

    def _gone(self, screen: StoreScreen, form: FormScreen[R], entry: R) -> None:
        from bounce_tui.screens.elsewhere import DISCARD, SAVE_AS_NEW, GoneChoice

        add = self.add

        def answer(choice: str | None) -> None:
            if choice == SAVE_AS_NEW and add is not None:

                def saved(_result: object) -> None:
                    form.saved(entry)
                    screen.notify(f"Saved as a new {self.what}.", markup=False)

                screen.call_store(
                    lambda store: add(store, entry),
                    saved,
                    failed=lambda error: form.not_saved(describe_error(error)),
                )
            elif choice == DISCARD:
                form.close_unsaved()
                screen.notify(
                    f"Discarded; that {self.what} was deleted in another window.", markup=False
                )
            else:
                form.resume()
                form.show_error(
                    f"This {self.what} was deleted in another window; your text is still "
                    "here. ctrl+s asks again: save as new, or discard."
                )

        screen.app.push_screen(GoneChoice(self.what, can_add=add is not None), answer)
