"""The first-run welcome: three steps, and the keys that start them."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

__all__ = ["Welcome", "welcome_text"]


def welcome_text(reject: str, check_in: str, close: str) -> Content:
    """The welcome, with the keys as the person types them (`reject`, `check_in`, `close`)."""
    return Content.assemble(
        "Three steps for the weeks after a no:\n",
        "  1  Log what happened: the company, the stage, how the news came.\n",
        "  2  Give it a bounded time: a mourning timer, a day or a few.\n",
        "  3  Turn it into lessons and a plan for the next interview.\n",
        (reject, "bold $accent"),
        " log your first rejection · ",
        (check_in, "bold $accent"),
        " a first check-in · ",
        (close, "bold $accent"),
        " close this for good",
    )


class Welcome(Static):
    """Shown on the main screen while nothing has been logged and it was never closed.

    The screen fills it with :func:`welcome_text` and shows or hides it; it holds no
    keys itself (they are the main screen's).
    """

    def on_mount(self) -> None:
        self.border_title = "Welcome to bounce"

    DEFAULT_CSS = """
    Welcome {
        height: auto;
        border: round $accent;
        border-title-color: $accent;
        padding: 0 1;
        display: none;
    }
    Welcome.-shown {
        display: block;
    }
    """
