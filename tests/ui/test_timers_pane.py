"""The timers pane over weeks of use: running timers first, history folded under one
line, a timer another program logs brought into view, a reframing question answered."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.widgets import Input

from bounce_tui.app import BounceApp
from bounce_tui.screens.checkin_form import CheckInForm
from bounce_tui.screens.main import MainScreen
from bounce_tui.screens.reframe_form import ReframeAnswerForm
from bounce_tui.screens.rejection_detail import RejectionDetailScreen, notes_lines
from bounce_tui.widgets.mourning_timer import DoneHeader, DoneRow, MourningTimers, TimerRow
from tests.ui.conftest import (
    NOW,
    Clock,
    one,
    open_store,
    running,
    screen_text,
    seed,
    settled,
    wait_until,
)

SMALL = (80, 24)
RAW = ("\x1b", "\x00", "\x9b", "\u202e")


def timers(app: BounceApp) -> MourningTimers:
    return app.screen.query_one(MourningTimers)


def seed_history(db: Path, clock: Clock, *, done: int = 30) -> dict[str, str]:
    """`done` finished rejections over the last months, then two running ones."""
    ids: dict[str, str] = {}
    store = open_store(db, clock)
    try:
        for n in range(done):
            clock.set(NOW - timedelta(days=100 - 3 * n))
            ids[f"Old {n:02}"] = store.rejections.log_rejection(f"Old {n:02}", stage="screen")
        clock.set(NOW - timedelta(hours=2))
        ids["Acme"] = store.rejections.log_rejection("Acme", stage="final")  # 3 days
        clock.set(NOW - timedelta(hours=30))
        ids["Initech"] = store.rejections.log_rejection("Initech", stage="interview")  # 2 days
    finally:
        clock.set(NOW)
        store.close()
    return ids


def visible_in_pane(app: BounceApp, row: Any) -> bool:
    """Whether the row is drawn inside the timers pane's scrolling area."""
    scroll = timers(app).query_one("VerticalScroll")
    return row.region.height > 0 and scroll.region.contains_region(row.region)


# -- order and the "done" group ------------------------------------------------------------


async def test_running_first_by_time_left_and_history_folded_at_80x24(
    db_path: Path, clock: Clock
) -> None:
    seed_history(db_path, clock)
    async with running(db_path, clock, size=SMALL) as (app, pilot, _spy):
        pane = timers(app)
        # Initech (2 days, started 30 h ago) has less time left than Acme, logged later.
        assert [row.timer.company for row in pane.running_rows] == ["Initech", "Acme"]
        assert pane.highlighted is not None and pane.highlighted.company == "Initech"
        assert pane.folded
        text = screen_text(app)
        assert "Initech" in text and "Acme" in text
        for row in pane.running_rows:
            assert visible_in_pane(app, row)
        assert not any(row.display for row in pane.query(DoneRow).results() if row.parent.display)


async def test_the_fold_key_and_enter_on_the_done_line(db_path: Path, clock: Clock) -> None:
    seed_history(db_path, clock, done=3)
    async with running(db_path, clock, size=(100, 40)) as (app, pilot, _spy):
        pane = timers(app)
        header = pane.query_one(DoneHeader)
        assert "▸ done · 3" in screen_text(app) and "Old 02" not in screen_text(app)
        await pilot.press("o")
        await wait_until(pilot, lambda: "Old 02" in screen_text(app), "the done group to open")
        assert "▾ done · 3" in screen_text(app)
        await pilot.press("j", "j")  # Initech, Acme, then the "done" line
        assert pane.on_done_line and header.has_class("-cursor")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Old 02" not in screen_text(app), "the group to fold")
        assert isinstance(app.screen, MainScreen)  # enter there folds; it opens nothing
        await pilot.press("enter", "j")
        assert pane.highlighted is not None and pane.highlighted.company == "Old 02"
        await pilot.press("o")  # folding under the cursor puts it on the "done" line
        assert pane.on_done_line and pane.folded
        await pilot.press("o")
        # The choice holds across reloads while the app is open.
        before = app.ctx.snapshot
        store = open_store(db_path, clock)
        try:
            await asyncio.to_thread(store.checkins.check_in, 3)
        finally:
            store.close()
        app.ctx.every_second()
        await wait_until(pilot, lambda: app.ctx.snapshot is not before, "the reload")
        await settled(pilot)
        assert not pane.folded and "Old 02" in screen_text(app)


async def test_with_nothing_running_the_history_is_open(db_path: Path, clock: Clock) -> None:
    store = open_store(db_path, clock)
    try:
        clock.set(NOW - timedelta(days=20))
        store.rejections.log_rejection("Globex", stage="screen")
    finally:
        clock.set(NOW)
        store.close()
    async with running(db_path, clock) as (app, pilot, _spy):
        assert not timers(app).folded
        assert "▾ done · 1" in screen_text(app) and "Globex — ended" in screen_text(app)


# -- another program's timer --------------------------------------------------------------


async def log_elsewhere(db: Path, clock: Clock, company: str) -> str:
    """Log a rejection through a second Store on the same file, as `bounce reject` would."""

    def write() -> str:
        store = open_store(db, clock)
        try:
            return str(store.rejections.log_rejection(company, stage="applied"))
        finally:
            store.close()

    return await asyncio.to_thread(write)


async def test_a_timer_another_program_logs_is_selected_and_scrolled_into_view(
    db_path: Path, clock: Clock
) -> None:
    seed_history(db_path, clock)
    async with running(db_path, clock, size=SMALL) as (app, pilot, _spy):
        pane = timers(app)
        await pilot.press("o", *["k"] * 3)  # open the history; go up (wrapping) to its end
        assert pane.highlighted is not None and pane.highlighted.company.startswith("Old")
        bottom = pane.query(DoneRow).last()
        await wait_until(pilot, lambda: visible_in_pane(app, bottom), "the pane to scroll down")
        assert not visible_in_pane(app, pane.running_rows[0])
        await pilot.press("2")  # working in the lessons pane
        focused = app.screen.focused
        screen = app.screen
        assert isinstance(screen, MainScreen)
        checklist_for = screen.selected_rejection_id
        rejection_id = await log_elsewhere(db_path, clock, "Hooli")
        app.ctx.every_second()
        await wait_until(
            pilot,
            lambda: pane.highlighted is not None and pane.highlighted.rejection_id == rejection_id,
            "the new timer to be highlighted",
        )
        row = next(r for r in pane.query(TimerRow) if r.timer.rejection_id == rejection_id)
        await wait_until(pilot, lambda: visible_in_pane(app, row), "the new timer in view")
        assert app.screen.focused is focused  # focus stayed in the lessons pane
        assert screen.selected_rejection_id == checklist_for  # and the checklist stayed
        assert "Hooli" in screen_text(app)


async def test_another_programs_timer_does_not_take_an_open_form(
    db_path: Path, clock: Clock
) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CheckInForm), "the form")
        focused = app.screen.focused
        rejection_id = await log_elsewhere(db_path, clock, "Hooli")
        app.ctx.every_second()
        main = next(s for s in app.screen_stack if isinstance(s, MainScreen))
        pane = main.query_one(MourningTimers)
        await wait_until(
            pilot,
            lambda: pane.highlighted is not None and pane.highlighted.rejection_id == rejection_id,
            "the new timer to be highlighted",
        )
        assert isinstance(app.screen, CheckInForm) and app.screen.focused is focused


# -- answering a reframing question --------------------------------------------------------


def notes(db: Path, rejection_id: str) -> str:
    return str(one(db, "SELECT notes FROM rejection WHERE id = ?", rejection_id))


async def test_answering_the_reframing_question_keeps_it_in_the_notes(
    db_path: Path, clock: Clock
) -> None:
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        pane = timers(app)
        await wait_until(pilot, lambda: pane.reframe_shown, "the reframing question")
        question = pane._reframe.question  # type: ignore[union-attr]
        await pilot.press("a")
        form = await wait_until(
            pilot, lambda: isinstance(app.screen, ReframeAnswerForm) and app.screen, "the form"
        )
        assert question[:40] in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "esc to cancel")
        assert notes(db_path, ids.acme) == "They liked the take-home."
        await pilot.press("a")
        form = await wait_until(
            pilot, lambda: isinstance(app.screen, ReframeAnswerForm) and app.screen, "the form"
        )
        await pilot.press("enter")  # an empty answer is not kept
        await pilot.pause()
        assert app.screen is form and "answer must not be empty" in screen_text(app)
        await pilot.press(*"a hiring freeze", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the form to close")
        await settled(pilot)
        line = f"Reframe, Tue 10 Mar 2026 · {question} — a hiring freeze"
        assert notes(db_path, ids.acme) == f"They liked the take-home.\n{line}"
        assert spy.matching("Kept in the notes of Acme")
        await pilot.press("enter")  # the rejection's own screen shows it
        await wait_until(pilot, lambda: isinstance(app.screen, RejectionDetailScreen), "detail")
        await pilot.pause()
        assert "a hiring freeze" in screen_text(app).replace("\n", " ")


async def test_a_hostile_answer_is_refused_or_kept_as_plain_text(
    db_path: Path, clock: Clock
) -> None:
    ids = seed(db_path, clock)
    hostile = "[@click=app.quit]x[/] [bold]y \x1b[31mred nul\x00 csi\x9b bidi\u202eevil"
    async with running(db_path, clock) as (app, pilot, _spy):
        await wait_until(pilot, lambda: timers(app).reframe_shown, "the reframing question")
        await pilot.press("a")
        form = await wait_until(
            pilot, lambda: isinstance(app.screen, ReframeAnswerForm) and app.screen, "the form"
        )
        field = form.query_one("#answer", Input)
        field.value = "w" * 10_000
        await pilot.press("enter")
        await pilot.pause()
        assert "answer must be at most 2,000 characters long" in screen_text(app)
        assert app.screen is form and notes(db_path, ids.acme) == "They liked the take-home."
        field.value = hostile
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the form to close")
        await settled(pilot)
        kept = notes(db_path, ids.acme).splitlines()[-1]
        assert kept.endswith("— [@click=app.quit]x[/] [bold]y ␛[31mred nul␀ csi� bidi�evil")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RejectionDetailScreen), "detail")
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]x[/]" in text.replace("\n", "")
        for strip in app.screen._compositor.render_strips():
            for segment in strip:
                assert not any(raw in segment.text for raw in RAW)
                meta = segment.style.meta if segment.style else {}
                assert "@click" not in meta
        assert app.is_running


def test_the_rejection_screen_keeps_the_first_and_newest_lines_of_long_notes() -> None:
    lines = ["They liked the take-home."] + [f"Reframe {n}" for n in range(6)]
    shown = notes_lines("\n".join(lines)).splitlines()
    assert shown == ["They liked the take-home.", "… 4 more lines (E shows all)", *lines[-2:]]
    assert notes_lines("one\n\ntwo") == "one\ntwo"
    assert notes_lines("x" * 10_000) == "x" * 199 + "…"
