"""10. SIGTERM and SIGHUP to the app: a quick exit, a restored terminal, nothing lost.

    python tests/stress/signals.py [--runs 20]

Each run opens the app in tmux on the same database, checks in through the app's
form, adds a check-in from the CLI while the app is open, waits for the app to
show it, then sends the signal. Measured: the time from the signal to the
process being gone; the terminal afterwards (alternate screen left, every mouse
reporting mode off, cursor shown); the rows in the file (two more per run).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.stress.harness import (  # noqa: E402
    BOUNCE,
    Figures,
    cli,
    integrity,
    isolated_env,
    new_db,
    percentile,
    query,
    workdir,
)
from tests.stress.terminal import bounce_pid, process_alive, tmux_session  # noqa: E402

MOUSE_FLAGS = ("mouse_any_flag", "mouse_button_flag", "mouse_standard_flag", "mouse_sgr_flag",
               "mouse_utf8_flag")  # fmt: skip


def _wait_rows(db: Path, want: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while query(db, "SELECT count(*) FROM checkin")[0][0] < want:
        if time.monotonic() > deadline:
            raise AssertionError(f"the app's check-in never reached the file ({want} rows)")
        time.sleep(0.05)


def run(runs: int, signals: tuple[str, ...] = ("SIGTERM", "SIGHUP")) -> Figures:
    figures = Figures(f"signals to the app ({runs} runs each)")
    bad = 0
    with workdir("signals") as root:
        env = isolated_env(root)
        db = new_db(root / "data" / "bounce.db", checkins=0, lessons=5)
        expected = 0
        for name in signals:
            exits: list[float] = []
            exited = restored = kept = 0
            for number in range(runs):
                with tmux_session(f"sig-{name}", env) as tmux:
                    tmux.start(f"sh -c '{BOUNCE} --db {db}; echo EXITED-$?; sleep 60'")
                    tmux.wait_for(lambda s: "No check-in yet" in s or "Today:" in s)
                    pid = bounce_pid(tmux)
                    tmux.open_check_in(2)
                    tmux.keys("C-s")
                    _wait_rows(db, expected + 1)
                    note = f"{name}-{number}"
                    cli(env, db, "checkin", "5", "-n", note)
                    tmux.wait_for(note, timeout=30)
                    expected += 2
                    sent = time.monotonic()
                    os.kill(pid, getattr(signal, name))
                    while process_alive(pid) and time.monotonic() - sent < 30:
                        time.sleep(0.005)
                    exits.append(time.monotonic() - sent)
                    exited += not process_alive(pid)
                    tmux.wait_for("EXITED-", timeout=30)
                    flags = [tmux.flag(flag) for flag in MOUSE_FLAGS]
                    restored += (
                        tmux.flag("alternate_on") == "0"
                        and all(flag in ("0", "") for flag in flags)
                        and tmux.flag("cursor_flag") == "1"
                    )
                kept += query(db, "SELECT count(*) FROM checkin")[0][0] == expected
            within = sum(t <= 2.0 for t in exits)
            figures[f"{name}: exited within 2 s"] = f"{within}/{runs}"
            figures[f"{name}: exited at all (within 30 s)"] = f"{exited}/{runs}"
            figures[f"{name}: exit time median / slowest (s)"] = (
                f"{percentile(exits, 0.5):.3f} / {max(exits):.3f}"
            )
            figures[f"{name}: terminal restored"] = f"{restored}/{runs}"
            figures[f"{name}: every entry in the file after the signal"] = f"{kept}/{runs}"
            # How quickly it exits is a figure only, so a busy machine fails nothing.
            bad += 3 * runs - exited - restored - kept
        figures["integrity_check"] = integrity(db)
    figures["_bad"] = bad + (figures["integrity_check"] != "ok")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    run(args.runs).print()


if __name__ == "__main__":
    main()
