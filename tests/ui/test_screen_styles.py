"""The main screen is styled once for its first frame."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.css.stylesheet import Stylesheet
from textual.widgets import OptionList

from bounce_tui.screens.main import MainScreen
from tests.ui.conftest import Clock, running, seed


async def test_the_first_frame_styles_each_widget_once(
    db_path: Path, clock: Clock, monkeypatch: Any
) -> None:
    """The mount styles every widget; the screen's first resume does not style them all again."""
    whole_screen: list[int] = []
    update_nodes = Stylesheet.update_nodes

    def counting(self: Stylesheet, nodes: Any, animate: bool = False) -> None:
        nodes = list(nodes)
        if any(isinstance(node, MainScreen) for node in nodes) and len(nodes) > 10:
            whole_screen.append(len(nodes))
        update_nodes(self, nodes, animate=animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", counting)
    seed(db_path, clock)
    async with running(db_path, clock) as (app, _pilot, _spy):
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query(OptionList)  # the panes are up, with their lists
    assert whole_screen == []
