"""A yes/no question before something is removed."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Label, Static

from bounce_tui.keys import bindings
from bounce_tui.screens.form_base import DialogScreen, shown

__all__ = ["ConfirmScreen"]


class ConfirmScreen(DialogScreen[bool]):
    """Ask `question` (may hold user text); `y` or the confirm button -> True, `n`/escape -> False.

    The confirm button has focus, so `enter` confirms; `tab` moves to Cancel.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("confirm")

    def __init__(self, question: str, confirm_label: str = "Delete") -> None:
        super().__init__()
        self.question = question
        self.confirm_label = confirm_label
        self.dialog_title = "Are you sure?"

    def compose_body(self) -> ComposeResult:
        yield Static(shown(self.question), classes="message", markup=False)
        with Horizontal(id="buttons"):
            yield Label("y yes · n no", classes="hint")
            yield Button(shown(self.confirm_label), variant="error", id="confirm", compact=True)
            yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm", Button).focus()

    def cancel_result(self) -> bool:
        return False

    def action_answer(self, answer: bool) -> None:
        """Close with `answer`."""
        self.finish(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.finish(event.button.id == "confirm")
