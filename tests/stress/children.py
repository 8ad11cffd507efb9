"""Child processes the stress scripts start, kill and watch (`python -m tests.stress.children`).

    writer DB PREFIX          check in forever; print "ACK n" after each commit returns
    migrate DB                open (and so migrate) DB; print "DONE seconds"
    backup DB                 take one backup beside DB; print "DONE seconds"
    hold DB MODE SECONDS [FILE]   hold a BEGIN MODE lock for SECONDS (or until FILE
                              exists); print "LOCKED" first

Each prints "READY" once its imports are done, so the parent's random kill lands
in the work itself and not in Python's start-up.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from datetime import datetime, timezone
from pathlib import Path


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def writer(db: Path, prefix: str) -> None:
    from bounce_tui.store.repository import Store

    store = Store(db)
    _say("READY")
    number = 0
    while True:
        store.checkins.check_in(3, note=f"{prefix}-{number}")
        _say(f"ACK {number}")
        number += 1


def migrate(db: Path) -> None:
    from bounce_tui.store.file import migrations

    _say("READY")
    started = time.monotonic()
    migrations.open_database(db, lambda: datetime.now(timezone.utc))
    _say(f"DONE {time.monotonic() - started:.4f}")


def backup(db: Path) -> None:
    from bounce_tui.store.file import backup as backups

    _say("READY")
    started = time.monotonic()
    backups.take_backup(db, "stress", datetime.now(timezone.utc))
    _say(f"DONE {time.monotonic() - started:.4f}")


def hold(db: Path, mode: str, seconds: float, release: Path | None = None) -> None:
    conn = sqlite3.connect(db, timeout=30, isolation_level=None)
    conn.execute(f"BEGIN {mode}")
    _say("LOCKED")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not (release is not None and release.exists()):
        time.sleep(min(0.05, max(deadline - time.monotonic(), 0)))
    conn.execute("ROLLBACK")
    _say("RELEASED")


def main(argv: list[str]) -> None:
    name, db = argv[0], Path(argv[1])
    if name == "writer":
        writer(db, argv[2])
    elif name == "migrate":
        migrate(db)
    elif name == "backup":
        backup(db)
    elif name == "hold":
        hold(db, argv[2], float(argv[3]), Path(argv[4]) if len(argv) > 4 else None)
    else:
        raise SystemExit(f"unknown child {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
