"""The snapshot read while the app is imported: shown in the first compose, or left alone.

`bounce` starts `EarlyRead` before importing Textual (cli/tui.py). When it has the
snapshot by the time the main screen is made, the panes are composed with it (no
"opening…" frame, no second read); when it has nothing (a new file, a lock), the
app opens the file its usual way.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Static

from bounce_tui.app import BounceApp
from bounce_tui.screens.main import MainScreen
from bounce_tui.store.read.early import EarlyRead
from bounce_tui.widgets.key_footer import KeyFooter
from tests.conftest import BERLIN, Clock
from tests.ui.conftest import seed, wait_loaded, wait_until


async def test_an_early_snapshot_is_in_the_first_compose_and_read_once(
    db_path: Path, clock: Clock
) -> None:
    seed(db_path, clock)
    early = EarlyRead(db_path, clock, BERLIN)
    app = BounceApp(db_path, now=clock, tz=BERLIN, tick_seconds=3600, early=early)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.panes_ready  # composed with the content, not mounted after a frame
        assert not [s for s in screen.query(Static) if s.has_class("opening")]
        shown = screen.snapshot_shown
        assert shown is not None
        assert {timer.company for timer in shown.timers} == {"Acme", "Globex"}
        await wait_loaded(pilot)
        assert app.ctx.snapshot_reads == 1  # the early read was the first and only read
        await pilot.press("c")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CheckInForm", "the form")


async def test_a_file_that_cannot_be_read_early_opens_the_usual_way(
    tmp_path: Path, clock: Clock
) -> None:
    db = tmp_path / "new.db"  # does not exist yet: the Store must create it
    assert EarlyRead(db, clock, BERLIN).take() is None
    early = EarlyRead(db, clock, BERLIN)
    app = BounceApp(db, now=clock, tz=BERLIN, tick_seconds=3600, early=early)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        assert app.ctx.snapshot is not None and app.ctx.open_error is None
        assert db.exists()


def test_a_held_write_lock_leaves_no_early_result(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert EarlyRead(db_path, clock, BERLIN).take() is None
    finally:
        holder.rollback()
        holder.close()
    assert EarlyRead(db_path, clock, BERLIN).take() is not None


async def test_many_binding_changes_before_a_refresh_rebuild_the_footer_once(
    db_path: Path, clock: Clock
) -> None:
    seed(db_path, clock)
    app = BounceApp(db_path, now=clock, tz=BERLIN, tick_seconds=3600)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        before = footer.rebuilds
        for _ in range(10):
            app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert footer.rebuilds - before == 1
