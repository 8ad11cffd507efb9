"""The key map, one screen: `?` or F1 opens it, any of escape, q, ? closes it.

Its rows come from the key table (`bounce_tui/keys.py`), with the keys the
person remapped in `keys.toml` shown as remapped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from bounce_tui.keys import MARKS, Section, bindings, help_sections

#: The widest the key column grows (longer keys wrap in it).
KEY_WIDTH = 14
#: From this many columns the keys are shown in two columns.
WIDE_COLUMNS = 96


def _marks(key_width: int) -> list[Text | Table]:
    """What the marks on screen mean (↻ in the lessons)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True, min_width=key_width)
    grid.add_column()
    for mark, meaning in MARKS:
        grid.add_row(Text(mark), Text(meaning))
    return [Text("Marks", style="bold underline"), grid, Text("")]


def _sections(sections: list[Section], key_width: int, *, marks: bool = False) -> Group:
    """Each section: its heading on a line of its own, then a grid of keys and meanings."""
    parts: list[Text | Table] = []
    for section, rows in sections:
        parts.append(Text(section, style="bold underline"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True, min_width=key_width)
        grid.add_column()
        for key, meaning in rows:
            grid.add_row(Text(key), Text(meaning))
        parts.extend((grid, Text("")))
    if marks:
        parts.extend(_marks(key_width))
    return Group(*parts)


def key_table(columns: int = 1, keymap: Mapping[str, str] | None = None) -> Group | Table:
    """The keys as a table (plain text, no markup), in one or two balanced columns."""
    sections = help_sections(keymap)
    key_width = min(KEY_WIDTH, max(len(key) for _, rows in sections for key, _ in rows))
    if columns == 1:
        return _sections(sections, key_width, marks=True)
    sizes = [len(rows) + 2 for _, rows in sections]
    half, running, split = sum(sizes) / 2, 0, len(sections)
    for index, size in enumerate(sizes):
        running += size
        if running >= half:
            split = index + 1
            break
    outer = Table.grid(padding=(0, 3))
    outer.add_column(ratio=1)
    outer.add_column(ratio=1)
    outer.add_row(
        _sections(sections[:split], key_width), _sections(sections[split:], key_width, marks=True)
    )
    return outer


class HelpScreen(ModalScreen[None]):
    """Every key of bounce, grouped by where it applies."""

    #: From WIDE_COLUMNS the box widens and the keys are shown in two columns.
    HORIZONTAL_BREAKPOINTS = [(WIDE_COLUMNS, "-wide")]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen.-wide #help {
        width: 120;
    }
    #help {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $accent;
        padding: 0 1;
        background: $surface;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = dict(keymap or {})

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(key_table(keymap=self.keymap), id="keys")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "bounce — keys (escape closes)"

    def on_resize(self) -> None:
        columns = 2 if self.size.width >= WIDE_COLUMNS else 1
        self.query_one("#keys", Static).update(key_table(columns, self.keymap))
