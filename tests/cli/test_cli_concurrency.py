"""Two processes writing into the same fresh database at once lose nothing.

Spawning 1,000 CLI processes would take minutes, so each writer is one Python
process that opens `Store` (what every CLI command opens) and makes 500
check-ins, each its own transaction; every fifth one is followed by a skipped
day, a transaction that reads before it writes (the case a deferred BEGIN loses
to "database is locked"). Both wait on a barrier file, so they open the
not-yet-existing database and write at the same moment.
"""

from __future__ import annotations

import subprocess
import sys
import time

from ._support import Bounce

WRITER = """
import sys, time
from datetime import timedelta
from pathlib import Path

db, name, ready, go = sys.argv[1:5]
from bounce_tui.store.repository import Store  # the slow import, before the barrier

Path(ready).touch()
deadline = time.monotonic() + 60
while not Path(go).exists():
    if time.monotonic() > deadline:
        sys.exit("the go signal never came")
    time.sleep(0.002)
store = Store(Path(db))
offset = {"a": 1000, "b": 2000}[name]
for i in range(500):
    store.checkins.check_in(3, note=f"{name}-{i}")
    if i % 5 == 0:  # a read-then-write transaction too (select, then insert)
        store.checkins.skip_day(store.clock.today() - timedelta(days=offset + i))
store.close()
print("done", name)
"""

WRITES_EACH = 500


def test_two_writers_at_once_lose_nothing(bounce: Bounce) -> None:
    db = bounce.root / "shared" / "bounce.db"
    go = bounce.root / "go"
    ready = {name: bounce.root / f"ready-{name}" for name in ("a", "b")}
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), name, str(flag), str(go)],
            cwd=bounce.root,
            env=bounce.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, flag in ready.items()
    }
    try:
        deadline = time.monotonic() + 60
        while not all(flag.exists() for flag in ready.values()):
            assert all(p.poll() is None for p in procs.values()), "a writer died early"
            assert time.monotonic() < deadline, "the writers never got ready"
            time.sleep(0.01)
        assert not db.exists()  # both open a database that does not exist yet
        go.touch()
        outputs = {name: p.communicate(timeout=120) for name, p in procs.items()}
    finally:
        for p in procs.values():
            if p.poll() is None:
                p.kill()
                p.wait()

    for name, (out, err) in outputs.items():
        assert procs[name].returncode == 0, (name, out, err)
        assert err == "", (name, err)
        assert "locked" not in out + err
        assert out.strip() == f"done {name}"
    assert bounce.count("checkin", db=db) == 2 * WRITES_EACH
    notes = {note for (note,) in bounce.query("SELECT note FROM checkin", db=db)}
    assert notes == {f"{name}-{i}" for name in ready for i in range(WRITES_EACH)}
    [(version,)] = bounce.query("PRAGMA user_version", db=db)
    assert version >= 1
    assert bounce.count("skip_day", db=db) == 2 * len(range(0, WRITES_EACH, 5))
    assert bounce.query("PRAGMA integrity_check", db=db) == [("ok",)]
