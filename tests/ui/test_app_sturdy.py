"""Fast keys and failing workers do not stop the app; an unexpected error exits non-zero.

The palette race in a real terminal, 500 times: tests/stress/palette_race.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.widgets import Static

from bounce_tui import cli
from bounce_tui.app import BounceApp
from bounce_tui.cli import tui
from tests.ui.conftest import BERLIN, Clock, running, seed, settled, wait_until


async def test_a_worker_that_fails_is_named_in_one_line_and_the_app_goes_on(
    db_path: Path, clock: Clock
) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):

        async def breaks() -> None:
            raise ValueError("a private note")

        app.screen.run_worker(breaks())  # Textual's default: exit_on_error=True
        await wait_until(pilot, lambda: spy.matching("ValueError"), "the failure to be named")
        await pilot.press("c")  # the app still answers keys
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CheckInForm", "the form")
        assert app.is_running and app.return_code is None
        assert not spy.matching("private note")


async def test_a_lookup_by_a_closed_widget_is_not_reported(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        gone = Static("gone")
        await app.screen.mount(gone)
        await gone.remove()

        async def looks_up() -> None:
            gone.query_one("#nothing")  # what the palette's search did once it was closed

        app.run_worker(looks_up())
        await settled(pilot)
        assert app.is_running and app.return_code is None
        assert not spy.matching("Something went wrong"), spy.notes


async def test_opening_and_closing_the_palette_quickly_never_stops_the_app(
    db_path: Path, clock: Clock
) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        for cycle in range(48):  # every pairing of the two patterns (4 x 3), four times
            await pilot.press("ctrl+p")
            for _ in range(cycle % 4):  # close it at different moments of its search
                await pilot.pause()
            await pilot.press(*(("r", "escape") if cycle % 3 == 0 else ("escape",)))
            if cycle % 10 == 0:
                await pilot.press("r")
                await wait_until(
                    pilot,
                    lambda: type(app.screen).__name__ == "RejectionForm",
                    f"the rejection form at cycle {cycle}",
                )
                await pilot.press("escape")
            assert app.is_running, f"the app stopped at cycle {cycle}"
        await settled(pilot)
        assert app.is_running and app.return_code is None
        assert not spy.matching("Something went wrong"), spy.notes
        assert not any(isinstance(screen, CommandPalette) for screen in app.screen_stack)


def test_an_unexpected_error_exits_non_zero(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_mount(self: BounceApp) -> None:
        raise NoMatches("a bug")

    original_run = BounceApp.run

    def headless_run(self: BounceApp, **kwargs: Any) -> Any:
        return original_run(self, headless=True, **kwargs)

    monkeypatch.setattr(BounceApp, "on_mount", broken_mount)
    monkeypatch.setattr(BounceApp, "run", headless_run)
    args = argparse.Namespace(db=str(db_path))
    monkeypatch.setattr(tui, "database_path", lambda _args: db_path)
    assert tui.open_tui(args) == cli.EXIT_CRASHED


@pytest.mark.parametrize("when", ["before the store opens", "once it is open"])
async def test_keys_typed_at_start_up_are_kept_and_delivered_in_order(
    db_path: Path, clock: Clock, when: str
) -> None:
    from textual import events

    from tests.ui.conftest import rows, wait_loaded

    seed(db_path, clock)
    app = BounceApp(db_path, now=clock, tz=BERLIN, tick_seconds=3600)
    async with app.run_test(size=(100, 30)) as pilot:
        if when == "once it is open":
            await wait_loaded(pilot)
        for key, character in (("c", "c"), ("4", "4"), ("ctrl+s", None)):
            app.post_message(events.Key(key, character))  # as the terminal delivers them
        await wait_until(
            pilot, lambda: rows(db_path, "SELECT mood FROM checkin") == [(4,)], "the check-in"
        )
        await settled(pilot)
