"""The main screen is styled once for its first frame, and styles nothing it does not show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.css.stylesheet import Stylesheet
from textual.widgets import Input, OptionList

from bounce_tui.screens.main import MainScreen
from bounce_tui.widgets.lessons_log import LessonsLog
from tests.ui.conftest import Clock, running, seed


def restyles(monkeypatch: Any) -> list[list[Any]]:
    """Every group of widgets restyled from now on (Textual's `update_nodes`)."""
    groups: list[list[Any]] = []
    update_nodes = Stylesheet.update_nodes

    def recording(self: Stylesheet, nodes: Any, animate: bool = False) -> None:
        nodes = list(nodes)
        groups.append(nodes)
        update_nodes(self, nodes, animate=animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", recording)
    return groups


async def test_the_first_frame_styles_each_widget_once(
    db_path: Path, clock: Clock, monkeypatch: Any
) -> None:
    """The mount styles every widget; the screen's first resume does not style them all again."""
    groups = restyles(monkeypatch)
    seed(db_path, clock)
    async with running(db_path, clock) as (app, _pilot, _spy):
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query(OptionList)  # the panes are up, with their lists
    whole_screen = [
        len(nodes)
        for nodes in groups
        if any(isinstance(node, MainScreen) for node in nodes) and len(nodes) > 10
    ]
    assert whole_screen == []


async def test_timer_rows_are_classed_before_they_are_styled(
    db_path: Path, clock: Clock, monkeypatch: Any
) -> None:
    """The cursor row's class comes with the row, not after its mount: a class changed
    on a mounted row restyles it and all it holds."""
    from bounce_tui.widgets.timer_rows import TimerRow

    changed_after_mount: list[str] = []
    for name in ("add_class", "remove_class"):
        original = getattr(TimerRow, name)

        def recording(self: TimerRow, *names: str, _original: Any = original, **kw: Any) -> Any:
            before = set(self.classes)
            result = _original(self, *names, **kw)
            if self.is_attached and set(self.classes) != before:
                changed_after_mount.append(" ".join(names))
            return result

        monkeypatch.setattr(TimerRow, name, recording)
    seed(db_path, clock)
    async with running(db_path, clock) as (app, _pilot, _spy):
        rows = list(app.screen.query(TimerRow))
        assert rows and rows[0].has_class("-cursor")
        assert changed_after_mount == []


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
