"""The one-line close-out note asked for when a mourning period ends."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Static

from bounce_tui.domain.text import clean_text
from bounce_tui.screens.form_base import FormScreen, shown

__all__ = ["CloseOutForm", "CLOSE_OUT_PROMPT"]

CLOSE_OUT_PROMPT = "One line to close it out — what do you take with you?"


class CloseOutForm(FormScreen[str]):
    """Mourning time for `company` is over: returns the note ("" allowed) or None on escape."""

    save_label = "Close it out"
    keys_hint = "enter save · esc later"

    def __init__(self, company: str) -> None:
        super().__init__()
        self.company = company
        self.dialog_title = "Time to move on"

    def compose_fields(self) -> ComposeResult:
        yield Static(
            shown(f"Your mourning time for {self.company} is over."),
            classes="message",
            markup=False,
        )
        yield Static(CLOSE_OUT_PROMPT, classes="message", markup=False)
        yield Input(placeholder="optional", id="note", compact=True)

    def build_result(self) -> str:
        return self.check(
            "note", clean_text, self.text("note"), "note", required=False, max_len=2000
        )
