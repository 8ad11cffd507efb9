"""`bounce sync`: set up, two databases exchanging a check-in, status, conflicts, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ._support import Bounce, assert_refused, mode


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


def test_init_refuses_a_missing_folder_or_a_file(bounce: Bounce, tmp_path: Path) -> None:
    result = bounce.run("sync", "init", tmp_path / "nowhere")
    assert_refused(result)
    assert "no folder" in result.stderr
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    result = bounce.run("sync", "init", a_file)
    assert_refused(result)
    assert "not a folder" in result.stderr
    assert_refused(bounce.run("sync", "init"))
    assert not bounce.db.exists()


def test_sync_before_init_says_how_to_set_it_up(bounce: Bounce) -> None:
    bounce.ok("checkin", "3")
    result = bounce.run("sync")
    assert result.returncode != 0 and "bounce sync init" in result.stderr
    assert "Traceback" not in result.output


def test_two_databases_exchange_a_checkin(tmp_path: Path, shared: Path) -> None:
    laptop, desk = Bounce(tmp_path / "laptop"), Bounce(tmp_path / "desk")
    for who in (laptop, desk):
        who.root.mkdir(exist_ok=True)
        who.db.parent.mkdir(mode=0o700, exist_ok=True)
    laptop.ok("checkin", "4", "-n", "written on the laptop")
    out = laptop.ok("sync", "init", shared, "--name", "laptop").stdout
    assert "(laptop)" in out
    desk.ok("sync", "init", shared, "--name", "desk")
    assert "written 1" in laptop.ok("sync").stdout
    merged = desk.ok("sync").stdout
    assert "merged 1 from 1 device" in merged
    assert "written on the laptop" in desk.ok("checkins").stdout
    again = desk.ok("sync").stdout
    assert "nothing new to write" in again and "merged 0" in again
    files = sorted(shared.iterdir())
    assert len(files) == 2 and all(mode(f) == 0o600 for f in files)

    status = desk.ok("sync", "--status").stdout
    assert "desk" in status and "laptop" in status and "changes not yet written: 0" in status
    desk.ok("checkin", "2", "-n", "later")
    assert "changes not yet written: 1" in desk.ok("sync", "--status").stdout

    (row,) = laptop.query("SELECT id FROM checkin")
    laptop.ok("checkin", "--edit", row[0][:8], "-n", "laptop's edit")
    desk.ok("checkin", "--edit", row[0][:8], "-n", "desk's edit")
    laptop.ok("sync")
    desk.ok("sync")
    laptop.ok("sync")
    kept = desk.query("SELECT count(*) FROM sync_conflict")[0][0]
    unseen = "SELECT value FROM sync_device WHERE key = 'conflicts_seen'"
    assert desk.query(unseen) == []
    conflicts = laptop.ok("sync", "--conflicts").stdout + desk.ok("sync", "--conflicts").stdout
    assert "edit" in conflicts and "checkin" in conflicts
    assert "lost on laptop" in conflicts or "lost on desk" in conflicts  # names, not ids
    assert kept > 0 and desk.query(unseen) == [(str(kept),)]  # the strip stops counting them


def test_init_again_moves_the_folder(bounce: Bounce, tmp_path: Path, shared: Path) -> None:
    bounce.ok("sync", "init", shared)
    other = tmp_path / "other"
    other.mkdir()
    out = bounce.ok("sync", "init", other).stdout
    assert "moved" in out
    bounce.ok("sync")
    assert len(list(other.iterdir())) == 1


def test_a_hostile_sync_file_is_refused_in_one_line(bounce: Bounce, shared: Path) -> None:
    bounce.ok("sync", "init", shared)
    row = {
        "_table": "checkin",
        "id": "0b7e6a52-4f0e-4a57-9a38-3f1c3c1f5a11",
        "created_at": "2026-01-01T10:00:00.000000+00:00",
        "updated_at": "2026-01-01T10:00:00.000000+00:00",
        "mood": 11,
        "energy": None,
        "note": "x" * 300_000,
        "tags": [1, 2],
        "at": "2026-01-01T10:00:00.000000+00:00",
        "day": "2026-01-01",
        "_stamp": "001767261600000-000000-badbadbad",
        "_history": [],
    }
    doc = {
        "kind": "bounce-sync", "format": 1, "schema": 1, "device": "badbadbad",
        "name": "evil", "written_at": "2026-01-01T10:00:00.000000+00:00",
        "clock": "001767261600000-000000-badbadbad", "seen": {},
        "count": 1, "records": [row],
    }  # fmt: skip
    (shared / "bounce-sync-badbadbad.json").write_text(json.dumps(doc) + "\n")
    result = bounce.run("sync")
    assert result.returncode == 0, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("bounce: skipped bounce-sync-badbadbad.json")
    assert "merged 0" in result.stdout and "skipped 1 file" in result.stdout
    assert bounce.count("checkin") == 0


def test_the_sync_tables_trouble_no_other_command(bounce: Bounce, shared: Path) -> None:
    bounce.ok("checkin", "4", "-n", "kept")
    bounce.ok("sync", "init", shared)
    bounce.ok("sync")
    assert "all good" in bounce.ok("doctor").stdout
    bounce.ok("backup")
    exported = bounce.ok("export").stdout
    assert "sync_" not in exported
    export_file = bounce.root / "export.json"
    export_file.write_text(exported)
    assert "1 already here" in bounce.ok("import", export_file).stdout
    bounce.ok("checkin", "2")
    assert "written 2" in bounce.ok("sync").stdout


def test_a_copied_database_says_once_that_it_syncs_as_a_new_device(
    tmp_path: Path, shared: Path
) -> None:
    laptop, copy = Bounce(tmp_path / "laptop"), Bounce(tmp_path / "copy")
    laptop.ok("checkin", "4", "-n", "before the copy")
    laptop.ok("sync", "init", shared, "--name", "laptop")
    laptop.ok("sync")
    copy.db.write_bytes(laptop.db.read_bytes())
    copy.db.chmod(0o600)
    assert "its next sync gives it a new device id" in copy.ok("sync", "--status").stdout
    said = copy.ok("sync").stdout
    assert "this database was copied or moved: it now syncs as a new device" in said
    assert "copied or moved" not in copy.ok("sync").stdout
    assert "copied or moved" not in laptop.ok("sync").stdout
    assert len(list(shared.glob("bounce-sync-*.json"))) == 2  # the original's stays
    status = copy.ok("sync", "--status").stdout
    assert "laptop" in status and "wrote" in status and "copied or moved" not in status


QUIT_SYNC = """
import sys
from pathlib import Path
from bounce_tui.cli.tui import _sync_on_quit
_sync_on_quit(Path(sys.argv[1]))
print(sorted(m for m in sys.modules if m.startswith("bounce_tui.store.sync.")))
"""


def test_the_apps_last_sync_loads_nothing_for_a_database_that_does_not_sync(
    bounce: Bounce, shared: Path
) -> None:
    import subprocess
    import sys

    def quit_sync() -> str:
        done = subprocess.run([sys.executable, "-c", QUIT_SYNC, str(bounce.db)],
                              capture_output=True, text=True, check=True, timeout=60)  # fmt: skip
        assert done.stderr == ""
        return done.stdout.strip()

    bounce.ok("checkin", "3", "-n", "before quitting")
    assert quit_sync() == "[]"
    assert list(shared.iterdir()) == []
    bounce.ok("sync", "init", shared)
    assert "bounce_tui.store.sync.engine" in quit_sync()
    (written,) = shared.iterdir()
    assert "before quitting" in written.read_text()
