"""Brief commands run with the cycle collector off; the longer ones with it on."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from bounce_tui.cli import run

pytestmark = pytest.mark.usefixtures("collector_as_found")


def _database_with_a_checkin(tmp_path: Path) -> str:
    """A database with one check-in, and the collector on, as a process starts."""
    db = str(tmp_path / "b.db")
    assert run(["--db", db, "checkin", "4"]) == 0
    gc.enable()
    return db


@pytest.mark.parametrize("command", [["checkin", "3"], ["status"], ["checkins"]])
def test_a_brief_command_leaves_it_off(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    db = _database_with_a_checkin(tmp_path)
    assert run(["--db", db, *command]) == 0
    assert not gc.isenabled()


@pytest.mark.parametrize("command", [["export", "--format", "json"], ["doctor"]])
def test_a_longer_command_runs_with_it_on(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    db = _database_with_a_checkin(tmp_path)
    run(["--db", db, *command])
    assert gc.isenabled()
