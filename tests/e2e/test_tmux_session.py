"""The installed `bounce` in a real terminal (tmux): log a rejection, watch it tick, quit."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.stress.terminal import HAVE_TMUX, Tmux

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")

BOUNCE = Path(sys.executable).parent / "bounce"


@pytest.fixture
def tmux(tmp_path: Path):
    """A session on a private tmux server (`tmux -L`), never the user's own server."""
    env = {**os.environ, "HOME": str(tmp_path), "TERM": "xterm-256color"}
    env.pop("TMUX", None)
    session = Tmux("e2e", env)
    yield session
    session.kill()


def _countdown(screen: str) -> str:
    for line in screen.splitlines():
        if " left" in line:
            return line
    return ""


def test_log_a_rejection_watch_it_tick_toggle_and_quit(tmux: Tmux, tmp_path: Path) -> None:
    db = tmp_path / "data" / "bounce.db"
    db.parent.mkdir(mode=0o700)  # a folder named with --db must exist
    tmux.start(f"{BOUNCE} --db {db}; echo BOUNCE-EXITED-$?; sleep 30")
    tmux.wait_for("No check-in yet")
    assert tmux.flag("alternate_on") == "1"
    tmux.keys("r")
    tmux.wait_for("Company")
    tmux.literal("Acme Robotics")
    tmux.keys("Enter")
    first = _countdown(tmux.wait_for(" left"))
    assert "Acme Robotics" in tmux.screen()
    # The countdown moves on its own, with the real clock (the timeout only stops the wait).
    tmux.wait_for(lambda screen: _countdown(screen) not in ("", first), timeout=30)
    tmux.keys("3")
    tmux.wait_for("space Toggle")  # the footer of the focused checklist
    tmux.keys("Space")
    tmux.wait_for("☑")
    tmux.keys("q")
    tmux.wait_for("BOUNCE-EXITED-0")
    assert tmux.flag("alternate_on") == "0"
    assert tmux.flag("mouse_any_flag") == "0"
    conn = sqlite3.connect(db)
    try:
        (company,) = conn.execute("SELECT company FROM rejection").fetchone()
        done = conn.execute("SELECT count(*) FROM checklist_item WHERE done_at IS NOT NULL")
        periods = conn.execute("SELECT count(*) FROM mourning_period").fetchone()[0]
        assert company == "Acme Robotics"
        assert done.fetchone()[0] == 1
        assert periods == 1
    finally:
        conn.close()


@pytest.mark.parametrize("signal_name", ["TERM", "HUP"])
def test_signals_exit_cleanly_and_restore_the_terminal(
    tmux: Tmux, tmp_path: Path, signal_name: str
) -> None:
    db = tmp_path / "bounce.db"
    subprocess.run([str(BOUNCE), "--db", str(db), "checkin", "4", "-n", "kept"], check=True,
                   env=tmux.env, capture_output=True)  # fmt: skip
    tmux.start(f"{BOUNCE} --db {db} & echo $! > {tmp_path}/pid; wait $!; echo BOUNCE-EXITED-$?; "
               "sleep 30")  # fmt: skip
    tmux.wait_for("Today: good")
    pid = int((tmp_path / "pid").read_text())
    os.kill(pid, getattr(__import__("signal"), f"SIG{signal_name}"))
    # How quickly it exits is a figure of tests/stress/signals.py; here it must exit at all.
    tmux.wait_for("BOUNCE-EXITED-", timeout=30)
    assert tmux.flag("alternate_on") == "0"
    assert tmux.flag("mouse_any_flag") == "0"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT note FROM checkin").fetchall() == [("kept",)]
    finally:
        conn.close()
