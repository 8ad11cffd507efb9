"""`bounce config path|show|edit`, and `bounce reject` honouring the file's mourning days on
both its paths (the quick one on plain sqlite3, and the store's)."""

from __future__ import annotations

import stat
from datetime import datetime
from pathlib import Path

from ._support import Bounce, assert_refused


def _config_path(bounce: Bounce) -> Path:
    return bounce.root / "xdg-config" / "bounce" / "config.toml"


def _editor(bounce: Bounce, body: str) -> dict[str, str]:
    """An EDITOR that runs `body` (a shell script; "$1" is the file) and records its argument."""
    script = bounce.root / "editor.sh"
    script.write_text(f'#!/bin/sh\necho "$1" > "{bounce.root}/edited"\n{body}\n', encoding="utf-8")
    script.chmod(0o700)
    return {"EDITOR": str(script), "VISUAL": ""}


def test_plain_config_lists_its_subcommands_and_path_prints_the_file(bounce: Bounce) -> None:
    listed = bounce.ok("config").stdout
    for name in ("path", "show", "edit", "regroup"):
        assert f"  {name} " in listed
    assert bounce.ok("config", "path").stdout.strip() == str(_config_path(bounce))
    assert not _config_path(bounce).exists()  # path only says where; it makes nothing
    assert_refused(bounce.run("config", "nope"))


def test_edit_makes_a_private_commented_file_opens_the_editor_and_checks_it(
    bounce: Bounce,
) -> None:
    path = _config_path(bounce)
    env = _editor(bounce, 'sed -i \'s/^# theme = "nord"/theme = "nord"/\' "$1"')
    said = bounce.ok("config", "edit", env=env).stdout
    assert "made " in said and "is fine; 1 setting set in it." in said
    assert (bounce.root / "edited").read_text().strip() == str(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert 'theme = "nord"' in path.read_text()
    # A second edit keeps the file; a mistake names the line, exit 2.
    env = _editor(bounce, "sed -i 's/^# reminder_hour = 19/reminder_hour = 25/' \"$1\"")
    bad = bounce.run("config", "edit", env=env)
    assert_refused(bad)
    assert 'theme = "nord"' in path.read_text()
    assert "config.toml line 12: reminder_hour = 25 must be a whole hour" in bad.stderr, bad


def test_edit_without_an_editor_says_how_and_still_makes_the_file(bounce: Bounce) -> None:
    result = bounce.run("config", "edit", env={"EDITOR": "", "VISUAL": ""})
    assert result.returncode == 2 and "set VISUAL or EDITOR" in result.stderr, result
    assert len(result.stderr.splitlines()) == 1 and _config_path(bounce).is_file()
    missing = bounce.run("config", "edit", env={"EDITOR": "no-such-editor-here", "VISUAL": ""})
    assert_refused(missing)
    assert "could not be started" in missing.stderr


def test_show_says_where_each_setting_comes_from(bounce: Bounce) -> None:
    bounce.ok("checkin", "3")  # the database exists
    import sqlite3

    with sqlite3.connect(bounce.db) as conn:
        conn.execute(
            "INSERT INTO setting (key, value, created_at, updated_at) VALUES "
            "('mourning.screen', '4', '2026-01-01 00:00:00', '2026-01-01 00:00:00'), "
            "('mourning.final', '2', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    path = _config_path(bounce)
    path.parent.mkdir(parents=True)
    path.write_text('[mourning]\nfinal = 5\n[keys]\n"main.check_in" = "C"\n', encoding="utf-8")
    shown = {line.split()[0]: line for line in bounce.ok("config", "show").stdout.splitlines()}
    assert shown["mourning.final"].split()[1:] == ["5", "config.toml", "line", "2"]
    assert "saved in the database" in shown["mourning.screen"] and " 4 " in shown["mourning.screen"]
    assert "built-in" in shown["theme"] and "textual-dark" in shown["theme"]
    assert shown["main.check_in"].split()[1:] == ["C", "config.toml", "line", "4"]
    every = bounce.ok("config", "show", "--keys").stdout.splitlines()
    ids = [line.split()[0] for line in every if line.startswith("  ") and "." in line.split()[0]]
    assert {"main.check_in", "timers.urge", "form.save", "review.good"} <= set(ids)
    assert any(line.split()[:2] == ["main.check_in", "C"] for line in every)
    path.write_text('[keys]\n"main.check_in" = "r"\n', encoding="utf-8")
    clash = bounce.run("config", "show")
    assert_refused(clash)
    assert "line 2" in clash.stderr and "main.log_rejection" in clash.stderr
    path.write_bytes(b'theme = "caf\xe9"\n')
    assert "line 1: is not UTF-8 text" in bounce.run("config", "show").stderr


def _periods(bounce: Bounce) -> list[tuple[int, float]]:
    found = bounce.query(
        "SELECT m.days, m.started_at, m.planned_end FROM mourning_period m "
        "JOIN rejection r ON r.id = m.rejection_id ORDER BY r.created_at"
    )
    return [
        (days, (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds())
        for days, start, end in found
    ]


def test_reject_takes_the_files_days_on_both_paths_over_the_database(bounce: Bounce) -> None:
    path = _config_path(bounce)
    path.parent.mkdir(parents=True)
    path.write_text("[mourning]\nfinal = 5\n", encoding="utf-8")
    # No file yet: the store (ORM) path creates it; then the quick path logs the second.
    first = bounce.ok("reject", "Acme", "--stage", "final").stdout
    second = bounce.ok("reject", "Globex", "--stage", "final").stdout
    assert "Mourning: 5 days" in first and "Mourning: 5 days" in second
    import sqlite3

    with sqlite3.connect(bounce.db) as conn:  # a length saved in the database loses to the file
        conn.execute(
            "INSERT INTO setting (key, value, created_at, updated_at) VALUES "
            "('mourning.final', '2', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    bounce.ok("reject", "Initech", "--stage", "final")
    assert _periods(bounce) == [(5, 5 * 86400.0)] * 3
    assert "Mourning: 1 day," in bounce.ok("reject", "Umbrella", "--stage", "final",
                                           "--mourn", "1").stdout  # fmt: skip


def test_the_store_path_and_the_quick_path_give_the_same_period(bounce: Bounce) -> None:
    import subprocess
    import sys

    path = _config_path(bounce)
    path.parent.mkdir(parents=True)
    path.write_text("[mourning]\ninterview = 6\n", encoding="utf-8")
    bounce.ok("checkin", "3")  # the file exists: the quick path would take the next reject
    probe = (
        "import sys\nfrom bounce_tui.cli import run\nfrom bounce_tui.store import quick\n"
        "quick.log_rejection = lambda *a, **k: None\nsys.exit(run(sys.argv[1:]))\n"
    )
    orm = subprocess.run(
        [sys.executable, "-c", probe, "--db", str(bounce.db), "reject", "Acme"],
        env=bounce.env, cwd=bounce.root, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert orm.returncode == 0 and orm.stderr == "", orm
    bounce.ok("reject", "Globex")
    assert _periods(bounce) == [(6, 6 * 86400.0)] * 2


def test_a_wrong_file_is_named_once_and_reject_goes_on(bounce: Bounce) -> None:
    path = _config_path(bounce)
    path.parent.mkdir(parents=True)
    path.write_text("[mourning]\nfinal = 30\n", encoding="utf-8")
    result = bounce.run("reject", "Acme", "--stage", "final")
    assert result.returncode == 0, result
    (line,) = result.stderr.splitlines()
    assert "line 2: mourning.final = 30 is out of range" in line and "ignored for now" in line
    assert "Mourning: 3 days" in result.stdout  # the built-in length
    assert bounce.ok("checkin", "4").stderr == ""  # commands that use no setting say nothing
