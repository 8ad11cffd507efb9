"""SIGKILL `bounce sync` at a random moment: nothing is lost, the next sync finishes it.

    python tests/stress/kill_sync.py [--runs 40] [--seed 1] [--checkins 3000]

Two databases ("laptop" and "desk") share one sync folder. Each run makes one
check-in on one of them, starts `bounce sync` there, kills it with SIGKILL after
a random 0-`max_delay` s, and then lets both sync normally twice. Checked after
every run: both databases hold the same check-ins, every check-in made so far is
in both, neither database fails `integrity_check`, every normal sync finished
without a skipped file or an error, and no temporary file is left in the folder.
"""

from __future__ import annotations

import argparse
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
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
    query,
    workdir,
)


def _fill(db: Path, checkins: int, seed: int) -> Path:
    """A database with `checkins` check-ins, one every five hours from 2024 (uuid ids, as
    every record must have to travel; all in the past)."""
    new_db(db, checkins=0, lessons=0)
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    conn = sqlite3.connect(db)
    with conn:
        for n in range(checkins):
            at = start + timedelta(hours=5 * n)
            stamp = at.isoformat(timespec="microseconds")
            conn.execute(
                "INSERT INTO checkin VALUES (?,?,?,?,?,?,?,?,?)",
                (str(uuid.UUID(int=rng.getrandbits(128), version=4)), stamp, stamp,
                 rng.randint(1, 5), None, f"day {n}", "[]", stamp, at.date().isoformat()),
            )  # fmt: skip
    conn.close()
    return db


def _notes(db: Path) -> set[str]:
    return {note for (note,) in query(db, "SELECT note FROM checkin WHERE note LIKE 'run%'")}


def run(runs: int, seed: int = 1, max_delay: float = 0.6, checkins: int = 3000) -> Figures:
    rng = random.Random(seed)
    figures = Figures(f"kill during sync ({runs} runs, {checkins} check-ins each side)")
    lost = diverged = bad_syncs = integrity_bad = temp_left = killed_mid = 0
    made: set[str] = set()
    with workdir("kill-sync") as root:
        env = isolated_env(root)
        folder = root / "shared"
        folder.mkdir(mode=0o700)
        laptop = _fill(root / "laptop" / "bounce.db", checkins, seed=3)
        desk = _fill(root / "desk" / "bounce.db", checkins // 2, seed=4)
        for db, name in ((laptop, "laptop"), (desk, "desk")):
            done = cli(env, db, "sync", "init", str(folder), "--name", name)
            assert done.code == 0, done.stderr
        for db in (laptop, desk, laptop, desk):
            cli(env, db, "sync")
        for number in range(runs):
            db = laptop if number % 2 == 0 else desk
            note = f"run{number}"
            assert cli(env, db, "checkin", "3", "-n", note).code == 0
            made.add(note)
            proc = subprocess.Popen(
                [str(BOUNCE), "--db", str(db), "sync"], env=env,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            time.sleep(rng.uniform(0, max_delay))
            killed_mid += proc.poll() is None
            proc.send_signal(signal.SIGKILL)  # nothing when it has already ended
            proc.wait()
            for other in (laptop, desk, laptop, desk):
                done = cli(env, other, "sync")
                bad_syncs += done.code != 0 or done.stderr != ""
            lost += len(made - _notes(laptop)) + len(made - _notes(desk))
            diverged += _notes(laptop) != _notes(desk)
            integrity_bad += (integrity(laptop) != "ok") + (integrity(desk) != "ok")
            temp_left += sum(1 for path in folder.iterdir() if path.name.endswith(".tmp"))
    figures["runs"] = runs
    figures["runs killed while the sync still ran"] = killed_mid
    figures["check-ins made"] = len(made)
    figures["check-ins missing afterwards (both databases)"] = lost
    figures["runs after which the two differed"] = diverged
    figures["normal syncs that failed or warned"] = bad_syncs
    figures["integrity_check failures"] = integrity_bad
    figures["temporary files left in the folder"] = temp_left
    figures["_lost"] = lost + diverged + bad_syncs + integrity_bad
    figures["_temp"] = temp_left
    figures["_killed_mid"] = killed_mid
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--checkins", type=int, default=3000)
    args = parser.parse_args()
    run(args.runs, args.seed, checkins=args.checkins).print()


if __name__ == "__main__":
    main()
