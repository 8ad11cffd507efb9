"""The palette race in a real terminal, then a stop signal: the app stays up and stops on time.

    python tests/stress/palette_race.py [--cycles 500] [--signal SIGTERM]

The app runs in tmux on a database with some rows. Each cycle sends `ctrl+p`,
waits 0-60 ms, `escape`, then `r`, waits 0-60 ms, `escape` (the keys that once
crashed it within a few cycles). Measured: cycles sent, whether the app is still
running and answering (`c` opens the check-in form), then the time from the
signal to the process being gone, and the file's integrity check. With
`--hold-lock`, the check-in form's save is waiting on another program's lock
when the signal comes (a worker thread that will not finish by itself).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.stress.harness import (  # noqa: E402
    BOUNCE,
    Figures,
    held_lock,
    integrity,
    isolated_env,
    new_db,
    workdir,
)
from tests.stress.terminal import Tmux, bounce_pid, process_alive, tmux_session  # noqa: E402


def _cycle(tmux: Tmux, rng: random.Random) -> None:
    tmux.keys("C-p")
    time.sleep(rng.uniform(0, 0.06))
    tmux.keys("Escape")
    time.sleep(0.03)  # an escape and a key sent together would read as alt+key
    tmux.keys("r")
    time.sleep(rng.uniform(0, 0.06))
    tmux.keys("Escape")
    time.sleep(0.03)


def _back_to_main(tmux: Tmux) -> None:
    """Close whatever the last keys left open (a form whose escape came before it)."""
    for _ in range(20):
        time.sleep(0.3)
        if "c Mood" in tmux.screen():
            return
        tmux.keys("Escape")


def _stop(pid: int, name: str) -> float:
    sent = time.monotonic()
    os.kill(pid, getattr(signal, name))
    while process_alive(pid) and time.monotonic() - sent < 30:
        time.sleep(0.005)
    return time.monotonic() - sent


def run(cycles: int, signal_name: str = "SIGTERM", hold_lock: bool = False) -> Figures:
    figures = Figures(f"palette race ({cycles} cycles), then {signal_name}")
    rng = random.Random(13)
    with workdir("palette") as root:
        env = isolated_env(root)
        db = new_db(root / "data" / "bounce.db", checkins=20, lessons=10)
        with tmux_session("palette", env) as tmux:
            tmux.start(f"sh -c '{BOUNCE} --db {db}; echo EXITED-$?; sleep 60'")
            tmux.wait_for(lambda s: "No check-in yet" in s or "Today:" in s, timeout=60)
            pid = bounce_pid(tmux)
            done = 0
            for _ in range(cycles):
                _cycle(tmux, rng)
                done += 1
                if done % 25 == 0 and not process_alive(pid):
                    break
            figures["cycles sent"] = done
            alive = process_alive(pid) and "EXITED-" not in tmux.screen()
            figures["app still running after the cycles"] = alive
            answering = False
            if alive:
                _back_to_main(tmux)
                try:
                    tmux.open_check_in(4)
                    answering = True
                except AssertionError:
                    answering = False
            figures["app still answering keys (c opens the form, 4 is picked)"] = answering
            if hold_lock and answering:
                with held_lock(db):
                    tmux.keys("C-s")
                    tmux.wait_for("retrying", timeout=30)
                    figures["a save was waiting on a lock at the signal"] = True
                    figures["exit time (s)"] = _stop(pid, signal_name)
            else:
                figures["exit time (s)"] = _stop(pid, signal_name)
            figures["process gone"] = not process_alive(pid)
            screen = tmux.wait_for("EXITED-", timeout=30)
            figures["exit status line"] = next(
                (line.strip() for line in screen.splitlines() if "EXITED-" in line), ""
            )
            figures["terminal back to the main screen"] = tmux.flag("alternate_on") == "0"
        figures["integrity_check"] = integrity(db)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=500)
    parser.add_argument("--signal", default="SIGTERM", choices=["SIGTERM", "SIGHUP"])
    parser.add_argument("--hold-lock", action="store_true")
    args = parser.parse_args()
    run(args.cycles, args.signal, args.hold_lock).print()


if __name__ == "__main__":
    main()
