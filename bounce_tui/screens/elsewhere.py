"""Dialogs for an edit that met another window's change: which version stays, or save as new.

`VersionChoice` shows the other window's version beside what the person typed
(only the fields that differ) and returns "mine", "theirs" or None (back to the
form). `GoneChoice` says the row was deleted elsewhere and returns "new",
"discard" or None. Both keep the form underneath as it was: nothing is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Label, Static

from bounce_tui.domain.text import one_line
from bounce_tui.keys import bindings
from bounce_tui.screens.form_base import DialogScreen

__all__ = ["VersionChoice", "GoneChoice", "Difference", "KEEP_MINE", "TAKE_THEIRS"]

KEEP_MINE = "mine"
TAKE_THEIRS = "theirs"
SAVE_AS_NEW = "new"
DISCARD = "discard"
_VALUE_LIMIT = 58

#: One field that differs: its label, the other window's value, the person's value.
Difference = tuple[str, str, str]


def difference_lines(differences: Sequence[Difference]) -> Content:
    """The fields that differ, one under the other: label, then theirs and yours (literal)."""
    parts: list[Content] = []
    for label, theirs, mine in differences:
        parts.append(Content.styled(label, "bold"))
        parts.append(Content.assemble(("  other window: ", "dim"), one_line(theirs, _VALUE_LIMIT)))
        parts.append(Content.assemble(("  yours:        ", "dim"), one_line(mine, _VALUE_LIMIT)))
    return Content("\n").join(parts)


class VersionChoice(DialogScreen[str | None]):
    """The row changed in another window while the form was open: whose version stays?

    `m` keeps mine (saves the form over theirs), `t` takes theirs (the form closes,
    nothing written); escape goes back to the form with the text as typed.
    """

    DEFAULT_CSS = """
    VersionChoice #differences {
        height: auto;
        max-height: 12;
        margin-top: 1;
        background: $surface;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("versions")

    def __init__(self, what: str, differences: Sequence[Difference]) -> None:
        super().__init__()
        self.what = what
        self.differences = tuple(differences)
        self.dialog_title = "Changed in another window"

    def compose_body(self) -> ComposeResult:
        yield Static(
            Content(f"While you were editing, this {self.what} was changed in another window."),
            classes="message",
        )
        with VerticalScroll(id="differences"):
            yield Static(difference_lines(self.differences), id="difference-lines")
        yield Static(
            Content(
                "Keep mine saves yours over theirs. Take theirs closes this form; "
                "nothing of yours is saved."
            ),
            classes="message",
        )
        with Horizontal(id="buttons"):
            yield Label("m mine · t theirs · esc back", classes="hint")
            yield Button("Keep mine", variant="primary", id="mine", compact=True)
            yield Button("Take theirs", id="theirs", compact=True)

    def on_mount(self) -> None:
        self.query_one("#mine", Button).focus()

    def cancel_result(self) -> str | None:
        return None

    def action_keep_mine(self) -> None:
        """Save the form's version over the other window's."""
        self.finish(KEEP_MINE)

    def action_take_theirs(self) -> None:
        """Keep the other window's version; close the form without saving."""
        self.finish(TAKE_THEIRS)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.finish(KEEP_MINE if event.button.id == "mine" else TAKE_THEIRS)


class GoneChoice(DialogScreen[str | None]):
    """The row was deleted in another window while the form was open.

    `n` saves the form as a new entry (when `can_add`), `d` discards it; escape goes
    back to the form with the text as typed.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("gone")

    def __init__(self, what: str, *, can_add: bool = True) -> None:
        super().__init__()
        self.what = what
        self.can_add = can_add
        self.dialog_title = "Deleted in another window"

    def compose_body(self) -> ComposeResult:
        offer = (
            "Save what you typed as a new one, or discard it?"
            if self.can_add
            else "It cannot be saved as a new one; discard what you typed?"
        )
        yield Static(
            Content(
                f"While you were editing, this {self.what} was deleted in another window. "
                f"Your text is still here. {offer}"
            ),
            classes="message",
        )
        with Horizontal(id="buttons"):
            hint = "n new · d discard · esc back" if self.can_add else "d discard · esc back"
            yield Label(hint, classes="hint")
            if self.can_add:
                yield Button("Save as new", variant="primary", id="new", compact=True)
            yield Button("Discard", id="discard", compact=True)

    def on_mount(self) -> None:
        self.query_one("#new" if self.can_add else "#discard", Button).focus()

    def cancel_result(self) -> str | None:
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`n` only when the entry can be made again."""
        return self.can_add if action == "save_as_new" else True

    def action_save_as_new(self) -> None:
        """Save the form's values as a new entry."""
        if self.can_add:
            self.finish(SAVE_AS_NEW)

    def action_discard(self) -> None:
        """Close the form without saving."""
        self.finish(DISCARD)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.finish(SAVE_AS_NEW if event.button.id == "new" else DISCARD)
