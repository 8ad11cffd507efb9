"""Two windows on one file: an edit never silently overwrites, and a deletion never costs text.

A second Store on the same file plays the other window; `ctx.every_second()` is the
watcher's tick that notices its writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Static

from bounce_tui.app import BounceApp
from bounce_tui.screens.elsewhere import GoneChoice, VersionChoice
from bounce_tui.screens.item_form import ItemForm
from bounce_tui.screens.lesson_detail import LessonScreen
from bounce_tui.screens.lesson_form import LessonForm
from bounce_tui.screens.main import MainScreen
from bounce_tui.screens.rejection_detail import RejectionDetailScreen
from bounce_tui.screens.rejection_form import RejectionForm
from bounce_tui.widgets.mourning_timer import MourningTimers
from bounce_tui.widgets.regroup_checklist import RegroupChecklist
from bounce_tui.widgets.text_box import TextBox

from .conftest import Clock, one, open_store, running, seed, settled, wait_until, widget_text

STORIES = "Prepare two stories about conflict"


async def lesson_form_on(pilot: Pilot[Any], lesson_id: str) -> tuple[LessonScreen, LessonForm]:
    """Open the lesson's own screen, then its edit form (`e`)."""
    app = pilot.app
    assert isinstance(app, BounceApp)
    screen = LessonScreen(app.ctx, lesson_id)
    await app.push_screen(screen)
    await wait_until(pilot, lambda: screen.detail is not None, "the lesson")
    await settled(pilot)
    await pilot.press("e")
    form = await wait_until(
        pilot, lambda: isinstance(app.screen, LessonForm) and app.screen, "the form"
    )
    return screen, form


def other_window(db: Path, clock: Clock, job: Any) -> None:
    """The other window writes (and closes its store)."""
    store = open_store(db, clock)
    try:
        job(store)
    finally:
        store.close()


def theirs_edit(lesson_id: str) -> Any:
    return lambda store: store.lessons.edit_lesson(
        lesson_id, text=STORIES, category="preparation", prompt="Theirs: a hard talk"
    )


async def choice_after_save(pilot: Pilot[Any]) -> VersionChoice:
    await pilot.press("ctrl+s")
    return await wait_until(
        pilot,
        lambda: isinstance(pilot.app.screen, VersionChoice) and pilot.app.screen,
        "the choice",
    )


async def test_keep_mine_shows_both_versions_then_writes_mine(db_path: Path, clock: Clock) -> None:
    lesson = seed(db_path, clock).lessons[STORIES]
    async with running(db_path, clock) as (app, pilot, _):
        screen, form = await lesson_form_on(pilot, lesson)
        form.query_one("#prompt", Input).value = "Mine: a disagreement"
        other_window(db_path, clock, theirs_edit(lesson))
        choice = await choice_after_save(pilot)
        shown = widget_text(choice.query_one("#difference-lines", Static))
        assert "Situation" in shown
        assert "Theirs: a hard talk" in shown and "Mine: a disagreement" in shown
        assert "Next time" not in shown  # only the fields that differ
        prompt = "SELECT prompt FROM lesson WHERE id = ?"
        assert one(db_path, prompt, lesson) == "Theirs: a hard talk"  # nothing written yet
        await pilot.press("m")
        await wait_until(pilot, lambda: app.screen is screen, "back on the lesson")
        await settled(pilot)
        assert one(db_path, prompt, lesson) == "Mine: a disagreement"


async def test_take_theirs_closes_the_form_and_writes_nothing(db_path: Path, clock: Clock) -> None:
    lesson = seed(db_path, clock).lessons[STORIES]
    async with running(db_path, clock) as (app, pilot, spy):
        screen, form = await lesson_form_on(pilot, lesson)
        form.query_one("#prompt", Input).value = "Mine: a disagreement"
        other_window(db_path, clock, theirs_edit(lesson))
        before = one(db_path, "SELECT updated_at FROM lesson WHERE id = ?", lesson)
        await choice_after_save(pilot)
        await pilot.press("t")
        await wait_until(pilot, lambda: app.screen is screen, "back on the lesson")
        await settled(pilot)
        found = one(db_path, "SELECT prompt, updated_at FROM lesson WHERE id = ?", lesson)
        assert found == ("Theirs: a hard talk", before)
        assert spy.matching("yours was not saved")


async def test_back_to_editing_keeps_the_text_and_saves_it_next(
    db_path: Path, clock: Clock
) -> None:
    lesson = seed(db_path, clock).lessons[STORIES]
    async with running(db_path, clock) as (app, pilot, _):
        screen, form = await lesson_form_on(pilot, lesson)
        form.query_one("#prompt", Input).value = "Mine: a disagreement"
        other_window(db_path, clock, theirs_edit(lesson))
        await choice_after_save(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is form, "the form again")
        assert form.query_one("#prompt", Input).value == "Mine: a disagreement"
        await pilot.press("ctrl+s")  # theirs has been seen: this save is mine
        await wait_until(pilot, lambda: app.screen is screen, "back on the lesson")
        await settled(pilot)
        assert one(db_path, "SELECT prompt FROM lesson WHERE id = ?", lesson).startswith("Mine")


async def test_a_lesson_deleted_elsewhere_keeps_the_form_and_saves_as_new(
    db_path: Path, clock: Clock
) -> None:
    seeded = seed(db_path, clock)
    lesson = seeded.lessons[STORIES]
    async with running(db_path, clock) as (app, pilot, spy):
        screen, form = await lesson_form_on(pilot, lesson)
        form.query_one("#prompt", Input).value = "Mine: a disagreement"
        # The other window deletes the lesson and its rejection.
        other_window(db_path, clock, lambda store: store.lessons.delete_lesson(lesson))
        other_window(db_path, clock, lambda store: store.rejections.delete_rejection(seeded.acme))
        app.ctx.every_second()
        await wait_until(pilot, lambda: spy.matching("deleted in another window"), "the notice")
        await settled(pilot)
        assert app.screen is form  # the form stays, with the text as typed
        assert form.query_one("#prompt", Input).value == "Mine: a disagreement"
        assert screen.closing and screen in app.screen_stack
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, GoneChoice), "the choice")
        await pilot.press("n")
        # The form is saved, then the lesson's screen closes itself (not another screen).
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        await settled(pilot)
        assert screen not in app.screen_stack
        found = one(db_path, "SELECT prompt, rejection_id, id != ? FROM lesson WHERE prompt "
                    "LIKE 'Mine%'", lesson)  # fmt: skip
        assert found == ("Mine: a disagreement", None, 1)
        assert spy.matching("Saved as a new lesson")


async def test_discard_closes_the_form_of_a_deleted_lesson(db_path: Path, clock: Clock) -> None:
    lesson = seed(db_path, clock).lessons[STORIES]
    async with running(db_path, clock) as (app, pilot, _):
        _screen, form = await lesson_form_on(pilot, lesson)
        form.query_one("#prompt", Input).value = "Mine: a disagreement"
        other_window(db_path, clock, lambda store: store.lessons.delete_lesson(lesson))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, GoneChoice), "the choice")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        await settled(pilot)
        assert one(db_path, "SELECT count(*) FROM lesson WHERE prompt LIKE 'Mine%'") == 0


async def test_the_rejection_screen_closes_itself_not_the_form_on_top(
    db_path: Path, clock: Clock
) -> None:
    seeded = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        detail = RejectionDetailScreen(app.ctx, seeded.acme)
        await app.push_screen(detail)
        await settled(pilot)
        await pilot.press("E")
        form = await wait_until(
            pilot, lambda: isinstance(app.screen, RejectionForm) and app.screen, "the form"
        )
        form.query_one("#notes", TextBox).load_text("They said: next year")
        other_window(db_path, clock, lambda store: store.rejections.delete_rejection(seeded.acme))
        app.ctx.every_second()
        await wait_until(
            pilot,
            lambda: spy.matching("That rejection was deleted in another window."),
            "the notice",
        )
        await settled(pilot)
        assert app.screen is form
        assert form.query_one("#notes", TextBox).text == "They said: next year"
        assert detail.query_one(MourningTimers).timers == []  # no countdown of a gone timer
        await pilot.press("escape", "escape")  # discard: the detail screen leaves after it
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        assert detail not in app.screen_stack


async def test_the_rejection_screen_closes_itself_when_on_top(db_path: Path, clock: Clock) -> None:
    seeded = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        detail = RejectionDetailScreen(app.ctx, seeded.acme)
        await app.push_screen(detail)
        await settled(pilot)
        other_window(db_path, clock, lambda store: store.rejections.delete_rejection(seeded.acme))
        app.ctx.every_second()
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        assert spy.matching("That rejection was deleted in another window.")


async def test_a_checklist_item_changed_elsewhere_asks_too(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _):
        checklist = app.screen.query_one(RegroupChecklist)
        checklist.focus()
        await pilot.press("e")
        form = await wait_until(
            pilot, lambda: isinstance(app.screen, ItemForm) and app.screen, "the item form"
        )
        item = form.initial
        assert item is not None
        form.query_one("#title", Input).value = "Mine: thank them by Friday"
        other_window(db_path, clock, lambda store: store.checklist.edit_item(
            item.item_id, title="Theirs: a short thank-you", due_on=item.due_on))  # fmt: skip
        choice = await choice_after_save(pilot)
        assert "Theirs: a short thank-you" in widget_text(choice)
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        await settled(pilot)
        title = one(db_path, "SELECT title FROM checklist_item WHERE id = ?", item.item_id)
        assert title == "Theirs: a short thank-you"
