"""The could-not-open screen: the file untouched, and a good backup offered and restored."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from bounce_tui.app import BounceApp
from bounce_tui.screens.main import MainScreen
from bounce_tui.screens.open_failed import OpenFailedScreen
from bounce_tui.store.file.backup import take_backup
from tests.stress import corrupt_files
from tests.stress.harness import counts, new_db
from tests.ui.conftest import settled, wait_until, widget_text


def _words(screen: object) -> str:
    """The screen's text with line wrapping undone."""
    return " ".join(widget_text(screen).split())


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("damage", ["not an SQLite file", "zeroed page", "foreign application_id"])
async def test_a_damaged_file_offers_its_newest_good_backup_and_restores_it(
    tmp_path: Path, damage: str
) -> None:
    from datetime import datetime, timezone

    db = new_db(tmp_path / "data" / "bounce.db", checkins=12, lessons=8)
    take_backup(db, "manual", datetime.now(timezone.utc))
    saved = counts(db)
    corrupt_files.KINDS[damage](db, random.Random(3))
    damaged = _sha(db)
    app = BounceApp(db, tick_seconds=3600)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, OpenFailedScreen), "the screen", 30)
        screen = app.screen
        await wait_until(pilot, lambda: screen.backup is not None, "the backup offer", 30)
        await pilot.pause()
        assert "A good backup exists" in _words(screen)
        assert _sha(db) == damaged
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("y")
        restored = "the restored file to open"
        await wait_until(pilot, lambda: app.ctx.snapshot is not None, restored, 30)
        await settled(pilot)  # the first load too, before the app stops
        assert isinstance(app.screen, MainScreen)
    assert counts(db) == saved
    aside = list(db.parent.glob("bounce.db.set-aside-*"))
    assert len(aside) == 1 and _sha(aside[0]) == damaged


async def test_without_a_backup_the_screen_points_at_doctor_and_r_does_nothing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "data" / "bounce.db"
    db.parent.mkdir(mode=0o700)
    db.write_bytes(b"this is a shopping list, not a database\n" * 40)
    before = _sha(db)
    app = BounceApp(db, tick_seconds=3600)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, OpenFailedScreen), "the screen", 30)
        await settled(pilot)  # the search for a backup has ended and found none
        screen = app.screen
        assert screen.backup is None
        assert "bounce doctor --restore" in _words(screen)
        await pilot.press("R")
        await settled(pilot)  # nothing may happen: a restore would be done by now
        assert app.screen is screen
    assert _sha(db) == before
    assert not list(db.parent.glob("bounce.db.set-aside-*"))


async def test_a_backup_found_after_the_app_stopped_is_ignored(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    db = new_db(tmp_path / "data" / "bounce.db", checkins=3, lessons=3)
    found = take_backup(db, "manual", datetime.now(timezone.utc))
    corrupt_files.KINDS["not an SQLite file"](db, random.Random(1))
    app = BounceApp(db, tick_seconds=3600)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, OpenFailedScreen), "it", 30)
        screen = app.screen
        # Stop only once the main screen below has mounted its panes: stopping while
        # they mount raises NoMatches in MainScreen._mount_panes (a bug of its own).
        main = app.screen_stack[0]
        await wait_until(pilot, lambda: getattr(main, "panes_ready", True), "the panes", 30)
    # The search's answer arrives after the app has stopped: nothing to show, no error.
    screen.backup = None
    screen._offer(found)
    assert screen.backup is None
