"""The main screen opens progress with p and shows (and hides) the gentle note."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bounce_tui.screens.progress import ProgressScreen
from bounce_tui.store.repository import Store

from .conftest import BERLIN, Clock, changed_snapshot, running, screen_text


def _low_days_after_a_period(db: Path, clock: Clock) -> None:
    """A rejection 6 days ago whose 1-day mourning ended; then three days at mood 1."""
    start = clock()
    store = Store(db, now=clock, tz=BERLIN)
    try:
        clock.set(start - timedelta(days=6))
        store.rejections.log_rejection("Acme", stage="applied")
        for back in (3, 2, 1):
            clock.set(start - timedelta(days=back))
            store.checkins.check_in(1, note="heavy")
    finally:
        clock.set(start)
        store.close()


async def test_p_opens_progress_and_escape_returns(db_path: Path, clock: Clock) -> None:
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProgressScreen)


async def test_gentle_note_shows_and_z_hides_it_for_a_week(db_path: Path, clock: Clock) -> None:
    _low_days_after_a_period(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        assert app.ctx.snapshot.gentle_prompt
        assert "Talking to someone you trust" in screen_text(app)
        before = app.ctx.snapshot
        await pilot.press("z")
        after = await changed_snapshot(pilot, before)
        assert not after.gentle_prompt
        await pilot.pause()
        assert "Talking to someone you trust" not in screen_text(app)


async def test_no_note_without_low_days(db_path: Path, clock: Clock) -> None:
    async with running(db_path, clock) as (app, _pilot, _spy):
        assert not app.ctx.snapshot.gentle_prompt
        assert "Talking to someone" not in screen_text(app)
