"""Snapshots of the progress screen at 100×30, 80×24 and 200×60, over a fixed 120-day history.

The history is seeded through the Store with a fixed clock and zone (see
`tests/ui/test_progress_screen.seed_history`), so every figure and cell repeats.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from bounce_tui.app import BounceApp
from bounce_tui.screens.progress import ProgressScreen
from tests.ui.conftest import BERLIN, NOW, Clock
from tests.ui.test_progress_screen import seed_history


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bounce.db"


@pytest.fixture
def history_db(empty_db: Path) -> Path:
    seed_history(empty_db, Clock(NOW))
    return empty_db


def make_app(db: Path) -> BounceApp:
    return BounceApp(db, now=lambda: NOW, tz=BERLIN, tick_seconds=3600)


def progress(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Wait for the store, push the progress screen, wait for its report, press `keys`."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, BounceApp)
        deadline = time.monotonic() + 30
        while app.ctx.snapshot is None:
            assert time.monotonic() < deadline, "the store did not load"
            await pilot.pause(0.05)
        screen = ProgressScreen(app.ctx)
        app.push_screen(screen)
        while screen.report is None or not screen.chart_settled:
            assert time.monotonic() < deadline, "the report did not load and settle"
            await pilot.pause(0.05)
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
            while not screen.chart_settled:
                assert time.monotonic() < deadline, "the chart did not settle"
                await pilot.pause(0.05)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_progress(snap_compare: Any, history_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(history_db), terminal_size=size, run_before=progress())


def test_progress_90_days(snap_compare: Any, history_db: Path) -> None:
    run_before = progress("2")
    assert snap_compare(make_app(history_db), terminal_size=(100, 30), run_before=run_before)


def test_progress_80x24_scrolled(snap_compare: Any, history_db: Path) -> None:
    run_before = progress("end")
    assert snap_compare(make_app(history_db), terminal_size=(80, 24), run_before=run_before)


def test_progress_large(snap_compare: Any, history_db: Path) -> None:
    """A large terminal: a taller, wider chart with the figures and tags beside it."""
    assert snap_compare(make_app(history_db), terminal_size=(200, 60), run_before=progress())


def test_progress_empty(snap_compare: Any, empty_db: Path) -> None:
    assert snap_compare(make_app(empty_db), terminal_size=(80, 24), run_before=progress())
