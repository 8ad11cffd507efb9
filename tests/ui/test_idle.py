"""An idle app stays quiet: the one-second tick repaints only what reads differently,
nothing else wakes it, and the daily reminder waits while the person is busy.

The app gets a settable clock and a tick interval of an hour (see conftest), so each
test moves the clock and calls `app.ctx.every_second()` itself.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.message_pump import MessagePump
from textual.widget import Widget
from textual.widgets import Static

from bounce_tui.app import BounceApp
from bounce_tui.screens.checkin_form import CheckInForm
from bounce_tui.screens.lesson_detail import LessonScreen
from tests.ui.conftest import Clock, running, seed, settled, wait_until

UTC = timezone.utc
REMINDER = "No check-in yet today"
EVENING = datetime(2026, 3, 10, 19, 0, tzinfo=UTC)  # 20:00 in Berlin, past the reminder hour


@contextmanager
def refreshes() -> Iterator[list[tuple[Widget, bool]]]:
    """Record every widget asked to repaint, and whether it asked for a new layout too."""
    seen: list[tuple[Widget, bool]] = []
    original = Widget.refresh

    def refresh(self: Widget, *regions: Any, **kwargs: Any) -> Widget:
        seen.append((self, bool(kwargs.get("layout") or kwargs.get("recompose"))))
        return original(self, *regions, **kwargs)

    Widget.refresh = refresh  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        Widget.refresh = original  # type: ignore[method-assign]


async def quiet_tick(app: BounceApp, pilot: Any) -> list[tuple[Widget, bool]]:
    """One second passes and nothing else happens; return what was asked to repaint."""
    with refreshes() as seen:
        app.ctx._now.advance(seconds=1)  # type: ignore[attr-defined]
        app.ctx.every_second()
        await settled(pilot)
    return seen


async def test_a_quiet_tick_repaints_only_the_countdown(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)  # a running period, a finished one, two lessons, their checklist
    async with running(db_path, clock) as (app, pilot, _spy):
        await settled(pilot)
        reads = app.ctx.snapshot_reads
        for _ in range(3):
            seen = await quiet_tick(app, pilot)
            assert seen, "the countdown moves every second"
            assert all(widget.has_class("countdown") for widget, _layout in seen), seen
            assert not any(layout for _widget, layout in seen)  # same width: no new layout
        assert app.ctx.snapshot_reads == reads  # nothing changed: nothing read again


async def test_nothing_but_the_tick_wakes_the_idle_app(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's ProgressBar woke every second for an ETA the timers never show."""
    started: list[str] = []
    original = MessagePump.set_interval

    def set_interval(self: MessagePump, interval: float, *args: Any, **kwargs: Any) -> Any:
        if not kwargs.get("pause"):
            started.append(type(self).__name__)
        return original(self, interval, *args, **kwargs)

    monkeypatch.setattr(MessagePump, "set_interval", set_interval)
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await settled(pilot)
        assert app.screen.query("TimerRow")  # a running period is on screen
        await quiet_tick(app, pilot)
        assert started == ["BounceApp"]  # the app's own tick, and nothing else


async def test_a_quiet_tick_leaves_the_lesson_screen_alone(db_path: Path, clock: Clock) -> None:
    seeded = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = LessonScreen(app.ctx, seeded.lessons["Ask what the team struggles with"])
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.detail is not None, "the lesson")
        await quiet_tick(app, pilot)  # the main screen below finishes hiding its footer
        for _ in range(3):
            seen = await quiet_tick(app, pilot)
            # (the screen itself may repaint what the covered main screen below lays out)
            assert [w for w, _ in seen if w.screen is screen and w is not screen] == []
        rest = screen.query_one("#lesson-rest", Static)
        assert "kept 1 hour ago" in str(rest.render())
        app.ctx._now.advance(days=2)  # type: ignore[attr-defined]
        app.ctx.every_second()  # what reads differently is redrawn
        await wait_until(
            pilot, lambda: "kept 2 days ago" in str(rest.render()), "the small print to change"
        )


# -- the daily reminder waits while the person is busy ------------------------------------------


async def test_no_reminder_while_the_check_in_form_is_open(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CheckInForm), "the form")
        clock.set(EVENING)
        app.ctx.every_second()
        await pilot.pause()
        assert spy.matching(REMINDER) == []
        await pilot.press("4", "ctrl+s")
        await wait_until(pilot, lambda: spy.matching("Checked in"), "the thanks")
        await settled(pilot)
        app.ctx.every_second()
        await pilot.pause()
        assert spy.matching(REMINDER) == []  # checked in: no reminder at all


async def test_no_reminder_while_a_write_runs(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        store = app.ctx.store
        assert store is not None
        release = threading.Event()
        entered = threading.Event()
        real = store.mourning.log_urge

        def slow_urge(period_id: str) -> Any:
            entered.set()
            release.wait(20)
            return real(period_id)

        monkeypatch.setattr(store.mourning, "log_urge", slow_urge)
        await pilot.press("1", "x")  # log an urge on the running timer
        await wait_until(pilot, entered.is_set, "the write to start")
        clock.set(EVENING)
        app.ctx.every_second()
        await pilot.pause()
        assert spy.matching(REMINDER) == []
        release.set()
        await settled(pilot)
        app.ctx.every_second()
        await pilot.pause()
        assert len(spy.matching(REMINDER)) == 1  # once the write is done, it comes
