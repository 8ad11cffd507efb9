"""Responsive layout: Textual's breakpoints give the main screen and help their wide forms."""

from __future__ import annotations

from pathlib import Path

from bounce_tui.screens.help import HelpScreen
from bounce_tui.screens.main import MainScreen

from .conftest import Clock, running, screen_text, seed, wait_until


async def test_the_main_screen_puts_the_timers_beside_the_lists_from_150_columns(
    db_path: Path, clock: Clock
) -> None:
    seed(db_path, clock)
    async with running(db_path, clock, size=(160, 40)) as (app, pilot, _spy):
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.has_class("-wide")
        timers = screen.query_one("#timers-pane").region
        lessons = screen.query_one("#lessons-pane").region
        assert timers.x < lessons.x and timers.y == lessons.y  # side by side
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: not screen.has_class("-wide"), "the narrow layout")
        await pilot.pause()
        timers = screen.query_one("#timers-pane").region
        lessons = screen.query_one("#lessons-pane").region
        assert timers.y < lessons.y  # stacked


async def test_help_uses_two_columns_only_when_there_is_room(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock, size=(80, 24)) as (app, pilot, _spy):
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        await pilot.pause()
        assert not app.screen.has_class("-wide")
        narrow = screen_text(app)
        assert "Anywhere" in narrow and "A rejection's own screen" not in narrow
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: app.screen.has_class("-wide"), "the wide help")
        await wait_until(
            pilot, lambda: "A lesson's own screen" in screen_text(app), "the second column"
        )
