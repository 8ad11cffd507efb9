"""A database named with --db or BOUNCE_DB must be in a folder that exists.

A mistyped path used to create the folders and an empty database, which looked as
if every entry were gone. Now it is refused in one line with exit 2 and nothing is
made; bounce's own data folder is still created, privately, on first use.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

from ._support import (
    Bounce,
    Result,
    assert_refused,
    mode,
    parallel,
    private_folder,
    query,
    tree,
)

MISSING_FOLDER_COMMANDS = {
    "status": ("status",),
    "checkin": ("checkin", "3"),
    "reject": ("reject", "Acme", "--stage", "final"),
    "lesson": ("lesson", "Ask about the team"),
    "search": ("lesson", "--search", "team"),
    "export": ("export",),
    "backup": ("backup",),
    "doctor": ("doctor",),
    "checkins": ("checkins",),
    "skip": ("skip",),
}

#: Runs `bounce --db PATH` with no command (the app) and reports whether Textual was loaded.
APP_PROBE = """
import json, sys
from bounce_tui.cli import run

code = run(sys.argv[1:])
print(json.dumps({"code": code, "textual": "textual" in sys.modules}))
"""


def _assert_no_folder_line(result: Result, folder: Path) -> None:
    assert_refused(result)
    assert f"no folder {folder} " in result.stderr, result
    assert "nothing was created" in result.stderr, result


def test_every_command_refuses_a_db_in_a_missing_folder(bounce: Bounce) -> None:
    folder = bounce.root / "no" / "such" / "dir"
    missing = folder / "x.db"
    before = tree(bounce.root)
    results = parallel(
        *(partial(bounce.run, *args, db=missing) for args in MISSING_FOLDER_COMMANDS.values()),
        partial(bounce.run, "checkin", "3", use_db=False, env={"BOUNCE_DB": str(missing)}),
        partial(bounce.run, "checkin", "3", db=missing, script=True),
        # --db wins over a good BOUNCE_DB, and is still checked.
        partial(bounce.run, "checkin", "3", db=missing, env={"BOUNCE_DB": str(bounce.db)}),
    )
    for result in results:
        _assert_no_folder_line(result, folder)
    assert tree(bounce.root) == before
    assert not (bounce.root / "no").exists()
    assert not (Path(bounce.env["XDG_DATA_HOME"]) / "bounce").exists()


def test_a_relative_path_names_the_whole_missing_folder(bounce: Bounce) -> None:
    result = bounce.run("checkin", "3", db=Path("typo") / "x.db")  # run in bounce.root
    _assert_no_folder_line(result, bounce.root / "typo")
    assert not (bounce.root / "typo").exists()


def test_a_file_in_place_of_the_folder_is_refused(bounce: Bounce) -> None:
    not_a_folder = bounce.root / "notes.txt"
    not_a_folder.write_text("mine\n", encoding="utf-8")
    before = tree(bounce.root)
    result = bounce.run("checkin", "3", db=not_a_folder / "x.db")
    _assert_no_folder_line(result, not_a_folder)
    assert tree(bounce.root) == before


def test_control_characters_in_the_path_do_not_reach_the_terminal(bounce: Bounce) -> None:
    folder = bounce.root / "bad\x1b[31mred\x07"
    result = bounce.run("checkin", "3", db=folder / "x.db")
    assert_refused(result)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr, result
    assert "␛[31mred␇" in result.stderr, result
    assert not folder.exists()


def test_the_app_refuses_a_missing_folder_before_textual_starts(bounce: Bounce) -> None:
    folder = bounce.root / "typo"
    before = tree(bounce.root)
    probe, script = parallel(
        partial(
            subprocess.run,
            [sys.executable, "-c", APP_PROBE, "--db", str(folder / "bounce.db")],
            cwd=bounce.root,
            env=bounce.env,
            capture_output=True,
            text=True,
            timeout=60,
        ),
        # The real entry point, with BOUNCE_DB: it must answer at once, not open a screen.
        partial(bounce.run, use_db=False, script=True, timeout=30,
                env={"BOUNCE_DB": str(folder / "bounce.db")}),
    )  # fmt: skip
    report = json.loads(probe.stdout.strip().splitlines()[-1])
    assert report == {"code": 2, "textual": False}, (report, probe.stderr)
    assert len(probe.stderr.splitlines()) == 1 and f"no folder {folder} " in probe.stderr
    _assert_no_folder_line(script, folder)
    assert tree(bounce.root) == before


def test_the_default_data_folder_is_still_created_privately(bounce: Bounce) -> None:
    data_home = Path(bounce.env["XDG_DATA_HOME"])
    assert not data_home.exists()
    default_db = data_home / "bounce" / "bounce.db"
    bounce.ok("checkin", "3", "-n", "default", use_db=False, umask=0o022)
    assert mode(data_home / "bounce") == 0o700
    # Naming the default place with --db is still bounce's own folder, created if missing.
    shutil.rmtree(data_home / "bounce")
    bounce.ok("checkin", "4", "-n", "named", db=default_db, umask=0o022)
    assert mode(default_db.parent) == 0o700
    assert mode(default_db) == 0o600
    assert query(default_db, "SELECT note FROM checkin") == [("named",)]


def test_a_new_file_in_an_existing_folder_is_a_new_database(bounce: Bounce) -> None:
    folder = private_folder(bounce.root / "mine")
    folder.chmod(0o755)
    bounce.ok("checkin", "3", db=folder / "new.db", umask=0o022)
    assert mode(folder / "new.db") == 0o600
    assert mode(folder) == 0o755  # the person's folder is left as it is
    assert query(folder / "new.db", "SELECT mood FROM checkin") == [(3,)]
