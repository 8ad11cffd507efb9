"""Make a decision item's choice: its views on one side, its choices to pick from."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from bounce_tui.domain.snapshot import ItemView
from bounce_tui.domain.text import one_line, visible
from bounce_tui.screens.form_base import DialogScreen, shown

__all__ = ["ChoiceForm"]

_TITLE_LIMIT = 200
_CHOICE_LIMIT = 68


class ChoiceForm(DialogScreen[str | None]):
    """Show a decision (title, each view on its own line) and return the chosen choice or None.

    The current choice, if any, is highlighted; `enter` or a click picks one.
    """

    DEFAULT_CSS = """
    ChoiceForm #views {
        height: auto;
        max-height: 10;
        margin-top: 1;
    }
    ChoiceForm #views > .view {
        height: auto;
        margin-bottom: 1;
    }
    ChoiceForm #choices {
        height: auto;
        max-height: 6;
        background: $surface;
    }
    ChoiceForm #title {
        margin-top: 1;
        text-style: bold;
    }
    """

    def __init__(self, item: ItemView) -> None:
        super().__init__()
        self.item = item
        self.dialog_title = "Decide"

    def compose_body(self) -> ComposeResult:
        item = self.item
        yield Static(shown(one_line(item.title, _TITLE_LIMIT)), id="title", markup=False)
        views = VerticalScroll(id="views")
        views.can_focus = False
        with views:
            for view in item.views:
                yield Static(shown("• " + view), classes="view", markup=False)
        options = [Option(shown(one_line(c, _CHOICE_LIMIT) or visible(c))) for c in item.choices]
        choices = OptionList(*options, id="choices", compact=True)
        if item.choice in item.choices:
            choices.highlighted = item.choices.index(item.choice)
        yield choices
        with Horizontal(id="buttons"):
            yield Label("enter choose · esc cancel", classes="hint")
            yield Button("Cancel", id="cancel", compact=True)

    def cancel_result(self) -> str | None:
        return None

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.finish(self.item.choices[event.option_index])

    @on(Button.Pressed, "#cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
