"""A lesson kept late (`bounce lesson --on DATE`) counts from the day it was learned."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from bounce_tui import cli
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, Clock


def test_a_lesson_kept_late_is_dated_and_due_from_then(db_path: Path, clock: Clock) -> None:
    store = Store(db_path, now=clock, tz=BERLIN)
    try:
        learned = clock() - timedelta(days=4)
        lesson_id = store.lessons.add_lesson("Bring questions", at=learned)
        later = store.lessons.add_lesson("Sleep well", at=clock() + timedelta(days=2))
    finally:
        store.close()
    with closing(sqlite3.connect(db_path)) as conn:
        rows = dict(conn.execute("SELECT id, created_at FROM lesson").fetchall())
        (due,) = conn.execute("SELECT due FROM lesson WHERE id = ?", (lesson_id,)).fetchone()
    assert rows[lesson_id].startswith(learned.isoformat()[:19])
    assert due.startswith(learned.isoformat()[:10])
    assert rows[later].startswith(clock().isoformat()[:19])  # never dated after now


def test_the_command_takes_on_and_refuses_the_future(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    assert cli.run(["--db", str(db_path), "lesson", "Ask about the team", "--on", "3d ago"]) == 0
    assert "kept an interview lesson" in capsys.readouterr().out
    code = cli.run(["--db", str(db_path), "lesson", "Later", "--on", "tomorrow"])
    assert code == cli.EXIT_BAD_INPUT
    assert "cannot be in the future" in capsys.readouterr().err
