"""Snapshots of the main screen (empty and populated), the rejection detail and the help.

The database is seeded through the Store with the same fixed clock and zone as the
app, so the screen repeats exactly (ids differ between runs, but no id is shown).
Each snapshot waits for the store worker to load before it is taken.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from bounce_tui.app import BounceApp
from bounce_tui.screens.help import HelpScreen
from bounce_tui.screens.rejection_detail import RejectionDetailScreen
from tests.conftest import BERLIN, NOW, Clock


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bounce.db"


@pytest.fixture
def populated_db(empty_db: Path) -> Path:
    """A few days into a job hunt: a finished and a running timer, lessons, a check-in."""
    from bounce_tui.store.repository import Store

    clock = Clock(NOW)
    store = Store(empty_db, now=clock, tz=BERLIN)
    try:
        clock.moment = NOW - timedelta(days=3)
        globex = store.rejections.log_rejection("Globex", role="Data analyst", stage="screen")
        store.checkins.check_in(2, note="gutted")
        clock.moment = NOW - timedelta(days=2, hours=20)
        period = store.read.mourning_for(globex)
        store.mourning.end_mourning(period.period_id, "Not the team for me")
        store.lessons.add_lesson(
            "Ask what the team struggles with", category="interview", rejection_id=globex
        )
        clock.moment = NOW - timedelta(days=1)
        store.checkins.check_in(3, note="a walk helped")
        clock.moment = NOW - timedelta(hours=3)
        acme = store.rejections.log_rejection(
            "Acme", role="Backend engineer", stage="final", channel="call", contact="Dana",
            notes="They liked the take-home; the system design round went long.",
        )  # fmt: skip
        store.mourning.log_urge(store.read.mourning_for(acme).period_id)
        clock.moment = NOW - timedelta(hours=2)
        store.lessons.add_lesson(
            "Prepare two stories about conflict",
            category="preparation",
            tags=["stories"],
            rejection_id=acme,
        )
        store.checklist.add_item(None, "Update the job tracker spreadsheet")
        clock.moment = NOW - timedelta(minutes=20)
        store.checkins.check_in(3, note="tired but okay")
    finally:
        store.close()
    return empty_db


def make_app(db: Path) -> BounceApp:
    return BounceApp(db, now=lambda: NOW, tz=BERLIN, tick_seconds=3600)


async def wait_loaded(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, BounceApp)
    deadline = time.monotonic() + 30
    while (
        app.ctx.snapshot is None
        or not getattr(app.screen, "panes_ready", True)
        or getattr(app.screen, "snapshot_shown", app.ctx.snapshot) is not app.ctx.snapshot
    ):
        assert time.monotonic() < deadline, "the store did not load"
        await pilot.pause(0.05)
    await pilot.pause()


def then(*keys: str, screen: type | None = None) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Wait for the load, press `keys`, and wait for `screen` to be on top."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_loaded(pilot)
        if keys:
            await pilot.press(*keys)
        if screen is not None:
            deadline = time.monotonic() + 30
            while not isinstance(pilot.app.screen, screen):
                assert time.monotonic() < deadline, f"{screen.__name__} did not open"
                await pilot.pause(0.05)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_main_empty(snap_compare: Any, empty_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(empty_db), terminal_size=size, run_before=then())


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_main_populated(snap_compare: Any, populated_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(populated_db), terminal_size=size, run_before=then())


def test_rejection_detail(snap_compare: Any, populated_db: Path) -> None:
    run_before = then("enter", screen=RejectionDetailScreen)
    assert snap_compare(make_app(populated_db), terminal_size=(100, 30), run_before=run_before)


def test_help(snap_compare: Any, populated_db: Path) -> None:
    run_before = then("question_mark", screen=HelpScreen)
    assert snap_compare(make_app(populated_db), terminal_size=(100, 30), run_before=run_before)
