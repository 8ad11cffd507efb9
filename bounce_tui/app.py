"""BounceApp: the full-screen face of bounce."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BounceApp(App[None]):
    """The terminal app; screens arrive with the main-screen work."""

    TITLE = "bounce"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bounce — log a rejection with `bounce reject COMPANY`, "
                     "check in with `bounce checkin 1-5`.", id="welcome")  # fmt: skip
        yield Footer()
