"""Snapshot tests: the focused field's cursor stays visible instead of blinking.

Textual's Input and TextArea hide and show their cursor every 0.5 s. A screenshot
taken more than half a second after a field got focus (a busy machine, another
test worker) could catch the cursor hidden and differ from the stored snapshot for
no real reason. Here the cursor stays as it is drawn right after focus: visible.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    def input_blink(self: Input) -> None:
        self._cursor_visible = True

    def text_area_blink(self: TextArea) -> None:
        self._cursor_visible = True

    monkeypatch.setattr(Input, "_toggle_cursor", input_blink)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", text_area_blink)
