"""The main screen is styled once for its first frame, and styles nothing it does not show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.css.stylesheet import Stylesheet
from textual.widgets import Input, OptionList

from bounce_tui.screens.main import MainScreen
from bounce_tui.widgets.lessons_log import LessonsLog
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


async def test_timer_rows_are_classed_before_they_are_styled(
    db_path: Path, clock: Clock, monkeypatch: Any
) -> None:
    """The running box's and the cursor row's classes come before the mount, not after it."""
    from bounce_tui.widgets.timer_rows import TimerRow

    restyled: list[str] = []
    update_nodes = Stylesheet.update_nodes

    def counting(self: Stylesheet, nodes: Any, animate: bool = False) -> None:
        nodes = list(nodes)
        restyled.extend(type(node).__name__ for node in nodes if isinstance(node, TimerRow))
        update_nodes(self, nodes, animate=animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", counting)
    seed(db_path, clock)
    async with running(db_path, clock) as (app, _pilot, _spy):
        rows = list(app.screen.query(TimerRow))
        assert rows and rows[0].has_class("-cursor")
        assert restyled == []


async def test_the_search_box_is_made_when_first_wanted(db_path: Path, clock: Clock) -> None:
    """Most starts never search: the first frame does not style a hidden search box."""
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        log = app.screen.query_one(LessonsLog)
        assert not log.query(Input)
        app.screen.query_one(OptionList).focus()
        await pilot.press("/")
        await pilot.pause()
        assert app.focused is log.search_input and log.search_input.display
        await pilot.press("escape")
        await pilot.pause()
        assert not log.search_input.display and len(log.query(Input)) == 1
