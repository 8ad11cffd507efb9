"""The regroup checklist pane: the highlighted rejection's items and the hunt-wide ones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bounce_tui.domain.snapshot import ItemView
from bounce_tui.domain.text import one_line, visible
from bounce_tui.keys import bindings

__all__ = ["RegroupChecklist", "item_prompt"]

TITLE_LIMIT = 120
VIEW_LIMIT = 200
EMPTY_HINT = "Nothing here yet: r logs a rejection, n adds an item."

Part = str | tuple[str, str]


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _due(item: ItemView, today: date) -> list[Part]:
    if item.due_on is None:
        return []
    if item.done or item.due_on > today:
        return [(f" · due {_day(item.due_on)}", "dim")]
    if item.due_on == today:
        return [(" · due today", "$text-accent")]
    return [(f" · due {_day(item.due_on)}", "dim"), (" · overdue", "$text-warning bold")]


def _view_line(view: str) -> Content:
    text = one_line(view, VIEW_LIMIT)
    head = text.split(":", 1)[0].casefold()
    mark = {"for": "+", "against": "−"}.get(head, "·")
    return Content.assemble(f"\n  {mark} ", (text, "dim"))


def item_prompt(item: ItemView, today: date) -> Content:
    """The lines of one item: mark and title, due date; a decision's views and choice."""
    title = one_line(item.title, TITLE_LIMIT)
    if item.kind == "decision":
        decided = bool(item.choice)
        mark = "◆ " if decided else "◇ "
        parts: list[Part | Content] = [
            (mark + title, "dim" if decided else "bold"),
            *_due(item, today),
        ]
        parts.extend(_view_line(view) for view in item.views)
        if decided:
            parts.append(("\n  → chosen: ", "dim"))
            parts.append((one_line(item.choice, 60), "$text-success bold"))
        return Content.assemble(*parts)
    if item.done:
        return Content.assemble((f"☑ {title}", "dim"), *_due(item, today))
    return Content.assemble(f"☐ {title}", *_due(item, today))


class _ItemMessage(Message):
    def __init__(self, checklist: RegroupChecklist, item: ItemView) -> None:
        super().__init__()
        self.checklist = checklist
        self.item = item

    @property
    def control(self) -> RegroupChecklist:
        """The pane that posted the message."""
        return self.checklist


class RegroupChecklist(Widget):
    """The regroup checklist pane: a heading and the items, in the order given.

    The screen calls :meth:`set_items`; the pane posts its nested messages.
    """

    DEFAULT_CSS = """
    RegroupChecklist {
        height: 1fr;
    }
    RegroupChecklist > .heading {
        padding: 0 1;
        margin-bottom: 1;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    RegroupChecklist > OptionList, RegroupChecklist > OptionList:focus {
        height: 1fr;
        border: none;
        padding: 0;
        background: transparent;
    }
    RegroupChecklist > .why {
        height: auto;
        max-height: 5;
        padding: 0 1 0 2;
        border-top: hkey $panel-lighten-1;
        color: $text-muted;
    }
    """

    KEY_SCOPES = ("checklist",)
    BINDINGS: ClassVar[list[BindingType]] = bindings("checklist")

    class ToggleRequested(_ItemMessage):
        """Mark the highlighted task done, or not done again."""

    class ChoiceRequested(_ItemMessage):
        """Record (or change) the choice of the highlighted decision."""

    class EditRequested(_ItemMessage):
        """Edit the highlighted item."""

    class DeleteRequested(_ItemMessage):
        """Delete the highlighted item."""

    class MoveRequested(_ItemMessage):
        """Move the highlighted item ``delta`` places (-1 up, +1 down)."""

        def __init__(self, checklist: RegroupChecklist, item: ItemView, delta: int) -> None:
            super().__init__(checklist, item)
            self.delta = delta

    class NewRequested(Message):
        """The user wants to add an item."""

        def __init__(self, checklist: RegroupChecklist) -> None:
            super().__init__()
            self.checklist = checklist

        @property
        def control(self) -> RegroupChecklist:
            """The pane that posted the message."""
            return self.checklist

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._items: list[ItemView] = []
        self._given: tuple[tuple[ItemView, ...], str, date] | None = None
        self._by_id: dict[str, ItemView] = {}
        self._heading = Static("", classes="heading", markup=False)
        self._list = OptionList(markup=False)
        self._why = Static("", classes="why", markup=False)

    def compose(self) -> ComposeResult:
        yield self._heading
        yield self._list
        yield self._why

    def on_mount(self) -> None:
        if not self._items:
            self._show_empty()

    # -- data in --------------------------------------------------------------

    @property
    def option_list(self) -> OptionList:
        """The list of items."""
        return self._list

    @property
    def heading(self) -> Static:
        """The heading above the list."""
        return self._heading

    @property
    def items(self) -> list[ItemView]:
        """The items shown, in order."""
        return list(self._items)

    @property
    def highlighted(self) -> ItemView | None:
        """The item under the cursor, if any."""
        option = self._list.highlighted_option
        return self._by_id.get(option.id) if option and option.id else None

    def set_items(self, items: Sequence[ItemView], heading: str, today: date) -> None:
        """Show these items (in this order) under ``heading``, keeping the highlight by item_id."""
        given = (tuple(items), heading, today)
        if given == self._given:
            return  # a reload with nothing new here
        self._given = given
        keep = self.highlighted
        old_index = self._list.highlighted
        self._by_id = {item.item_id: item for item in items}  # an id shows once
        self._items = list(self._by_id.values())
        title = one_line(heading, 200)
        self._heading.update(Content(title))
        self._heading.display = bool(title)
        if not self._items:
            self._show_empty()
            return
        self._list.set_options(
            Option(item_prompt(item, today), id=item.item_id) for item in self._items
        )
        ids = [item.item_id for item in self._items]
        if keep is not None and keep.item_id in ids:
            self._list.highlighted = ids.index(keep.item_id)
        else:
            self._list.highlighted = min(old_index or 0, len(ids) - 1)
        self._show_why()
        self.refresh_bindings()

    def on_resize(self) -> None:
        self._fit_why()

    def _fit_why(self) -> None:
        """In a short pane the reason takes at most two lines, so the list keeps room;
        a reply to copy may take a third of a tall pane."""
        height = self.size.height
        item = self.highlighted
        if height < 16:
            self._why.styles.max_height = 3  # with its rule
        elif item is not None and item.reply:
            self._why.styles.max_height = max(5, height // 3)
        else:
            self._why.styles.max_height = 5

    def _show_why(self) -> None:
        """The highlighted item's reason in full beneath the list, then its reply to copy."""
        item = self.highlighted
        why = visible(item.why.strip()) if item is not None else ""
        parts: list[Part] = [why]
        if item is not None and item.reply.strip():
            if why:
                parts.append("\n")
            parts.append(("✉ a reply you can send (y copies it):\n", "bold"))
            parts.append((visible(item.reply.strip()), "italic"))
        self._why.update(Content.assemble(*parts))
        self._why.display = any(parts)
        self._fit_why()

    def _show_empty(self) -> None:
        self._list.set_options([Option(Content(EMPTY_HINT), disabled=True)])
        self._show_why()
        self.refresh_bindings()

    def focus(self, scroll_visible: bool = True) -> RegroupChecklist:
        """Focus the list (the pane itself takes no focus)."""
        self._list.focus(scroll_visible)
        return self

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Keep the Footer and the reason line in step with the cursor."""
        event.stop()
        self._show_why()
        self.refresh_bindings()

    # -- actions --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show toggle for tasks, choose for decisions; hide what does not apply."""
        item = self.highlighted
        if action == "toggle_item":
            return item is not None and item.kind != "decision"
        if action == "choose":
            return item is not None and item.kind == "decision"
        if action in ("edit", "delete"):
            return item is not None
        if action == "copy_reply":
            return item is not None and bool(item.reply.strip())
        if action == "move":
            if item is None or not parameters:
                return False
            ids = [i.item_id for i in self._items]
            index = ids.index(item.item_id) + int(str(parameters[0]))
            return 0 <= index < len(self._items)
        return True

    def action_cursor_down(self) -> None:
        """Move the cursor down."""
        self._list.action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move the cursor up."""
        self._list.action_cursor_up()

    def action_toggle_item(self) -> None:
        """Ask to toggle the highlighted task."""
        if (item := self.highlighted) and item.kind != "decision":
            self.post_message(self.ToggleRequested(self, item))

    def action_choose(self) -> None:
        """Ask to record a choice for the highlighted decision."""
        if (item := self.highlighted) and item.kind == "decision":
            self.post_message(self.ChoiceRequested(self, item))

    def action_copy_reply(self) -> None:
        """Put the highlighted item's reply on the clipboard, ready to paste and adapt."""
        item = self.highlighted
        if item is None or not item.reply.strip():
            return
        self.app.copy_to_clipboard(item.reply.strip() + "\n")
        self.notify(
            "The reply is copied: paste it into your message and make it sound like you.",
            title="Copied",
        )

    def action_new(self) -> None:
        """Ask for a new item."""
        self.post_message(self.NewRequested(self))

    def action_edit(self) -> None:
        """Ask to edit the highlighted item."""
        if item := self.highlighted:
            self.post_message(self.EditRequested(self, item))

    def action_delete(self) -> None:
        """Ask to delete the highlighted item."""
        if item := self.highlighted:
            self.post_message(self.DeleteRequested(self, item))

    def action_move(self, delta: int) -> None:
        """Ask to move the highlighted item up (-1) or down (+1)."""
        if item := self.highlighted:
            self.post_message(self.MoveRequested(self, item, int(delta)))
