"""1. SIGKILL a writer at a random moment while it makes single-row check-ins.

    python tests/stress/kill_writes.py [--runs 100] [--seed 1]

Every run starts a writer on the same database, waits a random 0-0.8 s after it
is ready, kills it with SIGKILL, then checks: every acknowledged row is there
(a row is acknowledged once `check_in` has returned), `integrity_check` is ok,
and the next start (`bounce status`) opens without a prompt or an error.
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
    Figures,
    Lines,
    child,
    cli,
    integrity,
    isolated_env,
    new_db,
    query,
    workdir,
)


def run(runs: int, seed: int = 1, max_delay: float = 0.8) -> Figures:
    rng = random.Random(seed)
    figures = Figures(f"kill during writes ({runs} runs)")
    acked_total = lost = extra = integrity_ok = opened_ok = journals_left = 0
    with workdir("kill-writes") as root:
        env = isolated_env(root)
        db = new_db(root / "data" / "bounce.db", checkins=20, lessons=20)
        for number in range(runs):
            proc = child("writer", str(db), f"run{number}", env=env)
            lines = Lines(proc)
            lines.wait_for("READY")
            time.sleep(rng.uniform(0, max_delay))
            os.kill(proc.pid, signal.SIGKILL)
            said = lines.finish()
            acked = {f"run{number}-{line.split()[1]}" for line in said if line.startswith("ACK")}
            journals_left += Path(f"{db}-journal").exists()
            # The next start rolls back any hot journal; it must need nobody's answer.
            opened = cli(env, db, "status")
            opened_ok += opened.code == 0 and opened.stderr == ""
            rows = query(db, "SELECT note FROM checkin WHERE note LIKE ?", (f"run{number}-%",))
            stored = {note for (note,) in rows}
            acked_total += len(acked)
            lost += len(acked - stored)
            extra += len(stored - acked)
            integrity_ok += integrity(db) == "ok"
    figures["runs"] = runs
    figures["acknowledged rows"] = acked_total
    figures["acknowledged rows lost"] = lost
    figures["rows committed but not yet acknowledged when killed"] = extra
    figures["runs that left a hot journal"] = journals_left
    figures["integrity_check ok"] = f"{integrity_ok}/{runs}"
    figures["next start opened without a prompt"] = f"{opened_ok}/{runs}"
    figures["_integrity_ok"] = integrity_ok
    figures["_opened_ok"] = opened_ok
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    run(args.runs, args.seed).print()


if __name__ == "__main__":
    main()
