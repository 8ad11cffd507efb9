"""A lesson being saved reads like earlier ones: the same theme, or something different?"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from bounce_tui.domain.dates import local_day
from bounce_tui.domain.snapshot import SimilarLesson
from bounce_tui.domain.text import one_line
from bounce_tui.keys import bindings
from bounce_tui.screens.form_base import DialogScreen

__all__ = ["RepeatChoice", "DIFFERENT", "similar_heading", "similar_line"]

#: What the screen returns for "this is something different" (None: back to the form).
DIFFERENT = ""
_TEXT_LIMIT = 60


def similar_heading(found: SimilarLesson, tz: tzinfo | None = None) -> str:
    """ "You noted something like this after Northwind (12 Nov):" for the first lesson."""
    day = local_day(found.when, tz).strftime("%d %b %Y")
    if found.company:
        return f"You noted something like this after {one_line(found.company, 30)} ({day}):"
    return f"You noted something like this on {day}:"


def similar_line(found: SimilarLesson, tz: tzinfo | None = None) -> Content:
    """One earlier lesson on one line: where and when, then its words (literal text)."""
    day = local_day(found.when, tz).strftime("%d %b")
    where = f"{one_line(found.company, 24)}, {day}" if found.company else day
    words = one_line(found.text, _TEXT_LIMIT)
    if found.prompt.strip():
        words = f"{one_line(found.prompt, 30)} → {words}"
    return Content.assemble((f"{where}: ", "dim"), Content(words))


class RepeatChoice(DialogScreen[str | None]):
    """Show the earlier lessons like the one being saved; return the one to share a theme
    with (its id), DIFFERENT, or None to go back to the form unsaved.

    `s` (or enter on a highlighted lesson) says it is the same theme; `d` that it is
    something different; escape goes back to editing.
    """

    DEFAULT_CSS = """
    RepeatChoice #similar {
        height: auto;
        max-height: 5;
        margin-top: 1;
        background: $surface;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("repeat")

    def __init__(self, similar: Sequence[SimilarLesson], tz: tzinfo | None = None) -> None:
        super().__init__()
        self.similar = tuple(similar)
        self.tz = tz
        self.dialog_title = "Seen this before?"

    def compose_body(self) -> ComposeResult:
        yield Static(Content(similar_heading(self.similar[0], self.tz)), classes="message")
        yield OptionList(
            *(Option(similar_line(s, self.tz), id=s.lesson_id) for s in self.similar),
            id="similar",
            compact=True,
        )
        yield Static(
            Content(
                "The same theme? Both are marked ↻ and your checklist gets one item to "
                "practise it. Different? It is saved on its own."
            ),
            classes="message",
        )
        with Horizontal(id="buttons"):
            yield Label("s same theme · d different · esc back", classes="hint")
            yield Button("Same theme", variant="primary", id="same", compact=True)
            yield Button("Different", id="different", compact=True)

    def on_mount(self) -> None:
        options = self.query_one("#similar", OptionList)
        options.highlighted = 0
        options.focus()

    def cancel_result(self) -> str | None:
        return None

    def _highlighted(self) -> str:
        options = self.query_one("#similar", OptionList)
        index = options.highlighted if options.highlighted is not None else 0
        return self.similar[index].lesson_id

    def action_same(self) -> None:
        """The same theme as the highlighted earlier lesson."""
        self.finish(self._highlighted())

    def action_different(self) -> None:
        """Something different: save it on its own."""
        self.finish(DIFFERENT)

    @on(OptionList.OptionSelected, "#similar")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.finish(self.similar[event.option_index].lesson_id)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "same":
            self.action_same()
        else:
            self.action_different()
