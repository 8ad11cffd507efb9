"""Quick versions of items 6 (backup at start), 7 (hostile environments) and 9 (modes, delete).

The long versions: tests/stress/hostile_env.py, privacy.py, backups.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bounce_tui.app import BounceApp
from bounce_tui.store.file import backup
from tests.stress import hostile_env, privacy
from tests.stress.harness import counts, integrity, new_db, workdir
from tests.ui.conftest import NoteSpy, settled, wait_until

needs_mount = pytest.mark.skipif(not hostile_env.can_mount(), reason="needs root and mount")


@needs_mount
def test_full_disk_read_only_folder_and_unwritable_home_are_reported() -> None:
    figures = hostile_env.run(rounds=1)
    assert figures["_bad"] == 0, figures.values


@needs_mount
async def test_on_a_full_disk_the_app_says_so_and_keeps_the_entry_in_the_form() -> None:
    from textual.widgets import Static

    from bounce_tui.screens.checkin_form import CheckInForm

    with workdir("tui-full-form") as root, hostile_env.tmpfs(root / "small", "2m") as small:
        db = new_db(small / "data" / "bounce.db", checkins=20, lessons=20)
        before = counts(db)
        app = BounceApp(db, tick_seconds=3600)
        spy = NoteSpy(app)
        async with app.run_test(size=(100, 30)) as pilot:
            app.ctx.want_store()
            await wait_until(pilot, lambda: app.ctx.store is not None, "the store", timeout=30)
            # The day's first backup runs after the store opens: let it finish first, or a
            # backup that fails on the full disk frees its space again before the check-in.
            await settled(pilot)
            hostile_env.fill_up(db.parent.parent)
            await pilot.press("c")
            await wait_until(pilot, lambda: getattr(app.focused, "id", "") == "mood", "the form")
            await pilot.press("4", "tab", "tab", *"typed on a full disk", "ctrl+s")
            await wait_until(pilot, lambda: spy.matching("full"), "the disk-full notice", 30)
            await settled(pilot)  # the form has heard why it was not saved
            form = app.screen
            assert isinstance(form, CheckInForm)
            assert form.text("note") == "typed on a full disk"
            error_line = str(form.query_one("#error", Static).render())
            assert "Not saved" in error_line and "still here" in error_line
            assert any("nothing was saved" in message for message, _, _ in spy.matching("full"))
            assert counts(db) == before and integrity(db) == "ok"
            # Room again: the same form saves what was typed and closes.
            for filler in db.parent.parent.glob("filler*"):
                filler.unlink()
            await pilot.press("ctrl+s")
            await wait_until(
                pilot, lambda: not isinstance(app.screen, CheckInForm), "the form to close", 30
            )
            await settled(pilot)  # its reload too, before the app stops
        assert counts(db)["checkin"] == before["checkin"] + 1


async def test_the_app_takes_one_backup_a_day_at_start(tmp_path: Path) -> None:
    db = new_db(tmp_path / "data" / "bounce.db", checkins=5, lessons=5)
    for _ in range(2):
        app = BounceApp(db, tick_seconds=3600)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, lambda a=app: a.ctx.snapshot is not None, "the first load", 30)
            await wait_until(pilot, lambda: backup.list_backups(db), "the backup", timeout=30)
            await settled(pilot)  # the backup is complete before the app stops
    made = backup.list_backups(db)
    assert len(made) == 1 and "daily" in made[0].name
    assert integrity(made[0]) == "ok" and counts(made[0]) == counts(db)


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_every_file_is_private_under_a_loose_umask(umask: int) -> None:
    found = privacy.modes(umask)
    assert all(found.values()), found


def test_deleted_and_edited_text_is_gone_from_the_file() -> None:
    found = privacy.secure_delete()
    assert all(found.values()), found
