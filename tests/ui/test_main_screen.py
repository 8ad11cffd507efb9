"""Pilot tests of the main screen: every key, its forms, bad input, hostile text, theme, layout.

Each test starts the real BounceApp on a temp database (seeded through the Store
with a settable clock), waits for the store worker to load, presses keys and then
waits until the app's snapshot (and the file) reflect the write before asserting.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, Static, TextArea

from bounce_tui.app import BounceApp
from bounce_tui.resources import regroup_template
from bounce_tui.screens.checkin_form import NO_MOOD_ERROR, CheckInForm
from bounce_tui.screens.choice_form import ChoiceForm
from bounce_tui.screens.close_out_form import CloseOutForm
from bounce_tui.screens.confirm import ConfirmScreen
from bounce_tui.screens.help import HelpScreen
from bounce_tui.screens.item_form import ItemForm
from bounce_tui.screens.lesson_form import LessonForm
from bounce_tui.screens.main import MainScreen
from bounce_tui.screens.rejection_detail import RejectionDetailScreen
from bounce_tui.screens.rejection_form import RejectionForm
from bounce_tui.store.errors import StoreError
from bounce_tui.widgets.lessons_log import LessonsLog
from bounce_tui.widgets.mood_strip import MoodStrip
from bounce_tui.widgets.mourning_timer import MourningTimers
from bounce_tui.widgets.regroup_checklist import EMPTY_HINT as CHECKLIST_HINT
from bounce_tui.widgets.regroup_checklist import RegroupChecklist
from tests.ui.conftest import (
    NOW,
    Clock,
    counts,
    footer_showing,
    one,
    open_store,
    rows,
    running,
    screen_text,
    seed,
    settled,
    wait_until,
    widget_text,
)


def own_items(stage: str, channel: str = "email") -> int:
    """How many items of the packaged template a rejection gets for itself."""
    return len([i for i in regroup_template() if i.applies_to(stage, channel) and not i.hunt_wide])


def timers(app: BounceApp) -> MourningTimers:
    return app.screen.query_one(MourningTimers)


def lessons(app: BounceApp) -> LessonsLog:
    return app.screen.query_one(LessonsLog)


def checklist(app: BounceApp) -> RegroupChecklist:
    return app.screen.query_one(RegroupChecklist)


def error_line(app: BounceApp) -> str:
    """The error line of the form on top ("" when the screen on top has none)."""
    found = app.screen.query("#error")
    return str(found.first(Static).content) if found else ""


def highlighted_command(palette: Any) -> str:
    """The text of the command palette's highlighted hit ("" when none is)."""
    hits = palette.query_one("CommandList", OptionList)
    if hits.highlighted is None:
        return ""
    return str(hits.get_option_at_index(hits.highlighted).prompt)


def flat(text: str) -> str:
    """Screen text with borders and runs of spaces squeezed, so wrapped hints read as one line."""
    for border in "│╭╮╰╯─":
        text = text.replace(border, " ")
    return " ".join(text.split())


def item_order(db: Path, rejection_id: str) -> list[str]:
    return [
        title
        for (title,) in rows(
            db,
            "SELECT title FROM checklist_item WHERE rejection_id = ? ORDER BY position",
            rejection_id,
        )
    ]


# -- 1. empty state ------------------------------------------------------------------------


async def test_first_time_user_sees_a_hint_in_every_pane(db_path: Path, clock: Clock) -> None:
    async with running(db_path, clock) as (app, _pilot, _spy):
        assert app.ctx.snapshot is not None and app.ctx.snapshot.is_empty
        assert isinstance(app.screen, MainScreen)
        strip = widget_text(app.screen.query_one(MoodStrip))
        assert "No check-in yet today — press c" in strip
        timer_hint = flat(widget_text(timers(app)))
        assert "Press r to log a rejection" in timer_hint
        lesson_hint = flat(widget_text(lessons(app)))
        assert "No lessons yet — press n" in lesson_hint
        checklist_text = flat(widget_text(checklist(app)))
        assert CHECKLIST_HINT in checklist_text
        shown = flat(screen_text(app))
        for hint in ("press c", "Press r to log a rejection", "No lessons yet — press n"):
            assert hint in shown, hint


# -- 2. keys -----------------------------------------------------------------------------------


async def test_a_snapshot_that_lands_after_the_panes_are_gone_is_dropped(
    db_path: Path, clock: Clock
) -> None:
    """A reload that finishes while the app is closing must not stop it with an error."""
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = app.screen
        assert isinstance(screen, MainScreen)
        before = screen.snapshot_shown
        await screen.query_one("#timers").remove()
        assert app.ctx.snapshot is not None
        screen.show_snapshot(app.ctx.snapshot)  # raised NoMatches before
        assert screen.snapshot_shown is before
        assert app.is_running


async def test_c_checks_in_and_the_strip_shows_the_mood(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        assert "No check-in yet today" in widget_text(app.screen.query_one(MoodStrip))
        await pilot.press("c")
        assert isinstance(app.screen, CheckInForm)
        await pilot.press("4", "ctrl+s")
        await wait_until(pilot, lambda: app.ctx.snapshot.today.moods == (4,), "the check-in")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert one(db_path, "SELECT mood FROM checkin") == 4
        assert "Today: good (4.0)" in widget_text(app.screen.query_one(MoodStrip))
        assert spy.matching("Checked in")


async def test_r_logs_a_rejection_with_timer_and_checklist(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        before = counts(db_path)
        await pilot.press("r")
        assert isinstance(app.screen, RejectionForm)
        await pilot.press(*"Initech", "enter")
        await wait_until(pilot, lambda: len(app.ctx.snapshot.rejections) == 3, "the new rejection")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        new_id = one(db_path, "SELECT id FROM rejection WHERE company = 'Initech'")
        after = counts(db_path)
        assert after["rejection"] == before["rejection"] + 1
        assert after["mourning_period"] == before["mourning_period"] + 1
        assert one(db_path, "SELECT days FROM mourning_period WHERE rejection_id = ?", new_id) == 2
        assert one(
            db_path, "SELECT count(*) FROM checklist_item WHERE rejection_id = ?", new_id
        ) == own_items("interview")
        pane = widget_text(timers(app))
        assert "Initech" in pane
        assert "2d 00:00:00 left" in pane  # interview: two days, from now
        assert "for Initech" in widget_text(checklist(app))
        assert spy.matching("Logged Initech")


async def test_r_survives_a_mourning_length_that_is_no_number(db_path: Path, clock: Clock) -> None:
    """ "²".isdigit() holds but int("²") fails: such a stored setting is ignored, not a crash."""
    seed(db_path, clock)
    stamp = clock.moment.isoformat()
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute(
            "INSERT INTO setting (key, value, created_at, updated_at) VALUES (?, ?, ?, ?)",
            ("mourning.interview", "²", stamp, stamp),
        )
        conn.commit()
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("r")
        assert isinstance(app.screen, RejectionForm)
        await pilot.press(*"Initech", "enter")
        await wait_until(pilot, lambda: len(app.ctx.snapshot.rejections) == 3, "the new rejection")
        days = one(db_path, "SELECT days FROM mourning_period ORDER BY created_at DESC LIMIT 1")
        assert days == 2  # the built-in length for an interview


async def test_after_logging_the_highlighted_timer_matches_the_checklist(
    db_path: Path, clock: Clock
) -> None:
    """The checklist is "the highlighted rejection's": logging one must not split the two."""
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("r", *"Initech", "enter")
        await wait_until(pilot, lambda: len(app.ctx.snapshot.rejections) == 3, "the new rejection")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        new_id = one(db_path, "SELECT id FROM rejection WHERE company = 'Initech'")
        assert screen.selected_rejection_id == new_id  # the checklist shows Initech's items
        highlighted = timers(app).highlighted
        assert highlighted is not None
        assert highlighted.rejection_id == new_id, (
            f"timer cursor is on {highlighted.company!r} while the checklist is Initech's"
        )


async def test_n_in_the_timers_pane_opens_the_rejection_form(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        assert app.focused is timers(app)
        await pilot.press("n")
        assert isinstance(app.screen, RejectionForm)
        assert app.screen.dialog_title == "Log a rejection"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_digits_and_tab_move_focus_between_panes(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        pane_timers = timers(app)
        lesson_list = lessons(app).option_list
        item_list = checklist(app).option_list
        assert app.focused is pane_timers
        await pilot.press("2")
        assert app.focused is lesson_list
        await pilot.press("3")
        assert app.focused is item_list
        await pilot.press("1")
        assert app.focused is pane_timers
        visited = []
        for _ in range(3):
            await pilot.press("tab")
            visited.append(app.focused)
        assert visited == [lesson_list, item_list, pane_timers]
        visited = []
        for _ in range(3):
            await pilot.press("shift+tab")
            visited.append(app.focused)
        assert visited == [item_list, lesson_list, pane_timers]


async def test_j_k_move_in_each_pane_and_the_checklist_follows(db_path: Path, clock: Clock) -> None:
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        pane = timers(app)
        assert pane.highlighted is not None and pane.highlighted.rejection_id == ids.acme
        assert "for Acme" in checklist(app).heading.render().plain
        await pilot.press("o", "j", "j")  # open the finished ones; past the "done" line
        assert pane.highlighted is not None and pane.highlighted.rejection_id == ids.globex
        await pilot.pause()
        assert "for Globex" in str(checklist(app).heading.render())
        await pilot.press("k", "k")
        assert pane.highlighted is not None and pane.highlighted.rejection_id == ids.acme
        await pilot.press("2")
        first = lessons(app).highlighted
        await pilot.press("j")
        second = lessons(app).highlighted
        assert first is not None and second is not None and first != second
        await pilot.press("k")
        assert lessons(app).highlighted == first
        await pilot.press("3")
        top = checklist(app).highlighted
        await pilot.press("down")
        assert checklist(app).highlighted != top
        await pilot.press("up")
        assert checklist(app).highlighted == top


async def test_plus_extends_twice_then_says_the_limit_gently(db_path: Path, clock: Clock) -> None:
    ids = seed(db_path, clock)
    sql = "SELECT days, extensions FROM mourning_period WHERE rejection_id = ?"
    async with running(db_path, clock) as (app, pilot, spy):
        assert "Extend" in await footer_showing(pilot, "Extend")
        for n in (1, 2):
            await pilot.press("plus")
            await wait_until(
                pilot,
                lambda n=n: any(t.extensions == n for t in app.ctx.snapshot.timers),
                f"extension {n}",
            )
            assert one(db_path, sql, ids.acme) == (3 + n, n)
        await pilot.pause()
        assert timers(app).check_action("extend", ()) is False
        await wait_until(
            pilot, lambda: "Extend" not in screen_text(app).splitlines()[-1], "Extend to go"
        )
        await pilot.press("plus")
        await wait_until(pilot, lambda: spy.matching("two extra days"), "the gentle limit")
        await settled(pilot)  # nothing may be written: a third extension would be by now
        assert one(db_path, sql, ids.acme) == (5, 2)
        assert len(spy.matching("One more day")) == 2
        assert not [n for n in spy.notes if n[2] == "error"]


async def test_m_moves_on_and_the_timer_drops_to_the_done_list(db_path: Path, clock: Clock) -> None:
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        assert [t.rejection_id for t in timers(app).timers] == [ids.acme, ids.globex]
        await pilot.press("m")
        assert isinstance(app.screen, CloseOutForm)
        await pilot.press(*"done", "enter")
        await wait_until(
            pilot,
            lambda: all(
                t.moved_on_at for t in app.ctx.snapshot.timers if t.rejection_id == ids.acme
            ),
            "the move-on",
        )
        await pilot.pause()
        moved, note = one(
            db_path,
            "SELECT moved_on_at, close_note FROM mourning_period WHERE rejection_id = ?",
            ids.acme,
        )
        assert moved is not None and note == "done"
        assert timers(app).running_rows == []
        pane = widget_text(timers(app))
        assert "Acme — moved on early" in pane
        assert "left" not in pane
        assert app.focused is checklist(app).option_list
        assert "for Acme" in str(checklist(app).heading.render())


async def test_l_turns_the_closing_line_and_feedback_into_a_lesson(
    db_path: Path, clock: Clock
) -> None:
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, CloseOutForm), "the close-out")
        await pilot.press(*"Ask for feedback sooner", "enter")
        await wait_until(pilot, lambda: spy.matching("L on that timer"), "the offer")
        await pilot.press("1")
        timers(app).select_rejection(ids.acme)
        await pilot.press("L")
        form = await wait_until(pilot, lambda: isinstance(app.screen, LessonForm) and app.screen)
        assert form.query_one("#prompt", Input).value == "Looking back on Acme (final)"
        typed = form.query_one("#text", TextArea).text
        assert typed == "Ask for feedback sooner\n\nWhat they said: They liked the take-home."
        await pilot.press("ctrl+s")
        sql = "SELECT rejection_id, prompt FROM lesson WHERE text LIKE 'Ask for feedback%'"
        await wait_until(pilot, lambda: rows(db_path, sql), "the lesson")
        assert rows(db_path, sql) == [(ids.acme, "Looking back on Acme (final)")]


async def test_l_with_nothing_to_start_from_says_how_to_get_there(
    db_path: Path, clock: Clock
) -> None:
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        timers(app).select_rejection(ids.globex)
        await pilot.press("L")
        await wait_until(pilot, lambda: spy.matching("Nothing to start from yet"), "the note")
        assert isinstance(app.screen, MainScreen)


async def test_l_on_a_rejections_screen_starts_from_its_feedback(
    db_path: Path, clock: Clock
) -> None:
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        timers(app).select_rejection(ids.acme)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RejectionDetailScreen), "detail")
        await pilot.press("L")
        form = await wait_until(pilot, lambda: isinstance(app.screen, LessonForm) and app.screen)
        assert form.query_one("#prompt", Input).value == "What Acme (final) said"
        assert form.query_one("#text", TextArea).text == "They liked the take-home."


async def test_x_logs_an_urge(db_path: Path, clock: Clock) -> None:
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        await pilot.press("x")
        await wait_until(pilot, lambda: any(t.urges for t in app.ctx.snapshot.timers), "the urge")
        await pilot.pause()
        period = one(db_path, "SELECT id FROM mourning_period WHERE rejection_id = ?", ids.acme)
        assert one(db_path, "SELECT mourning_id FROM urge") == period
        assert "urges: 1" in widget_text(timers(app))
        assert spy.matching("Urges pass")


async def test_f_shows_another_reframing_question(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        reframe = timers(app).query_one(".reframe", Static)
        first = widget_text(reframe)
        assert "Thinking trap" in first
        await pilot.press("f")
        await pilot.pause()
        second = widget_text(reframe)
        assert "Thinking trap" in second
        assert second != first


async def test_enter_opens_the_detail_screen_and_escape_returns(
    db_path: Path, clock: Clock
) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("enter")
        assert isinstance(app.screen, RejectionDetailScreen)
        await pilot.pause()
        header = widget_text(app.screen.query_one("#detail-header", Static))
        assert "Acme — Backend engineer" in header
        assert "They liked the take-home." in header
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_e_on_a_timer_edits_the_company(db_path: Path, clock: Clock) -> None:
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, RejectionForm) and form.dialog_title == "Edit rejection"
        company = form.query_one("#company", Input)
        assert company.value == "Acme"
        assert app.focused is company
        company.value = "Acme"
        company.cursor_position = 4
        await pilot.press(*" Corp", "ctrl+s")
        await wait_until(
            pilot,
            lambda: any(r.company == "Acme Corp" for r in app.ctx.snapshot.rejections),
            "the edit",
        )
        await pilot.pause()
        assert one(db_path, "SELECT company FROM rejection WHERE id = ?", ids.acme) == "Acme Corp"
        assert one(db_path, "SELECT count(*) FROM rejection") == 2
        assert "Acme Corp — Backend engineer" in widget_text(timers(app))


async def test_d_on_a_timer_asks_then_deletes_and_u_undoes(db_path: Path, clock: Clock) -> None:
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        before = counts(db_path)
        items = rows(db_path, "SELECT * FROM checklist_item ORDER BY id")
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await wait_until(pilot, lambda: len(app.ctx.snapshot.rejections) == 1, "the deletion")
        after = counts(db_path)
        assert after["rejection"] == 1 and after["mourning_period"] == 1
        assert after["checklist_item"] == before["checklist_item"] - own_items("final")
        assert one(db_path, "SELECT count(*) FROM rejection WHERE id = ?", ids.acme) == 0
        assert spy.matching("press u to undo")
        await pilot.pause()
        assert "Acme" not in widget_text(timers(app))
        await pilot.press("u")
        await wait_until(pilot, lambda: len(app.ctx.snapshot.rejections) == 2, "the undo")
        assert counts(db_path) == before
        assert rows(db_path, "SELECT * FROM checklist_item ORDER BY id") == items
        lesson = ids.lessons["Prepare two stories about conflict"]
        assert one(db_path, "SELECT rejection_id FROM lesson WHERE id = ?", lesson) == ids.acme
        await pilot.pause()
        assert "Acme — Backend engineer" in widget_text(timers(app))


async def test_n_on_the_confirm_keeps_the_rejection(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        before = counts(db_path)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        await settled(pilot)  # nothing may be deleted: a deletion would be written by now
        assert counts(db_path) == before


async def test_slash_focuses_the_search_and_typing_filters(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        log = lessons(app)
        assert len(log.shown) == 2
        await pilot.press("slash")
        assert app.focused is log.search_input
        await pilot.press(*"confl")
        await pilot.pause()
        assert [lesson.text for lesson in log.shown] == ["Prepare two stories about conflict"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(log.shown) == 2


async def test_n_in_lessons_adds_a_lesson(db_path: Path, clock: Clock) -> None:
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        await pilot.press("2", "n")
        form = app.screen
        assert isinstance(form, LessonForm) and form.dialog_title == "New lesson"
        assert app.focused is form.query_one("#prompt", Input)
        await pilot.press(*"Tired in the final round", "enter")
        assert app.focused is form.query_one("#text", TextArea)
        await pilot.press(*"Sleep", "ctrl+s")
        await wait_until(pilot, lambda: len(app.ctx.snapshot.lessons) == 3, "the new lesson")
        await pilot.pause()
        text = "Sleep"
        assert one(db_path, "SELECT rejection_id FROM lesson WHERE text = ?", text) == ids.acme
        front = one(db_path, "SELECT prompt FROM lesson WHERE text = ?", text)
        assert front == "Tired in the final round"
        assert any(lesson.text == text for lesson in lessons(app).shown)
        assert spy.matching("Lesson kept")


async def test_e_in_lessons_edits_the_highlighted_lesson(db_path: Path, clock: Clock) -> None:
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("2")
        target = lessons(app).highlighted
        assert target is not None
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, LessonForm) and form.dialog_title == "Edit lesson"
        area = form.query_one("#text", TextArea)
        assert area.text == target.text
        area.text = "Ask about the team's hardest problem"
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: any(
                le.text.startswith("Ask about the team") for le in app.ctx.snapshot.lessons
            ),
            "the edit",
        )
        lesson_id = ids.lessons[target.text]
        assert (
            one(db_path, "SELECT text FROM lesson WHERE id = ?", lesson_id)
            == "Ask about the team's hardest problem"
        )
        assert one(db_path, "SELECT count(*) FROM lesson") == 2


async def test_d_in_lessons_deletes_and_u_restores(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        await pilot.press("2")
        target = lessons(app).highlighted
        assert target is not None
        saved = rows(db_path, "SELECT * FROM lesson WHERE id = ?", target.lesson_id)
        await pilot.press("d")
        await wait_until(pilot, lambda: len(app.ctx.snapshot.lessons) == 1, "the deletion")
        assert one(db_path, "SELECT count(*) FROM lesson WHERE id = ?", target.lesson_id) == 0
        assert spy.matching("Deleted lesson")
        await pilot.press("u")
        await wait_until(pilot, lambda: len(app.ctx.snapshot.lessons) == 2, "the undo")
        assert rows(db_path, "SELECT * FROM lesson WHERE id = ?", target.lesson_id) == saved
        assert spy.matching("Restored lesson")
        await pilot.press("u")
        await pilot.pause()
        assert spy.matching("Nothing to undo")


async def test_space_toggles_a_task(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("3")
        item = checklist(app).highlighted
        assert item is not None and item.kind == "task" and not item.done
        sql = "SELECT done_at FROM checklist_item WHERE id = ?"
        await pilot.press("space")
        await wait_until(
            pilot,
            lambda: any(i.item_id == item.item_id and i.done for i in app.ctx.snapshot.items),
            "the toggle",
        )
        assert one(db_path, sql, item.item_id) is not None
        await pilot.pause()
        assert "☑ " + item.title in widget_text(checklist(app))
        await pilot.press("space")
        await wait_until(
            pilot,
            lambda: any(i.item_id == item.item_id and not i.done for i in app.ctx.snapshot.items),
            "the second toggle",
        )
        assert one(db_path, sql, item.item_id) is None


async def test_space_on_a_decision_records_the_choice(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("3", "j")
        item = checklist(app).highlighted
        assert item is not None and item.kind == "decision"
        await pilot.press("space")
        assert isinstance(app.screen, ChoiceForm)
        choices = app.screen.query_one("#choices", OptionList)
        assert app.focused is choices
        await pilot.press("down", "enter")
        await wait_until(
            pilot,
            lambda: any(i.item_id == item.item_id and i.choice for i in app.ctx.snapshot.items),
            "the choice",
        )
        choice, done_at = one(
            db_path, "SELECT choice, done_at FROM checklist_item WHERE id = ?", item.item_id
        )
        assert choice == item.choices[1] and done_at is not None
        await pilot.pause()
        assert f"→ chosen: {item.choices[1]}" in widget_text(checklist(app))


async def test_n_e_d_u_on_checklist_items(db_path: Path, clock: Clock) -> None:
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("3", "n")
        assert isinstance(app.screen, ItemForm)
        assert app.screen.dialog_title == "New checklist item"
        await pilot.press(*"Call Dana", "ctrl+s")
        await wait_until(
            pilot,
            lambda: any(i.title == "Call Dana" for i in app.ctx.snapshot.items),
            "the new item",
        )
        assert item_order(db_path, ids.acme)[-1] == "Call Dana"
        # edit the first item
        await pilot.press("home")
        first = checklist(app).highlighted
        assert first is not None
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ItemForm) and form.dialog_title == "Edit item"
        title = form.query_one("#title", Input)
        assert title.value == first.title
        title.value = "Send a thank-you note"
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: any(i.title == "Send a thank-you note" for i in app.ctx.snapshot.items),
            "the edit",
        )
        assert (
            one(db_path, "SELECT title FROM checklist_item WHERE id = ?", first.item_id)
            == "Send a thank-you note"
        )
        # delete it, then undo
        saved = rows(db_path, "SELECT * FROM checklist_item WHERE id = ?", first.item_id)
        await pilot.pause()
        await pilot.press("d")
        await wait_until(
            pilot,
            lambda: all(i.item_id != first.item_id for i in app.ctx.snapshot.items),
            "the deletion",
        )
        assert rows(db_path, "SELECT * FROM checklist_item WHERE id = ?", first.item_id) == []
        await pilot.press("u")
        await wait_until(
            pilot,
            lambda: any(i.item_id == first.item_id for i in app.ctx.snapshot.items),
            "the undo",
        )
        assert rows(db_path, "SELECT * FROM checklist_item WHERE id = ?", first.item_id) == saved


@pytest.mark.parametrize(("up", "down"), [("K", "J"), ("shift+up", "shift+down")])
async def test_items_move_up_and_down(db_path: Path, clock: Clock, up: str, down: str) -> None:
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        start = item_order(db_path, ids.acme)
        await pilot.press("3", "j")
        moved = checklist(app).highlighted
        assert moved is not None and moved.title == start[1]
        await pilot.press(up)
        expected = [start[1], start[0], *start[2:]]
        await wait_until(pilot, lambda: item_order(db_path, ids.acme) == expected, "moving up")
        await wait_until(
            pilot,
            lambda: [i.title for i in checklist(app).items][:2] == expected[:2],
            "the list to follow",
        )
        assert checklist(app).highlighted is not None
        assert checklist(app).highlighted.item_id == moved.item_id
        await pilot.press(down)
        await wait_until(pilot, lambda: item_order(db_path, ids.acme) == start, "moving down")
        positions = [p for (p,) in rows(
            db_path,
            "SELECT position FROM checklist_item WHERE rejection_id = ? ORDER BY position",
            ids.acme,
        )]  # fmt: skip
        assert positions == list(range(len(start)))


async def test_help_opens_with_question_mark_and_f1_and_escape_closes(
    db_path: Path, clock: Clock
) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            assert isinstance(app.screen, HelpScreen), key
            await pilot.pause()
            shown = screen_text(app)
            assert "Anywhere" in shown and "check in: how are you" in shown
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen), key


async def test_palette_runs_lesson_add(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"lesson: add")
        palette = app.screen
        await wait_until(
            pilot,
            lambda: palette.query_one("CommandList", OptionList).option_count > 0,
            "palette hits",
        )
        await wait_until(pilot, lambda: "lesson: add" in highlighted_command(palette), "the hit")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LessonForm), "the lesson form")
        assert app.screen.dialog_title == "New lesson"


async def test_q_quits(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("q")
        await pilot.pause()
        assert app._exit
    assert app.return_code == 0


# -- 3. bad input in forms opened from the main screen ---------------------------------------


async def test_rejection_without_company_or_from_the_future_writes_nothing(
    db_path: Path, clock: Clock
) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        before = counts(db_path)
        snapshot = app.ctx.snapshot
        await pilot.press("r", "ctrl+s")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "company must not" in error_line(app), "the error")
        form = app.screen
        assert isinstance(form, RejectionForm)
        assert "company must not be empty" in str(form.query_one("#error", Static).content)
        assert app.focused is form.query_one("#company", Input)
        assert counts(db_path) == before
        assert app.ctx.snapshot is snapshot
        # a company, but a date in the future
        await pilot.press(*"Init")
        form.query_one("#received", Input).value = "2026-03-12"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "future" in error_line(app), "the error")
        assert isinstance(app.screen, RejectionForm)
        assert "future" in str(form.query_one("#error", Static).content)
        assert app.focused is form.query_one("#received", Input)
        assert counts(db_path) == before
        await pilot.press("escape")  # the form holds a company: it asks first
        await wait_until(pilot, lambda: "Discard" in error_line(app), "the question")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        await settled(pilot)  # nothing may be written: a write would be in the file by now
        assert counts(db_path) == before


async def test_checkin_without_mood_writes_nothing(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        before = counts(db_path)
        await pilot.press("c", "ctrl+s")
        await wait_until(pilot, lambda: NO_MOOD_ERROR in error_line(app), "the error")
        await settled(pilot)  # nothing may be written: a write would be in the file by now
        assert isinstance(app.screen, CheckInForm)
        assert NO_MOOD_ERROR in str(app.screen.query_one("#error", Static).content)
        assert counts(db_path) == before


async def test_empty_lesson_and_item_write_nothing(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        before = counts(db_path)
        await pilot.press("2", "n", "ctrl+s")
        await wait_until(pilot, lambda: "must not be empty" in error_line(app), "the error")
        assert isinstance(app.screen, LessonForm)
        assert "lesson must not be empty" in str(app.screen.query_one("#error", Static).content)
        await pilot.press("escape", "3", "n", "ctrl+s")
        await wait_until(pilot, lambda: "title must not" in error_line(app), "the error")
        assert isinstance(app.screen, ItemForm)
        assert "title must not be empty" in str(app.screen.query_one("#error", Static).content)
        app.screen.query_one("#title", Input).value = "Valid title"
        app.screen.query_one("#due", Input).value = "someday"
        await pilot.press("ctrl+s")
        due = app.screen.query_one("#due", Input)
        await wait_until(pilot, lambda: app.focused is due, "the error on the due date")
        assert isinstance(app.screen, ItemForm)
        assert app.focused is app.screen.query_one("#due", Input)
        await pilot.press("escape")
        await settled(pilot)  # nothing may be written: a write would be in the file by now
        assert counts(db_path) == before


# -- 6. an error in a store worker -----------------------------------------------------------


async def test_store_error_becomes_a_notification(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        assert app.ctx.store is not None

        def broken(item_id: str) -> Any:
            raise StoreError("the disk said no; nothing was saved")

        monkeypatch.setattr(app.ctx.store.checklist, "toggle_item", broken)
        await pilot.press("3", "space")
        await wait_until(pilot, lambda: spy.matching("the disk said no"), "the error notice")
        assert spy.matching("the disk said no")[0][2] == "error"
        assert any("the disk said no" in str(n.message) for n in app._notifications)
        assert isinstance(app.screen, MainScreen)
        assert app.is_running and app._exception is None
        assert one(db_path, "SELECT count(*) FROM checklist_item WHERE done_at IS NOT NULL") == 0
        # the app still works
        await pilot.press("1", "x")
        await wait_until(pilot, lambda: any(t.urges for t in app.ctx.snapshot.timers), "an urge")


async def test_unexpected_error_hides_its_text(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        assert app.ctx.store is not None

        def broken(period_id: str | None, kind: str = "") -> Any:
            raise ValueError("secret note text")

        monkeypatch.setattr(app.ctx.store.mourning, "log_urge", broken)
        await pilot.press("x")
        await wait_until(pilot, lambda: spy.matching("ValueError"), "the error notice")
        assert not spy.matching("secret note text")
        assert isinstance(app.screen, MainScreen) and app._exception is None


async def test_a_row_deleted_elsewhere_gives_a_notice_not_a_crash(
    db_path: Path, clock: Clock
) -> None:
    """Another process deletes the shown timer; `x` on it fails in the worker and is reported."""
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        with closing(sqlite3.connect(db_path)) as conn, conn:
            conn.execute("DELETE FROM mourning_period WHERE rejection_id = ?", (ids.acme,))
        await pilot.press("x")
        await wait_until(pilot, lambda: spy.matching("no mourning period"), "the error notice")
        assert spy.matching("no mourning period")[0][2] == "error"
        assert isinstance(app.screen, MainScreen) and app._exception is None
        assert one(db_path, "SELECT count(*) FROM urge") == 0
        app.ctx.every_second()  # the data_version poll notices the other writer
        await wait_until(pilot, lambda: len(app.ctx.snapshot.timers) == 1, "the reload")
        await pilot.pause()
        assert "Acme" not in widget_text(timers(app))


# -- 7. hostile text -------------------------------------------------------------------------

CLICK = "[@click=app.quit]x[/]"
HOSTILE = f"{CLICK} [/] [bold]x \x1b[31mred nul\x00 csi\x9b bidi\u202eevil 👩‍👩‍👧"
LONG = "w" * 10_000
RAW = ("\x1b", "\x00", "\x9b", "\u202e")


def seed_hostile(db: Path, clock: Clock) -> str:
    store = open_store(db, clock)
    try:
        clock.advance(hours=-1)
        rejection = store.rejections.log_rejection(
            HOSTILE, role=HOSTILE, notes=f"{HOSTILE}\n{LONG}", contact=HOSTILE
        )
        clock.advance(minutes=10)
        store.lessons.add_lesson(f"{HOSTILE} {LONG}", category="interview", rejection_id=rejection)
        store.checklist.add_item(None, HOSTILE)
        store.checklist.add_item(rejection, HOSTILE, kind="decision", choices=[HOSTILE, "no"])
        store.checkins.check_in(2, note=HOSTILE, tags=["[/]"])
    finally:
        clock.set(NOW)
        store.close()
    return rejection


def assert_harmless(app: BounceApp) -> None:
    """Markup is shown literally and no raw control character reaches the terminal."""
    text = screen_text(app)
    for raw in RAW:
        assert raw not in text, repr(raw)
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            assert not any(raw in segment.text for raw in RAW)
            meta = segment.style.meta if segment.style else {}
            assert "@click" not in meta, (segment.text, meta)  # user text never became markup
    svg = app.export_screenshot()
    assert "\x1b" not in svg and "\x00" not in svg


async def test_hostile_text_is_shown_literally(db_path: Path, clock: Clock) -> None:
    rejection_id = seed_hostile(db_path, clock)
    async with running(db_path, clock, size=(120, 40)) as (app, pilot, _spy):
        assert isinstance(app.screen, MainScreen) and app._exception is None
        text = screen_text(app)
        assert text.count(CLICK) >= 4, text  # strip, timer, lesson, checklist (+heading)
        assert "[/]" in text and "[bold]x" in text
        assert "␛[31mred" in text and "nul␀" in text
        assert "👩‍👩‍👧" in text
        svg = app.export_screenshot()
        assert "[@click=app.quit]x[/]" in svg
        assert_harmless(app)
        # Every pane shows the literal text, too.
        assert CLICK in widget_text(app.screen.query_one(MoodStrip))
        assert CLICK in widget_text(timers(app))
        assert CLICK in widget_text(lessons(app))
        assert CLICK in widget_text(checklist(app))
        assert timers(app).highlighted is not None
        assert timers(app).highlighted.rejection_id == rejection_id


async def test_clicking_hostile_rows_does_not_quit(db_path: Path, clock: Clock) -> None:
    seed_hostile(db_path, clock)
    async with running(db_path, clock, size=(120, 40)) as (app, pilot, _spy):
        row = timers(app).running_rows[0]
        lesson_list = lessons(app).option_list
        targets = (row, lesson_list, checklist(app).option_list, app.screen.query_one(MoodStrip))
        for target in targets:
            for x in (1, 8):  # over the literal "[@click=app.quit]x[/]" of each row
                await pilot.click(target, offset=(x, 0))
        await pilot.pause()
        assert not app._exit and app.is_running
        assert isinstance(app.screen, MainScreen)
        assert_harmless(app)


async def test_hostile_detail_screen(db_path: Path, clock: Clock) -> None:
    seed_hostile(db_path, clock)
    async with running(db_path, clock, size=(120, 40)) as (app, pilot, _spy):
        await pilot.press("1", "enter")
        assert isinstance(app.screen, RejectionDetailScreen)
        await pilot.pause()
        header = widget_text(app.screen.query_one("#detail-header", Static))
        assert CLICK in header and "␛[31mred" in header
        text = screen_text(app)
        assert CLICK in text
        assert_harmless(app)
        for x in (1, 5):
            await pilot.click("#detail-header", offset=(x, 0))
        assert not app._exit and isinstance(app.screen, RejectionDetailScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_hostile_text_in_the_forms_and_confirm(db_path: Path, clock: Clock) -> None:
    rejection_id = seed_hostile(db_path, clock)
    async with running(db_path, clock, size=(120, 40)) as (app, pilot, _spy):
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.pause()
        assert CLICK in screen_text(app)
        assert_harmless(app)
        await pilot.press("escape", "e")
        assert isinstance(app.screen, RejectionForm)
        await pilot.pause()
        assert_harmless(app)
        # saving without changes keeps the stored text exactly
        sql = "SELECT company, role, notes, contact FROM rejection WHERE id = ?"
        stored = rows(db_path, sql, rejection_id)
        assert stored[0][0] == HOSTILE
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the form to close")
        await settled(pilot)
        assert rows(db_path, sql, rejection_id) == stored


# -- 8. theme --------------------------------------------------------------------------------


async def test_theme_is_remembered(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        assert app.theme != "nord"
        app.theme = "nord"
        await wait_until(
            pilot,
            lambda: rows(db_path, "SELECT value FROM setting WHERE key = 'theme'") == [("nord",)],
            "the theme setting",
        )
    async with running(db_path, clock) as (app, pilot, _spy):
        assert app.theme == "nord"
        await settled(pilot)  # restoring the theme must not write another one
        assert rows(db_path, "SELECT value FROM setting WHERE key = 'theme'") == [("nord",)]


async def test_an_unknown_saved_theme_is_ignored(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    store = open_store(db_path, clock)
    store.settings.set_setting("theme", "no-such-theme")
    store.close()
    async with running(db_path, clock) as (app, _pilot, _spy):
        assert app.theme in app.available_themes
        assert app.theme != "no-such-theme"


# -- 9. layout -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_all_panes_and_the_footer_fit(
    db_path: Path, clock: Clock, size: tuple[int, int]
) -> None:
    seed(db_path, clock, checkin=True)
    async with running(db_path, clock, size=size) as (app, pilot, _spy):
        await footer_showing(pilot, "Quit", "c Mood", "? Help")
        lines = screen_text(app).splitlines()
        assert len(lines) == size[1]
        text = "\n".join(lines)
        for title in ("1 Mourning timers", "2 Lessons", "3 Regroup checklist"):
            assert title in text, title
        assert "Today: okay" in lines[0]
        footer = lines[-1]
        assert "Quit" in footer and "c Mood" in footer and "? Help" in footer
        for name in ("#timers", "#lessons", "#checklist"):
            region = app.screen.query_one(name).region
            assert region.width >= 20 and region.height >= 3, (name, region)
            assert region.right <= size[0] and region.bottom <= size[1] - 1, (name, region)
        assert "left" in text  # the running countdown is visible


async def test_a_highlighted_finished_timer_is_visible_at_80x24(
    db_path: Path, clock: Clock
) -> None:
    """With a reframe shown, the finished entry sits under the pane's border and never scrolls."""
    ids = seed(db_path, clock)
    async with running(db_path, clock, size=(80, 24)) as (app, pilot, _spy):
        await pilot.press("o", "j", "j")
        await wait_until(pilot, lambda: "for Globex" in screen_text(app), "the checklist to follow")
        pane = timers(app)
        assert pane.highlighted is not None and pane.highlighted.rejection_id == ids.globex
        assert "for Globex" in screen_text(app)  # the checklist followed the cursor
        assert "Globex — ended" in screen_text(app), screen_text(app)


# -- mouse ------------------------------------------------------------------------------------


async def test_double_click_under_the_lesson_search_does_not_crash(
    db_path: Path, clock: Clock
) -> None:
    """The row under the search box belongs to LessonsLog itself; a double click selects all
    in it, which calls `widget.query("*")` — shadowed by the `LessonsLog.query` property."""
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("slash")
        await pilot.pause()
        log = lessons(app)
        # the pane's own row: under the search box (the box's bottom margin)
        box = log.search_input.region
        row = box.y + box.height - log.region.y
        under, _ = app.screen.get_widget_at(log.region.x + 5, log.region.y + row)
        assert under is log
        await pilot.double_click(log, offset=(5, row))
        await pilot.pause()
        assert app._exception is None and not app._exit
        assert isinstance(app.screen, MainScreen)


# -- the app's zone ---------------------------------------------------------------------------


@pytest.fixture
def system_zone_new_york() -> Iterator[None]:
    """Make the process's local zone differ from the app's (Berlin)."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


@pytest.mark.usefixtures("system_zone_new_york")
async def test_finished_timer_dates_use_the_app_zone(db_path: Path, clock: Clock) -> None:
    """A one-day period that ended at 00:30 Berlin time on Mon 9 Mar (23:30 UTC on the 8th)."""
    store = open_store(db_path, clock)
    clock.set(datetime(2026, 3, 7, 23, 30, tzinfo=timezone.utc))
    store.rejections.log_rejection("Hooli", stage="screen")
    clock.set(NOW)
    store.close()
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("enter")
        await pilot.pause()
        header = widget_text(app.screen.query_one("#detail-header", Static))
        assert "Sun 08 Mar 2026 00:30" in header  # the detail screen uses the app's zone
        await pilot.press("escape")
        await pilot.pause()
        assert "Hooli — ended Mon 9 Mar" in widget_text(timers(app))


# -- the detail screen's own keys -------------------------------------------------------------


async def test_shift_e_on_the_detail_screen_edits_the_rejection(
    db_path: Path, clock: Clock
) -> None:
    """On the detail screen `E` edits the rejection; `e` stays the focused pane's edit."""
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("enter")
        assert isinstance(app.screen, RejectionDetailScreen)
        footer = await footer_showing(pilot, "E Edit rejection")
        assert "E Edit rejection" in footer, footer
        await pilot.press("E")
        assert isinstance(app.screen, RejectionForm), type(app.screen).__name__
        assert app.screen.query_one("#company", Input).value == "Acme"


async def test_the_footer_is_not_cut_at_80x24(db_path: Path, clock: Clock) -> None:
    """With a running timer highlighted, every footer key and its label fits in 80 columns."""
    seed(db_path, clock)
    async with running(db_path, clock, size=(80, 24)) as (app, pilot, _spy):
        footer = await footer_showing(pilot, "? Help", "^p palette")
        assert "? Help" in footer, footer
        assert "^p palette" in footer, footer


async def test_the_highlighted_items_reason_shows_in_full_beneath_the_list(
    db_path: Path, clock: Clock
) -> None:
    seed(db_path, clock)
    async with running(db_path, clock, size=(120, 50)) as (app, pilot, _spy):
        pane = checklist(app)
        await pilot.press("3")
        first = pane.highlighted
        assert first is not None and first.why
        why = pane.query_one(".why", Static)

        def shown() -> str:
            return " ".join(widget_text(why).split())

        await wait_until(pilot, lambda: " ".join(first.why.split()) in shown(), "the reason")
        await pilot.press("j")
        second = pane.highlighted
        assert second is not None and second.why != first.why
        await wait_until(pilot, lambda: " ".join(second.why.split()) in shown(), "the next")


async def test_typing_in_slash_over_more_lessons_than_loaded_shows_the_ranked_results(
    db_path: Path, clock: Clock
) -> None:
    """Beyond the first page, `/` shows the database's ranked results for the last text
    typed (an old lesson included), never a stale search's."""
    store = open_store(db_path, clock)
    try:
        clock.advance(days=-30)
        old = store.lessons.add_lesson("Negotiate the relocation budget", category="fit")
        for n in range(320):
            clock.advance(minutes=1)
            store.lessons.add_lesson(f"Practise answer {n} out loud", category="interview")
    finally:
        clock.set(NOW)
        store.close()
    async with running(db_path, clock) as (app, pilot, _spy):
        log = lessons(app)
        assert log.partial and old not in {lesson.lesson_id for lesson in log.shown}
        await pilot.press("slash", *"relocation budget")
        await wait_until(pilot, lambda: [v.lesson_id for v in log.shown] == [old], "old lesson")
        await settled(pilot)
        assert [v.lesson_id for v in log.shown] == [old]  # no stale search came after
        await pilot.press(*["backspace"] * len("relocation budget"), *"answer 31")
        expected = app.ctx.store.read.search_lessons("practise answer 31")
        await wait_until(
            pilot, lambda: log.shown == expected and log.search_text.endswith("31"), "results"
        )
        await settled(pilot)
        assert log.shown == expected and len(expected) > 1


async def test_a_filtered_search_finds_a_match_ranked_below_the_first_two_hundred(
    db_path: Path, clock: Clock
) -> None:
    """`cat:` and `at:` narrow the database search itself, not just its best 200 rows."""
    store = open_store(db_path, clock)
    try:
        clock.advance(days=-30)
        long_text = "Bring one answer " + " ".join(f"detail{n}" for n in range(40))
        old = store.lessons.add_lesson(long_text, category="task")
        for n in range(320):
            clock.advance(minutes=1)
            store.lessons.add_lesson(f"Practise answer {n} out loud", category="interview")
        words_only = store.read.search_lessons("answer")
        assert old not in {v.lesson_id for v in words_only}  # ranked below the first 200
    finally:
        clock.set(NOW)
        store.close()
    async with running(db_path, clock) as (app, pilot, _spy):
        log = lessons(app)
        assert log.partial and old not in {v.lesson_id for v in log.shown}
        await pilot.press("slash", *"cat:task answer")
        await wait_until(pilot, lambda: [v.lesson_id for v in log.shown] == [old], "the task")
        # A filter alone, over more lessons than are loaded, searches them all too.
        await pilot.press(*["backspace"] * len(" answer"))
        await wait_until(pilot, lambda: log.search_text == "cat:task", "the filter alone")
        await wait_until(pilot, lambda: [v.lesson_id for v in log.shown] == [old], "by filter")
