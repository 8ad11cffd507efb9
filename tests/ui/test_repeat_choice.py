"""Saving a lesson that reads like an earlier one asks: the same theme, or different?"""

from __future__ import annotations

from pathlib import Path

from bounce_tui.screens.lesson_form import LessonForm
from bounce_tui.screens.main import MainScreen
from bounce_tui.screens.repeat_choice import RepeatChoice
from tests.ui.conftest import (
    Clock,
    one,
    open_store,
    running,
    screen_text,
    seed,
    settled,
    wait_until,
)

STORIES = "Prepare two stories about conflict"
NEW = "Prepare conflict stories, with outcomes"


async def _write_new_lesson(pilot, app, text: str = NEW) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("2", "n")
    await wait_until(pilot, lambda: isinstance(app.screen, LessonForm), "the lesson form")
    await pilot.press("tab", *text, "ctrl+s")


async def test_same_theme_saves_and_groups_them(db_path: Path, clock: Clock) -> None:
    done = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        await _write_new_lesson(pilot, app)
        await wait_until(pilot, lambda: isinstance(app.screen, RepeatChoice), "the question")
        shown = screen_text(app)
        assert "You noted something like this after Acme" in shown
        assert STORIES in shown
        assert one(db_path, "SELECT count(*) FROM lesson WHERE text = ?", NEW) == 0
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the form to close")
        await settled(pilot)
        old = done.lessons[STORIES]
        assert one(db_path, "SELECT theme_id FROM lesson WHERE text = ?", NEW) == old
        assert (
            one(db_path, "SELECT count(*) FROM lesson WHERE theme_id = ? AND recurring", old) == 2
        )
        assert one(db_path, "SELECT count(*) FROM checklist_item WHERE template_key = ?",
                   f"theme:{old}") == 1  # fmt: skip
        assert spy.matching("same theme")
        await wait_until(pilot, lambda: "↻2" in screen_text(app), "the theme mark")


async def test_different_saves_it_on_its_own(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await _write_new_lesson(pilot, app)
        await wait_until(pilot, lambda: isinstance(app.screen, RepeatChoice), "the question")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the form to close")
        await settled(pilot)
        assert one(db_path, "SELECT theme_id FROM lesson WHERE text = ?", NEW) is None
        assert one(db_path, "SELECT count(*) FROM lesson WHERE recurring") == 0


async def test_escape_goes_back_to_the_form_unsaved(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await _write_new_lesson(pilot, app)
        await wait_until(pilot, lambda: isinstance(app.screen, RepeatChoice), "the question")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LessonForm), "the form again")
        await settled(pilot)
        form = app.screen
        assert isinstance(form, LessonForm) and form.text("text") == NEW
        assert one(db_path, "SELECT count(*) FROM lesson WHERE text = ?", NEW) == 0
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, RepeatChoice), "the question")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the form to close")
        await settled(pilot)
        assert one(db_path, "SELECT count(*) FROM lesson WHERE text = ?", NEW) == 1


async def test_nothing_alike_saves_without_asking(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        await _write_new_lesson(pilot, app, "Sleep properly before a final round")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the form to close")
        await settled(pilot)
        assert one(db_path, "SELECT count(*) FROM lesson") == 3


async def test_an_edit_into_a_repeat_asks_too_and_markup_is_text(
    db_path: Path, clock: Clock
) -> None:
    seed(db_path, clock)
    store = open_store(db_path, clock)
    store.lessons.add_lesson("[/] [bold]Prepare conflict stories[/bold] with outcomes")
    clock.advance(minutes=1)
    store.lessons.add_lesson("Sleep properly before a final round")
    store.close()
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("2")
        await settled(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, LessonForm), "the lesson form")
        await pilot.press("tab", "ctrl+a", *NEW, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, RepeatChoice), "the question")
        assert "[/] [bold]Prepare conflict stories[/bold]" in screen_text(app)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the form to close")
        await settled(pilot)
        assert one(db_path, "SELECT count(*) FROM lesson WHERE theme_id IS NOT NULL") == 2
        assert one(db_path, "SELECT text FROM lesson WHERE theme_id IS NOT NULL "
                            "ORDER BY created_at DESC LIMIT 1") == NEW  # fmt: skip
