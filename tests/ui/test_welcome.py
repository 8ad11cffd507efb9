"""The first-run welcome on the main screen: shown on an empty database until it is closed
or anything is logged, never again after."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bounce_tui.screens.checkin_form import CheckInForm
from bounce_tui.screens.main import MainScreen
from bounce_tui.screens.rejection_form import RejectionForm
from bounce_tui.widgets.welcome import Welcome
from tests.ui.conftest import Clock, open_store, rows, running, settled, wait_until


def _shown(app: object) -> bool:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, MainScreen)
    return screen.query_one(Welcome).has_class("-shown")


def _footer_keys(app: object) -> list[str]:
    screen = app.screen  # type: ignore[attr-defined]
    return [b.action for (_, b, enabled, _) in screen.active_bindings.values() if enabled]


async def test_an_empty_database_shows_the_welcome_with_its_keys(
    db_path: Path, clock: Clock
) -> None:
    async with running(db_path, clock) as (app, _pilot, _spy):
        assert _shown(app)
        text = str(app.screen.query_one(Welcome).render())
        assert "Log what happened" in text and "bounded time" in text and "lessons" in text
        assert "r log your first rejection" in text and "c a first check-in" in text
        assert "close_welcome" in _footer_keys(app)


async def test_escape_closes_it_for_good(db_path: Path, clock: Clock) -> None:
    async with running(db_path, clock) as (app, pilot, spy):
        await pilot.press("escape")
        await settled(pilot)
        assert not _shown(app)
        assert "close_welcome" not in _footer_keys(app)
        assert spy.matching("Closed.")
    assert rows(db_path, "SELECT value FROM setting WHERE key = 'welcome.closed'") == [("yes",)]
    async with running(db_path, clock) as (app, pilot, _spy):
        await settled(pilot)
        assert not _shown(app)
        await pilot.press("escape")  # nothing to close: nothing happens
        await settled(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_its_keys_log_a_rejection_or_a_check_in(db_path: Path, clock: Clock) -> None:
    async with running(db_path, clock) as (app, pilot, _spy):
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, RejectionForm), "rejection form")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "back on main")
        assert _shown(app)  # closing the form is not closing the welcome
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CheckInForm), "check-in form")
        await pilot.press("4", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "back on main")
        await wait_until(pilot, lambda: not _shown(app), "the welcome to go with the check-in")
    assert rows(db_path, "SELECT mood FROM checkin") == [(4,)]
    assert rows(db_path, "SELECT value FROM setting WHERE key = 'welcome.closed'") == []


async def test_any_data_means_no_welcome(db_path: Path, clock: Clock) -> None:
    store = open_store(db_path, clock)
    try:  # an old check-in: nothing on today's main screen, but not a first run
        store.checkins.check_in(3, at=clock() - timedelta(days=20))
    finally:
        store.close()
    async with running(db_path, clock) as (app, pilot, _spy):
        await settled(pilot)
        assert not _shown(app)
        assert "close_welcome" not in _footer_keys(app)


async def test_an_entry_from_another_program_takes_it_away(db_path: Path, clock: Clock) -> None:
    async with running(db_path, clock) as (app, pilot, _spy):
        assert _shown(app)
        store = open_store(db_path, clock)
        try:
            store.interviews.add_interview("Acme", clock() + timedelta(days=9))
        finally:
            store.close()
        app.ctx.every_second()
        await wait_until(pilot, lambda: not _shown(app), "the welcome to go")
