"""Pilot tests of the progress screen: loading, ranges, escape, empty state, hostile names.

The screen is pushed over a real BounceApp once `app.ctx.store` is set, on a temp
database seeded through the Store with a settable clock (Europe/Berlin).
`seed_history` is shared with the snapshot tests.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from bounce_tui.app import BounceApp
from bounce_tui.domain.dates import from_local
from bounce_tui.domain.progress import GENTLE_PROMPT, ProgressReport
from bounce_tui.screens.main import MainScreen
from bounce_tui.screens.progress import ProgressScreen
from bounce_tui.widgets.figures_panel import EMPTY_TEXT, LOADING_TEXT, BounceHeadline
from bounce_tui.widgets.mood_chart import MoodChart
from bounce_tui.widgets.year_in_pixels import YearInPixels
from tests.ui.conftest import BERLIN, Clock, open_store, running, screen_text, wait_until

TODAY = date(2026, 3, 10)
BASELINE = (4, 3, 4, 4, 3, 5, 4)
GLOBEX_DIP = {-60: 2, -59: 1, -58: 2, -57: 3, -56: 3, -55: 4}  # back on day -54: 6 days
INITECH_DIP = {-25: 2, -24: 2, -23: 3, -22: 4, -21: 4}  # back on day -21: 4 days
GAP = range(-100, -90)  # ten days without a check-in
SKIPPED = (-40, -39)


def at_local(offset: int, hour: int = 20, minute: int = 0) -> datetime:
    """A moment on day TODAY+offset at hour:minute in Berlin, in UTC."""
    return from_local(datetime.combine(TODAY + timedelta(days=offset), time(hour, minute)), BERLIN)


def history_mood(offset: int) -> int | None:
    """The planned mood of day TODAY+offset (None: no check-in that day)."""
    if offset in GAP or offset in SKIPPED or offset < -120:
        return None
    return GLOBEX_DIP.get(offset, INITECH_DIP.get(offset, BASELINE[offset % len(BASELINE)]))


def history_tags(offset: int, mood: int, *, hostile: bool = False) -> list[str]:
    """The tags of day TODAY+offset's check-in: a walk on most good days, work every fifth."""
    tags = ["walk"] if mood >= 4 and offset % 3 else []
    if offset % 5 == 0:
        tags.append("Work" if offset % 2 else "work")  # one tag, whatever its case
    if hostile and offset % 4 == 0:
        tags.append("[b]x\x1b[1m")
    return tags


def seed_history(db: Path, clock: Clock, *, hostile: bool = False) -> dict[str, str]:
    """120 days of a job hunt ending at the clock's moment (TODAY 10:30 in Berlin).

    Globex (screen) 60 days ago, bounced back in 6 days; Initech (interview) 25
    days ago, ended early (1.5 of 2 days), back in 4 days; Acme (final) 3 hours ago, running.
    A ten-day gap, two skipped days, a day with two check-ins, urges, some
    checklist items done, three graded reviews this week (one a drill), and tags
    (`history_tags`).
    """
    start = clock()
    store = open_store(db, clock)
    ids: dict[str, str] = {}
    try:
        for offset in range(-120, 0):
            mood = history_mood(offset)
            if offset == -60:
                clock.set(at_local(offset, 10))
                globex = store.rejections.log_rejection(
                    "Globex", role="Data analyst", stage="screen"
                )
                ids["globex"] = globex
                period = store.read.mourning_for(globex).period_id
                store.mourning.log_urge(period)
                store.mourning.log_urge(period)
                for item in store.read.main_snapshot().items_for(globex)[:4]:
                    store.checklist.toggle_item(item.item_id)
            if offset == -25:
                clock.set(at_local(offset, 9))
                name = "Ini[/]\x1b[1m" if hostile else "Initech"
                initech = store.rejections.log_rejection(name, role="SRE", stage="interview")
                ids["initech"] = initech
                clock.set(at_local(offset + 1, 21))  # a day and a half of the two planned
                store.mourning.end_mourning(store.read.mourning_for(initech).period_id, "ready")
                for item in store.read.main_snapshot().items_for(initech)[:2]:
                    store.checklist.toggle_item(item.item_id)
            if mood is not None:
                clock.set(at_local(offset))
                store.checkins.check_in(mood, tags=history_tags(offset, mood, hostile=hostile))
            if offset == -10:
                clock.set(at_local(offset, 22))
                store.checkins.check_in(5)  # the day's mood is the mean: (3 + 5) / 2
            if offset == -8:
                clock.set(at_local(offset, 12))
                ids["lesson1"] = store.lessons.add_lesson(
                    "Prepare two stories", category="preparation"
                )
                ids["lesson2"] = store.lessons.add_lesson(
                    "Sleep before interviews", category="mindset"
                )
        for offset in SKIPPED:
            clock.set(start)
            store.checkins.skip_day(TODAY + timedelta(days=offset))
        for offset, lesson, drill in ((-9, "lesson1", False), (-2, "lesson1", False),
                                      (-1, "lesson2", False), (-1, "lesson1", True)):  # fmt: skip
            clock.set(at_local(offset, 18))
            store.reviews.grade_lesson(ids[lesson], 3, drill=drill)
        clock.set(start - timedelta(hours=3))
        acme = store.rejections.log_rejection("Acme", role="Backend engineer", stage="final")
        ids["acme"] = acme
        store.mourning.log_urge(store.read.mourning_for(acme).period_id)
        clock.set(start - timedelta(minutes=20))
        store.checkins.check_in(2, note="rough morning")
    finally:
        clock.set(start)
        store.close()
    return ids


async def open_progress(app: BounceApp, pilot: Pilot[Any]) -> ProgressScreen:
    """Push the progress screen (the store is already open) and wait for its report."""
    screen = ProgressScreen(app.ctx)
    app.push_screen(screen)
    await wait_until(pilot, lambda: screen.report is not None, "the progress report")
    await pilot.pause()
    return screen


def headline_text(screen: ProgressScreen) -> str:
    label = screen.query_one("#headline-label")
    return str(label.render())


# -- loading and the figures ------------------------------------------------------------------


async def test_shows_loading_first_then_the_figures(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_history(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        store = app.ctx.store
        assert store is not None
        gate = threading.Event()
        read = store.read.progress_report

        def held(window_days: int = 365) -> ProgressReport:
            gate.wait(60)  # released below; long enough for a busy machine
            return read(window_days)

        monkeypatch.setattr(store.read, "progress_report", held)
        screen = ProgressScreen(app.ctx)
        app.push_screen(screen)
        await pilot.pause()
        assert screen.report is None
        assert LOADING_TEXT in headline_text(screen)
        gate.set()
        await wait_until(pilot, lambda: screen.report is not None, "the report")
        await pilot.pause()
        report = screen.report
        assert isinstance(report, ProgressReport)
        assert [str(b.result) for b in report.bounce_backs] == ["6 days", "4 days", "not yet"]
        assert report.median_bounce_back == 5.0
        shown = screen_text(app)
        assert "days to bounce back" in headline_text(screen)
        assert "median of 2 rejections" in headline_text(screen)
        for text in ("6 days", "4 days", "not yet", "Globex", "Initech", "Acme", "running"):
            assert text in shown, text
        assert screen.query_one(YearInPixels).grid is not None


async def test_keys_switch_the_range_and_escape_goes_back(db_path: Path, clock: Clock) -> None:
    seed_history(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = await open_progress(app, pilot)
        chart = screen.query_one(MoodChart)
        assert chart.series is not None and len(chart.series.points) == 30
        assert chart.rejection_days == (TODAY - timedelta(days=25), TODAY)
        await pilot.press("2")
        assert len(chart.series.points) == 90 and screen.window_days == 90
        assert chart.rejection_days == (TODAY - timedelta(days=60), *chart.rejection_days[1:])
        await pilot.press("3")
        # The history begins 120 days ago: the year's chart starts at its first check-in.
        assert chart.series.start == TODAY - timedelta(days=120)
        assert len(chart.series.points) == 121 and screen.window_days == 365
        assert "since 10 Nov (first check-in)" in screen_text(app)
        await pilot.press("1")
        assert len(chart.series.points) == 30
        await pilot.press("right_square_bracket")
        assert screen.window_days == 90
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.window_days == 365
        await pilot.press("left_square_bracket")
        assert screen.window_days == 90
        title = str(screen.query_one("#chart-box").border_title)
        assert "last 90 days" in title
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")


async def test_empty_database_shows_a_friendly_empty_state(db_path: Path, clock: Clock) -> None:
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = await open_progress(app, pilot)
        assert screen.report is not None and screen.report.is_empty
        assert screen.has_class("-empty")
        assert not screen.query_one("#chart-box").display
        flat = " ".join(screen_text(app).split())
        assert " ".join(EMPTY_TEXT.split()[:6]) in flat
        assert "Traceback" not in flat


async def test_a_narrow_terminal_stacks_and_scrolls(db_path: Path, clock: Clock) -> None:
    seed_history(db_path, clock)
    async with running(db_path, clock, size=(80, 24)) as (app, pilot, _spy):
        screen = await open_progress(app, pilot)
        assert not screen.has_class("-wide")
        body = screen.query_one("#progress-body")
        assert body.max_scroll_y > 0
        figures = screen.query_one("#progress-figures")
        pixels = screen.query_one("#year-pixels")
        assert figures.region.y > pixels.region.y  # stacked under the pictures
        await pilot.press("end")
        await pilot.pause()
        assert "Lessons reviewed this week" in screen_text(app)


async def test_a_wide_terminal_puts_the_figures_beside(db_path: Path, clock: Clock) -> None:
    seed_history(db_path, clock)
    async with running(db_path, clock, size=(100, 30)) as (app, pilot, _spy):
        screen = await open_progress(app, pilot)
        assert screen.has_class("-wide")
        figures = screen.query_one("#progress-figures").region
        chart = screen.query_one("#chart-box").region
        assert figures.x > chart.x and figures.y == chart.y


async def test_company_names_are_shown_as_text(db_path: Path, clock: Clock) -> None:
    seed_history(db_path, clock, hostile=True)
    async with running(db_path, clock) as (app, pilot, _spy):
        await open_progress(app, pilot)
        shown = screen_text(app)
        assert "Ini[/]␛[1m" in shown


async def test_a_new_check_in_elsewhere_reloads_the_figures(db_path: Path, clock: Clock) -> None:
    seed_history(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = await open_progress(app, pilot)
        before = screen.report
        assert before is not None and before.moods[TODAY] == 2.0
        assert app.ctx.store is not None
        app.ctx.store.checkins.check_in(4)
        app.ctx.reload()
        await wait_until(pilot, lambda: screen.report is not before, "a fresh report")
        assert screen.report is not None and screen.report.moods[TODAY] == 3.0


async def test_the_gentle_prompt_shows_and_z_hides_it(db_path: Path, clock: Clock) -> None:
    store = open_store(db_path, clock)
    try:
        start = clock()
        clock.set(at_local(-10, 9))
        store.rejections.log_rejection("Globex", stage="screen")
        for offset in (-3, -2, -1):
            clock.set(at_local(offset))
            store.checkins.check_in(1)
    finally:
        clock.set(start)
        store.close()
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = await open_progress(app, pilot)
        assert screen.report is not None and screen.report.gentle_prompt
        assert screen.has_class("-prompt")
        assert GENTLE_PROMPT.split(".")[0] in " ".join(screen_text(app).split())
        await pilot.press("z")
        assert not screen.has_class("-prompt")
        assert app.ctx.store is not None
        await wait_until(pilot, lambda: not app.ctx.store.read.gentle_prompt_due(), "the dismissal")
        assert app.ctx.store.settings.settings("gentle_prompt.") == {
            "gentle_prompt.dismissed_until": (TODAY + timedelta(days=6)).isoformat()
        }


async def test_headline_without_a_bounce_back_says_so(db_path: Path, clock: Clock) -> None:
    store = open_store(db_path, clock)
    try:
        store.checkins.check_in(3)
    finally:
        store.close()
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = await open_progress(app, pilot)
        assert "No rejection logged" in headline_text(screen)
        assert not screen.query_one(BounceHeadline).query_one("Digits").display


async def test_a_range_without_check_ins_says_so(db_path: Path, clock: Clock) -> None:
    store = open_store(db_path, clock)
    try:
        for offset in (-45, -44, -43):
            store.checkins.check_in(4, at=at_local(offset))
    finally:
        store.close()
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = await open_progress(app, pilot)
        chart = screen.query_one(MoodChart)
        assert "no check-ins in these days" in screen_text(app)
        await pilot.press("2")
        await pilot.pause()
        assert chart.series is not None and chart.series.has_data
        assert "no check-ins in these days" not in screen_text(app)
