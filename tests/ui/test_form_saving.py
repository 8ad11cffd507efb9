"""A form stays open with its entry until the store has saved it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from bounce_tui.screens.checkin_form import CheckInForm
from bounce_tui.screens.lesson_form import LessonForm
from bounce_tui.screens.main import MainScreen
from bounce_tui.store.errors import DatabaseBusy, NotSaved
from tests.ui.conftest import Clock, one, running, seed, wait_until


def _error_line(form: object) -> str:
    return str(form.query_one("#error", Static).render())  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "error",
    [NotSaved("the disk holding x is full; nothing was saved"),
     DatabaseBusy("the database x is busy in another program; nothing was saved, try again")],
)  # fmt: skip
async def test_a_failed_check_in_keeps_the_form_and_saves_on_retry(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        store = app.ctx.store
        assert store is not None
        real = store.checkins.check_in

        def refuse(*_args: object, **_kwargs: object) -> None:
            raise error

        monkeypatch.setattr(store.checkins, "check_in", refuse)
        await pilot.press("c", "2", "tab", "tab", *"a hard day", "ctrl+s")
        await wait_until(pilot, lambda: "Not saved" in _error_line(app.screen), "the message")
        form = app.screen
        assert isinstance(form, CheckInForm)
        assert form.text("note") == "a hard day"
        assert "still here" in _error_line(form)
        assert spy.matching("nothing was saved")
        assert one(db_path, "SELECT count(*) FROM checkin WHERE note = 'a hard day'") == 0

        monkeypatch.setattr(store.checkins, "check_in", real)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the form to close")
        assert one(db_path, "SELECT mood FROM checkin WHERE note = 'a hard day'") == 2


async def test_escape_after_a_failed_save_discards_the_entry(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        store = app.ctx.store
        assert store is not None

        def refuse(*_args: object, **_kwargs: object) -> None:
            raise NotSaved("the disk holding x is full; nothing was saved")

        monkeypatch.setattr(store.lessons, "add_lesson", refuse)
        before = one(db_path, "SELECT count(*) FROM lesson")
        await pilot.press("2", "n")  # the lessons pane
        await pilot.pause()
        assert isinstance(app.screen, LessonForm)
        await pilot.press("tab", *"ask about the team", "ctrl+s")
        await wait_until(pilot, lambda: "Not saved" in _error_line(app.screen), "the message")
        await pilot.press("escape", "escape")  # asked to discard, then discarded
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert one(db_path, "SELECT count(*) FROM lesson") == before
