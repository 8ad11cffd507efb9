"""One write, one read: the main snapshot is read once per write, with the real 1 s tick.

A write made in the app is followed by exactly one read; the watcher does not
read again for the app's own commit. A write from the command line while the
app is open is noticed by the watcher and read exactly once.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from .conftest import Clock, rows, running, seed, wait_until

TICK = 1.0
SETTLE_TICKS = 3


async def settle(pilot: Pilot[Any], ticks: list[object], count: int = SETTLE_TICKS) -> None:
    """Let `count` real ticks pass (each one may read if it sees a change)."""
    target = len(ticks) + count
    await wait_until(pilot, lambda: len(ticks) >= target, f"{count} ticks", timeout=30)
    await pilot.pause()


async def test_a_write_in_the_app_reads_the_snapshot_once(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock, tick_seconds=TICK) as (app, pilot, _spy):
        ticks: list[object] = []
        app.ctx.ticked.subscribe(app, ticks.append, immediate=True)
        await settle(pilot, ticks)
        before = app.ctx.snapshot_reads
        await pilot.press("c")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CheckInForm", "the form")
        await pilot.press("4", "ctrl+s")
        await wait_until(pilot, lambda: rows(db_path, "SELECT mood FROM checkin") == [(4,)], "row")
        await wait_until(pilot, lambda: app.ctx.snapshot.today.moods == (4,), "the new mood")
        await settle(pilot, ticks)
        assert app.ctx.snapshot_reads - before == 1


async def test_a_write_from_the_command_line_is_read_once(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock, tick_seconds=TICK) as (app, pilot, _spy):
        ticks: list[object] = []
        app.ctx.ticked.subscribe(app, ticks.append, immediate=True)
        await settle(pilot, ticks)
        before = app.ctx.snapshot_reads
        command = [sys.executable, "-m", "bounce_tui", "--db", str(db_path), "lesson", "Breathe"]
        done = await asyncio.to_thread(
            subprocess.run, command, capture_output=True, text=True, env=dict(os.environ)
        )
        assert done.returncode == 0, done.stderr
        await wait_until(
            pilot, lambda: any(x.text == "Breathe" for x in app.ctx.snapshot.lessons), "lesson"
        )
        await settle(pilot, ticks)
        assert app.ctx.snapshot_reads - before == 1
