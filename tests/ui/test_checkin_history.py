"""The check-in history (H) and the check-in form's day: correct, delete, undo, skip, back-date."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Static

from bounce_tui.app import BounceApp
from bounce_tui.screens.checkin_form import CheckInForm
from bounce_tui.screens.checkin_history import CheckInHistory
from bounce_tui.screens.confirm import ConfirmScreen
from bounce_tui.screens.elsewhere import GoneChoice
from bounce_tui.screens.main import MainScreen
from bounce_tui.screens.skip_form import SkipForm

from .conftest import (
    Clock,
    footer_showing,
    one,
    open_store,
    rows,
    running,
    screen_text,
    seed,
    settled,
    wait_until,
)

TODAY = date(2026, 3, 10)  # NOW in Berlin


def seed_history(db: Path, clock: Clock) -> dict[str, str]:
    """Two check-ins today, one three days ago with energy, a skipped day five days ago."""
    start = clock()
    store = open_store(db, clock)
    ids: dict[str, str] = {}
    try:
        clock.set(start - timedelta(hours=2))
        ids["morning"] = store.checkins.check_in(2, note="slow [bold]start[/]").checkin_id
        clock.set(start - timedelta(minutes=5))
        ids["later"] = store.checkins.check_in(4, energy=3, tags=["walk"]).checkin_id
        clock.set(start - timedelta(days=3))
        ids["earlier"] = store.checkins.check_in(1, energy=1, note="rough call").checkin_id
        clock.set(start)
        store.checkins.skip_day(TODAY - timedelta(days=5), "sick in bed")
    finally:
        clock.set(start)
        store.close()
    return ids


async def open_history(app: BounceApp, pilot: Pilot[Any]) -> CheckInHistory:
    await pilot.press("H")
    screen = await wait_until(
        pilot,
        lambda: isinstance(app.screen, CheckInHistory) and app.screen.loaded and app.screen,
        "the history",
    )
    await settled(pilot)
    assert isinstance(screen, CheckInHistory)
    return screen


async def highlight(pilot: Pilot[Any], screen: CheckInHistory, key: str) -> None:
    loaded = screen.loaded
    assert loaded is not None
    index = [row.key for row in loaded.rows].index(key)
    screen.table.move_cursor(row=index, animate=False)
    await pilot.pause()


async def test_the_history_lists_days_newest_first(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    seed_history(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = await open_history(app, pilot)
        text = screen_text(app)
        assert "Tue 10 Mar" in text and "4 good" in text and "3 steady" in text
        assert "2 low" in text and "slow [bold]start[/]" in text  # user text stays literal
        assert "3.0 okay" in text and "mean of these 2" in text
        assert "1 awful" in text and "1 drained" in text and "#walk" in text
        assert "skipped" in text and "sick in bed" in text
        loaded = screen.loaded
        assert loaded is not None and len({row.day for row in loaded.rows}) == 60
        assert [row.kind for row in loaded.rows[:4]] == ["checkin", "checkin", "mean", "empty"]
        await footer_showing(pilot, "Correct", "Delete")
        await pilot.press("o")
        await wait_until(pilot, lambda: len({r.day for r in screen.loaded.rows}) == 120, "older")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")


async def test_enter_corrects_a_check_in_which_keeps_its_day(db_path: Path, clock: Clock) -> None:
    ids = seed_history(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        screen = await open_history(app, pilot)
        await highlight(pilot, screen, ids["earlier"])
        await pilot.press("enter")
        form = await wait_until(pilot, lambda: isinstance(app.screen, CheckInForm) and app.screen)
        assert "Sat 07 Mar 2026" in screen_text(app)
        assert not form.query(Input).filter("#day")  # the day is shown, not typed
        await pilot.press("3", "enter")
        await wait_until(pilot, lambda: app.screen is screen, "the history again")
        await settled(pilot)
        found = one(db_path, "SELECT mood || ' ' || energy || ' ' || day FROM checkin WHERE id = ?",
                    ids["earlier"])  # fmt: skip
        assert found == "3 1 2026-03-07"
        assert spy.matching("Corrected the check-in of Sat 07 Mar")
        assert "3 okay" in screen_text(app)


async def test_correcting_a_check_in_deleted_elsewhere_asks_save_as_new_or_discard(
    db_path: Path, clock: Clock
) -> None:
    ids = seed_history(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        screen = await open_history(app, pilot)
        # "d" discards the correction of one; "n" saves the other's as a new check-in.
        for key, answer, kept in (("morning", "d", 0), ("earlier", "n", 1)):
            await highlight(pilot, screen, ids[key])
            await pilot.press("enter")
            form = await wait_until(
                pilot, lambda: isinstance(app.screen, CheckInForm) and app.screen, "the form"
            )
            other = open_store(db_path, clock)  # another program deletes it meanwhile
            try:
                other.checkins.delete_checkin(ids[key])
            finally:
                other.close()
            await pilot.press("5", "enter")
            await wait_until(pilot, lambda: isinstance(app.screen, GoneChoice), "the question")
            assert form.is_attached  # the form and its mood are still there underneath
            await pilot.press(answer)
            await wait_until(pilot, lambda: app.screen is screen, "the history again")
            await settled(pilot)
            assert app.is_running
            assert ids[key] not in [row.key for row in screen.loaded.rows]
            new = rows(db_path, "SELECT day FROM checkin WHERE mood = 5")
            assert len(new) == kept
        assert new == [("2026-03-07",)]  # saved as new on the day it had
        assert spy.matching("Saved as a new check-in")


async def test_d_deletes_after_asking_and_u_undoes(db_path: Path, clock: Clock) -> None:
    ids = seed_history(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        screen = await open_history(app, pilot)
        await highlight(pilot, screen, ids["morning"])
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert "Delete the check-in of Tue 10 Mar, 2 low" in screen_text(app)
        await pilot.press("y")
        await wait_until(pilot, lambda: not rows(db_path, "SELECT 1 FROM checkin WHERE id = ?",
                                                  ids["morning"]), "the deletion")  # fmt: skip
        await wait_until(pilot, lambda: ids["morning"] not in [r.key for r in screen.loaded.rows])
        assert spy.matching("press u to undo")
        assert "mean of these" not in screen_text(app)
        await pilot.press("u")
        await wait_until(pilot, lambda: ids["morning"] in [r.key for r in screen.loaded.rows])
        assert one(db_path, "SELECT mood FROM checkin WHERE id = ?", ids["morning"]) == 2


async def test_s_skips_the_highlighted_empty_day(db_path: Path, clock: Clock) -> None:
    seed_history(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        screen = await open_history(app, pilot)
        yesterday = TODAY - timedelta(days=1)
        await highlight(pilot, screen, f"empty:{yesterday.isoformat()}")
        await footer_showing(pilot, "Skip day")
        await pilot.press("s")
        form = await wait_until(pilot, lambda: isinstance(app.screen, SkipForm) and app.screen)
        assert form.day == yesterday
        await pilot.press(*"holiday", "enter")
        await wait_until(pilot, lambda: app.screen is screen, "the history again")
        assert one(db_path, "SELECT reason FROM skip_day WHERE day = ?", "2026-03-09") == "holiday"
        assert spy.matching("Mon 09 Mar is marked as skipped")
        await wait_until(pilot, lambda: f"skipped:{yesterday.isoformat()}" in
                         [r.key for r in screen.loaded.rows], "the skipped day")  # fmt: skip


async def test_c_4_enter_checks_in(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CheckInForm), "the form")
        await pilot.press("4", "enter")
        await wait_until(pilot, lambda: rows(db_path, "SELECT mood FROM checkin"), "the check-in")
        assert one(db_path, "SELECT mood || ' ' || day FROM checkin") == "4 2026-03-10"
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the form to close")
        assert spy.matching("Checked in. Thank you")


async def test_the_form_back_dates_and_refuses_tomorrow(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        await pilot.press("c")
        form = await wait_until(pilot, lambda: isinstance(app.screen, CheckInForm) and app.screen)
        day = form.query_one("#day", Input)
        assert day.value == "today"
        await pilot.press("2")
        day.value = ""
        day.focus()
        await pilot.press(*"tomorrow", "enter")
        error = form.query_one("#error", Static)
        await wait_until(pilot, lambda: "in the future" in str(error.render()), "the refusal")
        await settled(pilot)
        assert app.screen is form and day.value == "tomorrow"
        assert not rows(db_path, "SELECT 1 FROM checkin")
        day.value = ""
        await pilot.press(*"3d ago", "enter")
        await wait_until(pilot, lambda: rows(db_path, "SELECT 1 FROM checkin"), "the check-in")
        assert one(db_path, "SELECT mood || ' ' || day FROM checkin") == "2 2026-03-07"
        assert spy.matching("Checked in for Sat 07 Mar")


async def test_j_and_k_move_as_in_every_list(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    seed_history(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = await open_history(app, pilot)
        start = screen.table.cursor_row
        await pilot.press("j", "j")
        await wait_until(pilot, lambda: screen.table.cursor_row == start + 2, "two rows down")
        await pilot.press("k")
        await wait_until(pilot, lambda: screen.table.cursor_row == start + 1, "one back up")
