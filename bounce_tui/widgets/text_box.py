"""A multi-line text field where `ctrl+a` selects everything, as in most editors."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import TextArea

__all__ = ["TextBox"]


class TextBox(TextArea):
    """TextArea with `ctrl+a` = select all (TextArea moves to the line start).

    Typing over a selection replaces it, so `ctrl+a` then typing rewrites the text
    instead of quietly putting the new words in front of the old ones.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+a", "select_all", "Select all", show=False),
    ]
