"""The main screen over time: ticking countdowns, a period that ends while the app is open,
midnight, the daily reminder, and writes made by another process.

The app gets a settable clock and a tick interval of an hour, so the real interval never
fires: each test moves the clock and calls `app.ctx.every_second()` itself. The test of
another process uses the real clock, since the CLI writes "today" by the real clock.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.widgets import Input

from bounce_tui.app import BounceApp
from bounce_tui.screens.close_out_form import CloseOutForm
from bounce_tui.screens.main import MainScreen
from bounce_tui.screens.rejection_detail import RejectionDetailScreen
from bounce_tui.widgets.mood_strip import MoodStrip
from bounce_tui.widgets.mourning_timer import MourningTimers
from bounce_tui.widgets.regroup_checklist import RegroupChecklist
from tests.ui.conftest import (
    NOW,
    Clock,
    changed_snapshot,
    one,
    open_store,
    running,
    seed,
    settled,
    wait_until,
    widget_text,
)

UTC = timezone.utc
REMINDER = "No check-in yet today"


def timers(app: BounceApp) -> MourningTimers:
    return app.screen.query_one(MourningTimers)


def strip(app: BounceApp) -> str:
    return widget_text(app.screen.query_one(MoodStrip))


def countdown(app: BounceApp) -> str:
    (line,) = [ln for ln in widget_text(timers(app)).splitlines() if " left" in ln]
    return line.strip()


async def tick(app: BounceApp, pilot, **advance: float) -> None:  # type: ignore[no-untyped-def]
    app.ctx._now.advance(**advance)  # type: ignore[attr-defined]
    app.ctx.every_second()
    await pilot.pause()


# -- countdown --------------------------------------------------------------------------------


async def test_countdown_follows_the_clock(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)  # Acme: final (3 days), received three hours ago
    async with running(db_path, clock) as (app, pilot, _spy):
        assert countdown(app).startswith("2d 21:00:00 left")
        await tick(app, pilot, seconds=5)
        assert countdown(app).startswith("2d 20:59:55 left")
        await tick(app, pilot, hours=21)
        assert countdown(app).startswith("1d 23:59:55 left")


async def test_countdown_on_the_detail_screen_ticks_too(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("enter")
        assert isinstance(app.screen, RejectionDetailScreen)
        await pilot.pause()
        assert "2d 21:00:00 left" in widget_text(timers(app))
        await tick(app, pilot, seconds=5)
        assert "2d 20:59:55 left" in widget_text(timers(app))


# -- a period ends while the app is open --------------------------------------------------------


def seed_ending(db: Path, clock: Clock) -> str:
    """A one-day period that ends ten seconds after NOW."""
    store = open_store(db, clock)
    try:
        clock.set(NOW - timedelta(days=1) + timedelta(seconds=10))
        rejection = store.rejections.log_rejection("Umbrella", stage="applied", mourn_days=1)
    finally:
        clock.set(NOW)
        store.close()
    return rejection


async def test_period_end_notifies_asks_for_a_close_note_and_focuses_the_checklist(
    db_path: Path, clock: Clock
) -> None:
    rejection_id = seed_ending(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        assert countdown(app).startswith("00:00:10 left")
        await tick(app, pilot, seconds=5)
        assert countdown(app).startswith("00:00:05 left")
        assert isinstance(app.screen, MainScreen) and not spy.matching("is over")
        await tick(app, pilot, seconds=6)
        await wait_until(pilot, lambda: isinstance(app.screen, CloseOutForm), "the close-out form")
        (note,) = spy.matching("Your mourning time for Umbrella is over")
        assert note[1] == "Time to regroup"
        assert any("Umbrella is over" in str(n.message) for n in app._notifications)
        form = app.screen
        assert app.focused is form.query_one("#note", Input)
        await pilot.press(*"onward", "enter")
        await wait_until(
            pilot,
            lambda: any(t.close_note == "onward" for t in app.ctx.snapshot.timers),
            "the close note",
        )
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        sql = "SELECT close_note, moved_on_at FROM mourning_period WHERE rejection_id = ?"
        assert one(db_path, sql, rejection_id) == ("onward", None)
        main_checklist = app.screen.query_one(RegroupChecklist)
        assert app.focused is main_checklist.option_list
        assert "for Umbrella" in widget_text(main_checklist)
        pane = widget_text(timers(app))
        assert "Umbrella — ended" in pane and "left" not in pane
        # announced once: later ticks do not ask again
        await tick(app, pilot, seconds=5)
        assert len(spy.matching("is over")) == 1
        assert isinstance(app.screen, MainScreen)


async def test_escape_on_the_close_out_keeps_no_note(db_path: Path, clock: Clock) -> None:
    rejection_id = seed_ending(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await tick(app, pilot, seconds=11)
        await wait_until(pilot, lambda: isinstance(app.screen, CloseOutForm), "the close-out form")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        await settled(pilot)  # no note may be written: it would be in the file by now
        sql = "SELECT close_note FROM mourning_period WHERE rejection_id = ?"
        assert one(db_path, sql, rejection_id) == ""


# -- midnight -------------------------------------------------------------------------------------


async def test_the_day_rolls_over_at_local_midnight(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock, checkin=True)
    async with running(db_path, clock) as (app, pilot, _spy):
        assert "Today: okay (3.0)" in strip(app)
        # 23:59:59 in Berlin (22:59:59 UTC): still the same day
        clock.set(datetime(2026, 3, 10, 22, 59, 59, tzinfo=UTC))
        before = app.ctx.snapshot
        app.ctx.every_second()
        await settled(pilot)  # no day change: a reload it started would be done by now
        assert "Today: okay" in strip(app)
        assert app.ctx.snapshot.today.day.isoformat() == "2026-03-10"
        # 00:00:01 in Berlin, while UTC is still on the 10th
        clock.set(datetime(2026, 3, 10, 23, 0, 1, tzinfo=UTC))
        before = app.ctx.snapshot
        app.ctx.every_second()
        await changed_snapshot(pilot, before, "the midnight reload")
        await pilot.pause()
        assert app.ctx.snapshot.today.day.isoformat() == "2026-03-11"
        assert "No check-in yet today" in strip(app)
        assert "streak 1 day" in strip(app)  # yesterday still counts


# -- the daily reminder ---------------------------------------------------------------------------


async def test_reminder_comes_once_after_the_reminder_hour(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        app.ctx.every_second()  # 10:30 in Berlin
        clock.set(datetime(2026, 3, 10, 17, 59, 59, tzinfo=UTC))  # 18:59:59 in Berlin
        app.ctx.every_second()
        await pilot.pause()
        assert spy.matching(REMINDER) == []
        clock.set(datetime(2026, 3, 10, 18, 0, 0, tzinfo=UTC))  # 19:00 in Berlin
        app.ctx.every_second()
        await pilot.pause()
        assert len(spy.matching(REMINDER)) == 1
        assert any(REMINDER in str(n.message) for n in app._notifications)
        for _ in range(3):
            await tick(app, pilot, minutes=20)
        assert len(spy.matching(REMINDER)) == 1
        # the next evening it comes again
        before = app.ctx.snapshot
        clock.set(datetime(2026, 3, 11, 8, 0, tzinfo=UTC))
        app.ctx.every_second()
        await changed_snapshot(pilot, before, "the next day")
        clock.set(datetime(2026, 3, 11, 18, 0, 1, tzinfo=UTC))
        app.ctx.every_second()
        await pilot.pause()
        assert len(spy.matching(REMINDER)) == 2


async def test_no_reminder_after_a_check_in(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock, checkin=True)
    async with running(db_path, clock) as (app, pilot, spy):
        clock.set(datetime(2026, 3, 10, 20, 0, tzinfo=UTC))
        app.ctx.every_second()
        await pilot.pause()
        assert spy.matching(REMINDER) == []


async def test_reminder_hour_setting_is_used(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    store = open_store(db_path, clock)
    store.settings.set_setting("reminder_hour", "21")
    store.close()
    async with running(db_path, clock) as (app, pilot, spy):
        clock.set(datetime(2026, 3, 10, 19, 30, tzinfo=UTC))  # 20:30 in Berlin
        app.ctx.every_second()
        await pilot.pause()
        assert spy.matching(REMINDER) == []
        clock.set(datetime(2026, 3, 10, 20, 0, tzinfo=UTC))  # 21:00 in Berlin
        app.ctx.every_second()
        await pilot.pause()
        assert len(spy.matching(REMINDER)) == 1


# -- another process writes -----------------------------------------------------------------------


def cli_checkin(db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bounce_tui", "--db", str(db), "checkin", "5", "-n", "from the cli"],
        capture_output=True,
        text=True,
        timeout=60,
    )


def real_now() -> datetime:
    return datetime.now(UTC)


async def test_a_cli_check_in_shows_up(db_path: Path) -> None:
    async with running(db_path, real_now, tz=None) as (app, pilot, _spy):
        assert "No check-in yet today" in strip(app)
        done = await asyncio.to_thread(cli_checkin, db_path)
        assert done.returncode == 0, done.stderr
        app.ctx.every_second()
        # How soon it shows is a figure of tests/stress/concurrent_writers.py.
        await wait_until(
            pilot, lambda: "from the cli" in strip(app), "the CLI check-in", timeout=20
        )
        assert "Today: great (5.0)" in strip(app)


async def test_a_cli_check_in_shows_up_with_real_ticks(db_path: Path) -> None:
    async with running(db_path, real_now, tz=None, tick_seconds=1.0) as (app, pilot, _spy):
        done = await asyncio.to_thread(cli_checkin, db_path)
        assert done.returncode == 0, done.stderr
        await wait_until(
            pilot, lambda: "from the cli" in strip(app), "the CLI check-in", timeout=20
        )
        assert "Today: great (5.0)" in strip(app)


async def test_the_footer_does_not_pile_up_watchers_as_the_cursor_moves(
    db_path: Path, clock: Clock
) -> None:
    from bounce_tui.widgets.key_footer import KeyFooter

    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        footer = app.screen.query_one(KeyFooter)
        await pilot.press("2")
        for _ in range(60):
            await pilot.press("j", "k")
        await settled(pilot)
        keys = len(footer.children)
        # One set of keys, and at most one set still being replaced.
        assert footer.watcher_count() <= 2 * keys + 2, (footer.watcher_count(), keys)


async def test_a_reload_that_brings_nothing_new_leaves_the_panes_and_footer_alone(
    db_path: Path, clock: Clock
) -> None:
    from bounce_tui.widgets.key_footer import KeyFooter

    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = app.screen
        assert isinstance(screen, MainScreen)
        snapshot = app.ctx.snapshot
        assert snapshot.timers and snapshot.lessons
        assert snapshot.items_for(screen.selected_rejection_id)
        await settled(pilot)
        footer = screen.query_one(KeyFooter)
        rebuilds: list[int] = []
        original = footer.recompose

        async def counted() -> None:
            rebuilds.append(1)
            await original()

        footer.recompose = counted  # type: ignore[method-assign]
        for _ in range(3):
            screen.show_snapshot(app.ctx.snapshot)  # what a reload with no change shows
            await settled(pilot)  # no rebuild may follow: it would have run by now
        assert rebuilds == []
