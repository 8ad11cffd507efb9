"""`bounce demo`: a sample in a private temporary folder; the person's own files untouched."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from bounce_tui import cli
from bounce_tui.cli import demo as cli_demo


def _own_database(path: Path) -> tuple[bytes, int]:
    """A real database with one check-in; its bytes and modification time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    assert cli.run(["--db", str(path), "checkin", "4", "-n", "mine"]) == 0
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    return path.read_bytes(), path.stat().st_mtime_ns


def _folder_listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_demo_opens_a_sample_and_removes_it_leaving_own_files_as_they_were(
    private_dirs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default_db = private_dirs / ".local/share/bounce/bounce.db"
    env_db = tmp_path / "elsewhere" / "bounce.db"
    before = {p: _own_database(p) for p in (default_db, env_db)}
    listings = {p: _folder_listing(p.parent) for p in before}
    monkeypatch.setenv("BOUNCE_DB", str(env_db))
    opened: list[Path] = []

    def fake_app(db_path: Path) -> int:
        opened.append(db_path)
        folder = db_path.parent
        assert folder.name.startswith("bounce-demo-")
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert db_path not in before
        with closing(sqlite3.connect(db_path)) as conn:
            (rejections,) = conn.execute("SELECT count(*) FROM rejection").fetchone()
            (checkins,) = conn.execute("SELECT count(*) FROM checkin").fetchone()
        assert rejections == 3 and checkins > 60
        return 0

    monkeypatch.setattr(cli_demo, "run_app", fake_app)
    assert cli.run(["demo"]) == 0
    assert len(opened) == 1
    assert not opened[0].parent.exists()  # the sample is gone
    for path, (data, mtime) in before.items():
        assert path.read_bytes() == data
        assert path.stat().st_mtime_ns == mtime
        assert _folder_listing(path.parent) == listings[path]


def test_the_sample_is_removed_when_the_app_stops_with_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[Path] = []

    def failing_app(db_path: Path) -> int:
        opened.append(db_path)
        raise RuntimeError("stopped")

    monkeypatch.setattr(cli_demo, "run_app", failing_app)
    assert cli.run(["demo"]) == cli.EXIT_FAILED
    assert opened and not opened[0].parent.exists()


def test_demo_refuses_a_database_named_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_demo, "run_app", lambda db_path: pytest.fail("the app opened"))
    own = tmp_path / "mine.db"
    assert cli.run(["--db", str(own), "demo"]) == cli.EXIT_BAD_INPUT
    assert cli.run(["demo", "--db", str(own)]) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "never opens your own database" in err[0]
    assert not own.exists()


def test_demo_help_works() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bounce_tui", "demo", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "temporary folder" in done.stdout and "never opened" in done.stdout
