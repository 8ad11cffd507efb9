"""Two computers in two terminals: the installed `bounce` open on two databases that sync
through one shared folder. A check-in made in one window appears in the other, with no
restart, and both computers' files hold it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.stress.terminal import HAVE_TMUX, Tmux

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")

BOUNCE = Path(sys.executable).parent / "bounce"


def _bounce(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([str(BOUNCE), *args], env=env, capture_output=True, text=True,
                          check=True)  # fmt: skip
    return done.stdout


def test_a_checkin_in_one_window_appears_in_the_other(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "TERM": "xterm-256color"}
    env.pop("TMUX", None)
    env.pop("BOUNCE_DB", None)
    shared = tmp_path / "shared"
    shared.mkdir()
    laptop, desk = tmp_path / "laptop.db", tmp_path / "desk.db"
    _bounce(env, "--db", str(laptop), "sync", "init", str(shared), "--name", "laptop")
    _bounce(env, "--db", str(desk), "sync", "init", str(shared), "--name", "desk")
    one, two = Tmux("sync-a", env), Tmux("sync-b", env)
    try:
        one.start(f"{BOUNCE} --db {laptop}; echo BOUNCE-EXITED-$?; sleep 60")
        two.start(f"{BOUNCE} --db {desk}; echo BOUNCE-EXITED-$?; sleep 60")
        one.wait_for("synced ")
        two.wait_for("synced ")
        assert "No check-in yet" in two.screen()
        one.open_check_in(5)
        one.keys("C-s")
        one.wait_for("Today: great")
        # The laptop writes its file at its next look, the desk merges it at its next
        # look, and its window reads the merged entry: no restart, no key pressed.
        two.wait_for("Today: great", timeout=60)
        two.keys("q")
        two.wait_for("BOUNCE-EXITED-0")
        one.keys("q")
        one.wait_for("BOUNCE-EXITED-0")
    finally:
        one.kill()
        two.kill()
    status = _bounce(env, "--db", str(desk), "sync", "--status")
    assert "laptop" in status and "conflicts: 0" in status
    files = sorted(path.name for path in shared.iterdir())
    assert len(files) == 2 and all(name.startswith("bounce-sync-") for name in files)
    for path in shared.iterdir():  # the desk's sync on quit wrote the merged check-in too
        assert path.stat().st_mode & 0o777 == 0o600
        records = json.loads(path.read_text())["records"]
        assert [r["mood"] for r in records if r["_table"] == "checkin"] == [5]
