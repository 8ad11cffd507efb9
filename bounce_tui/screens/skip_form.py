"""The small form that marks a day as skipped: only an optional reason."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input, Static

from bounce_tui.domain.text import clean_text
from bounce_tui.screens.form_base import FormScreen, row

__all__ = ["SkipForm"]


class SkipForm(FormScreen[str]):
    """Skip `day`: returns the reason ("" when none is given) or None on escape."""

    save_label = "Skip the day"
    keys_hint = "enter save · esc cancel"

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day
        self.dialog_title = f"Skip {day:%a %d %b}"

    def compose_fields(self) -> ComposeResult:
        yield Static(
            "A day you chose not to check in: being sick, a holiday, a break. Your streak holds.",
            classes="message",
            markup=False,
        )
        yield row("Reason", Input(placeholder="optional", id="reason", compact=True))

    def build_result(self) -> str:
        return self.check(
            "reason", clean_text, self.text("reason"), "reason", required=False, max_len=500
        )
