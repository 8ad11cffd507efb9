"""The key map, one screen: `?` or F1 opens it, any of escape, q, ? closes it."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Anywhere",
        (
            ("c", "check in: how are you, 1 awful … 5 great"),
            ("r", "log a rejection (starts its mourning timer)"),
            ("/", "search lessons (cat:interview at:acme filter)"),
            ("v", "review the lessons that are due (space reveals, 1–4 grade, u undo)"),
            ("p", "progress: mood over time, year in pixels, bounce-back time (1 2 3 ranges)"),
            ("D", "drill the lessons for tomorrow's interview"),
            ("i", "note an upcoming interview"),
            ("u", "undo the last deletion"),
            ("tab / shift+tab", "next / previous pane"),
            ("1 2 3", "timers, lessons, checklist"),
            ("j k ↑ ↓", "move in a list"),
            ("ctrl+p", "command palette: every action by name, and themes"),
            ("? / F1", "this help"),
            ("q", "quit (everything is already saved)"),
        ),
    ),
    (
        "Mourning timers",
        (
            ("+", "one more day (at most twice, never over 14 days)"),
            ("m", "ready to move on: end it early, with a closing line"),
            ("x", "log an urge (checked the inbox again) — counted, never judged"),
            ("f", "next reframing question"),
            ("enter", "open the rejection"),
            ("n e d", "new / edit / delete rejection"),
            ("E D", "on a rejection's own screen: edit / delete the rejection"),
        ),
    ),
    ("Lessons", (("n e d", "new / edit / delete lesson"), ("/", "search"))),
    (
        "Regroup checklist",
        (
            ("space", "done / not done; on a decision, record your choice"),
            ("n e d", "new / edit / delete item"),
            ("K J  shift+↑ ↓", "move the item up / down"),
        ),
    ),
)


def _section_table(sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for section, rows in sections:
        table.add_row(Text(section, style="bold underline"), Text(""))
        for key, meaning in rows:
            table.add_row(Text(key), Text(meaning))
        table.add_row(Text(""), Text(""))
    return table


def key_table(columns: int = 1) -> Table:
    """The keys as a table (plain text, no markup), in one or two columns."""
    if columns == 1:
        return _section_table(KEYS)
    outer = Table.grid(padding=(0, 3))
    outer.add_column(ratio=1)
    outer.add_column(ratio=1)
    outer.add_row(_section_table(KEYS[:1]), _section_table(KEYS[1:]))
    return outer


class HelpScreen(ModalScreen[None]):
    """Every key of the main screen, grouped by pane."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("f1", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(key_table(), id="keys")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "bounce — keys (escape closes)"

    def on_resize(self) -> None:
        wide = self.size.width >= 96
        self.query_one("#help").set_class(wide, "-wide")
        self.query_one("#keys", Static).update(key_table(2 if wide else 1))
