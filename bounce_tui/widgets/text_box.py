"""A multi-line text field where `ctrl+a` selects everything, as in most editors."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.widgets import TextArea

from bounce_tui.keys import bindings

__all__ = ["TextBox"]


class TextBox(TextArea):
    """TextArea with `ctrl+a` = select all (TextArea moves to the line start).

    Typing over a selection replaces it, so `ctrl+a` then typing rewrites the text
    instead of quietly putting the new words in front of the old ones.
    """

    KEY_SCOPES = ("text_box",)
    BINDINGS: ClassVar[list[BindingType]] = bindings("text_box")
