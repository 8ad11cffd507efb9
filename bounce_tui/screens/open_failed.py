"""Shown when the database cannot be opened: the file is left as it was."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static


class OpenFailedScreen(Screen[None]):
    """Explains why the database could not be opened and what to do next."""

    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__()
        self.path = path
        self.reason = reason

    def compose(self) -> ComposeResult:
        message = Text()
        message.append("bounce could not open its database\n\n", style="bold")
        message.append(f"{self.path}\n\n")
        message.append(self.reason + "\n\n")
        message.append("Nothing was changed. In a terminal, `bounce doctor` checks the file and ")
        message.append("`bounce doctor --restore` puts the newest good backup in place ")
        message.append("(the current file is kept beside it).")
        with Vertical(id="open-failed"):
            yield Static(message)
        yield Footer()
