"""The one-line answer to a reframing question, kept in the rejection's notes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Static

from bounce_tui.domain.checklist import REFRAME_ANSWER_MAX, Reframe
from bounce_tui.domain.text import clean_text, one_line
from bounce_tui.screens.form_base import FormScreen, shown

__all__ = ["ReframeAnswerForm"]


class ReframeAnswerForm(FormScreen[str]):
    """Asks the question again; returns the answer typed (never empty) or None on escape."""

    save_label = "Keep it"
    keys_hint = "enter keep · esc cancel"

    def __init__(self, reframe: Reframe, company: str) -> None:
        super().__init__()
        self.reframe = reframe
        self.company = company
        self.dialog_title = f"Thinking trap — {one_line(reframe.trap, 40)}"

    def compose_fields(self) -> ComposeResult:
        yield Static(shown(one_line(self.reframe.question, 400)), classes="message")
        yield Static(
            shown(f"Your answer goes into the notes of {one_line(self.company, 40)}, dated."),
            classes="message",
        )
        yield Input(placeholder="one line, in your own words", id="answer", compact=True)

    def build_result(self) -> str:
        return self.check(
            "answer", clean_text, self.text("answer"), "answer", max_len=REFRAME_ANSWER_MAX
        )
