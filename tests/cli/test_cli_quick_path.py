"""`bounce checkin MOOD` and `bounce skip` on a current database never import SQLAlchemy or
SQLModel."""

from __future__ import annotations

import json
import subprocess
import sys

from ._support import Bounce

PROBE = """
import json, sys
from bounce_tui.cli import run

code = run(sys.argv[1:])
orm = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel"))
print(json.dumps({"code": code, "orm": orm[:5]}))
"""


def _probe(bounce: Bounce, *args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, "--db", str(bounce.db), *args],
        cwd=bounce.root,
        env=bounce.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc
    assert proc.stderr == "", proc.stderr
    lines = proc.stdout.strip().splitlines()
    return {"printed": lines[:-1], **json.loads(lines[-1])}


def test_a_new_check_in_does_not_load_the_orm(bounce: Bounce) -> None:
    # A control: with no file yet the ORM creates it, and the probe sees it loaded.
    first = _probe(bounce, "checkin", "4", "-t", "seed")
    assert first["code"] == 0 and "sqlalchemy" in first["orm"], first
    found = _probe(bounce, "checkin", "2", "-e", "3", "-n", "quick <b>note</b>", "-t", "seed")
    assert found["code"] == 0 and found["orm"] == [], found
    assert found["printed"][0].endswith("low (2). Streak: 1 day."), found
    assert found["printed"][1].startswith("That makes 2 check-ins for "), found
    assert found["printed"][1].endswith("their mean, 3.0 (okay)."), found
    assert bounce.count("checkin") == 2
    skipped = _probe(bounce, "skip", "--on", "yesterday", "-n", "a rest")
    assert skipped["code"] == 0 and skipped["orm"] == [], skipped
    assert skipped["printed"][0].endswith(
        "is marked as skipped; your streak holds. Rest counts too."
    )
    assert bounce.count("skip_day") == 1
