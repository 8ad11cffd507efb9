"""The open app syncs in the background: entries from the other computer appear, the strip
shows a quiet mark, conflicts and problems are said once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from bounce_tui.app import BounceApp
from bounce_tui.store.sync.files import file_name
from bounce_tui.widgets.mood_strip import MoodStrip
from tests.store.sync_support import Device

from .conftest import NOW, running, settled, wait_until, widget_text


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shared = tmp_path / "shared"
    shared.mkdir()
    return shared


@pytest.fixture
def pair(tmp_path: Path, folder: Path) -> Iterator[tuple[Device, Device]]:
    a = Device(tmp_path, "laptop", folder, NOW)
    b = Device(tmp_path, "desk", folder, NOW + timedelta(minutes=1))
    yield a, b
    a.close()
    b.close()


def strip(app: BounceApp) -> str:
    return widget_text(app.screen.query_one(MoodStrip))


async def look(pilot: Pilot[Any]) -> None:
    """One look at the sync (a sync when one is due), and the reload it causes."""
    app = pilot.app
    assert isinstance(app, BounceApp)
    before = app.ctx.sync.looks
    app.ctx.sync.look()
    await wait_until(pilot, lambda: app.ctx.sync.looks > before, "the sync's look")
    app.ctx.every_second()  # the watcher notices the sync's commit
    await settled(pilot)


async def test_a_checkin_from_the_other_computer_appears_without_a_restart(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    async with running(b.path, b.clock, tick_seconds=0.2, sync_seconds=0.3) as (app, pilot, _):
        await wait_until(pilot, lambda: "synced 10:31" in strip(app), "the first sync's mark")
        assert "No check-in yet today" in strip(app)
        a.store.checkins.check_in(5, note="from the laptop")
        a.sync()
        await wait_until(pilot, lambda: "from the laptop" in strip(app), "the laptop's check-in")


async def test_a_checkin_made_in_the_app_is_written_for_the_other_computer(
    pair: tuple[Device, Device], folder: Path
) -> None:
    a, b = pair
    async with running(b.path, b.clock) as (app, pilot, _):
        await look(pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: app.screen.query("Input, TextBox"), "the check-in form")
        await pilot.press("4", "ctrl+s")
        await settled(pilot)
        await look(pilot)
    assert '"mood":4' in (folder / file_name(b.device)).read_text().replace(" ", "")
    a.sync()
    assert [row["mood"] for row in a.rows()["checkin"]] == [4]


async def test_new_conflicts_are_mentioned_once_and_marked_on_the_strip(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    a.store.checkins.check_in(3, note="same day")
    a.sync()
    b.sync()
    checkin_id = b.rows()["checkin"][0]["id"]
    a.clock.advance(minutes=5)
    b.clock.advance(minutes=5)
    a.store.checkins.edit_checkin(checkin_id, mood=1, note="laptop's edit")
    b.store.checkins.edit_checkin(checkin_id, mood=5, note="desk's edit")
    a.sync()
    async with running(b.path, b.clock) as (app, pilot, spy):
        await look(pilot)
        assert len(spy.matching("changed on two computers")) == 1
        assert "1 conflict" in strip(app)
        b.store.checkins.check_in(2)
        await look(pilot)
        assert len(spy.matching("changed on two computers")) == 1


async def test_a_sync_that_cannot_run_is_said_once_and_marked(
    pair: tuple[Device, Device], folder: Path
) -> None:
    b = pair[1]
    shutil.rmtree(folder)
    async with running(b.path, b.clock) as (app, pilot, spy):
        await look(pilot)
        b.store.checkins.check_in(2)
        await look(pilot)
        said = spy.matching("Could not sync")
        assert len(said) == 1 and said[0][2] == "warning"
        assert "not synced" in strip(app)
        folder.mkdir()
        b.store.checkins.check_in(3)
        await look(pilot)
        assert "synced 10:31" in strip(app) and "not synced" not in strip(app)


async def test_a_database_that_does_not_sync_shows_no_mark(tmp_path: Path) -> None:
    from tests.conftest import Clock

    clock = Clock(NOW)
    async with running(tmp_path / "plain.db", clock) as (app, pilot, _):
        await look(pilot)
        assert "synced" not in strip(app)
        assert app.ctx.sync.outcome is None


async def test_a_copied_database_says_once_that_it_syncs_as_a_new_device(
    pair: tuple[Device, Device], tmp_path: Path
) -> None:
    from tests.store.test_sync_place import copied

    a, b = pair
    a.store.checkins.check_in(4, note="before the copy")
    a.sync()
    b.sync()
    twin = copied(a, tmp_path / "elsewhere", "laptop")
    try:
        async with running(twin.path, twin.clock) as (app, pilot, spy):
            await look(pilot)
            said = spy.matching("copied or moved: it now syncs as a new device")
            assert len(said) == 1
            twin.store.checkins.check_in(2)
            await look(pilot)
            assert len(spy.matching("copied or moved")) == 1
    finally:
        twin.close()


async def test_on_a_full_line_the_mark_goes_whole_to_the_next(
    pair: tuple[Device, Device],
) -> None:
    b = pair[1]
    b.store.checkins.check_in(4, note="a long note that fills most of the strip's first line")
    async with running(b.path, b.clock, size=(80, 24)) as (app, pilot, _):
        await look(pilot)
        (marked,) = [line for line in strip(app).splitlines() if "synced" in line]
        assert marked.strip() == "synced 10:31"  # one piece, at the right of its own line
        assert marked.startswith("      ")
