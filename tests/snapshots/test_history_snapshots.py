"""Snapshots of the check-in history at 80×24 and 100×30, over a fixed few days."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from bounce_tui.app import BounceApp
from bounce_tui.screens.checkin_history import CheckInHistory
from tests.ui.conftest import (
    BERLIN,
    NOW,
    Clock,
    footer_showing,
    settled,
    wait_loaded,
    wait_until,
)
from tests.ui.test_checkin_history import seed_history


async def open_history(pilot: Pilot[Any]) -> None:
    """Wait for the main screen, press H, wait for the days and the footer."""
    app = pilot.app
    assert isinstance(app, BounceApp)
    await wait_loaded(pilot)
    await pilot.press("H")
    await wait_until(
        pilot,
        lambda: isinstance(app.screen, CheckInHistory) and app.screen.loaded is not None,
        "the history",
        timeout=30,
    )
    await settled(pilot)
    await footer_showing(pilot, "Correct", "Older")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_history(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    db = tmp_path / "data" / "bounce.db"
    seed_history(db, Clock(NOW))
    app = BounceApp(db, now=lambda: NOW, tz=BERLIN, tick_seconds=3600)
    assert snap_compare(app, terminal_size=size, run_before=open_history)
