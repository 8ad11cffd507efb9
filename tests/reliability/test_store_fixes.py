"""Fast checks of the product fixes the reliability suite led to (one per fix)."""

from __future__ import annotations

import csv
import errno
import io
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from bounce_tui.domain.errors import DomainError
from bounce_tui.store import errors
from bounce_tui.store.file import backup
from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.repository import Store
from tests.stress.harness import Lines, child, held_lock, isolated_env, query

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)


def _store(tmp_path: Path, **kwargs: object) -> Store:
    return Store(tmp_path / "data" / "bounce.db", now=lambda: NOW, template=lambda: [], **kwargs)


def test_a_write_waits_and_retries_while_another_program_holds_the_lock(tmp_path: Path) -> None:
    said: list[float] = []
    release = tmp_path / "release"

    def on_busy(value: float) -> None:
        said.append(value)
        if len(said) >= 3:  # the other program lets go once the store said it thrice
            release.touch()

    store = _store(tmp_path, busy=BusyPolicy(busy_ms=200, retry_for=60, on_busy=on_busy))
    holder = Lines(child("hold", str(store.path), "EXCLUSIVE", "60", str(release),
                         env=isolated_env(tmp_path)))  # fmt: skip
    holder.wait_for("LOCKED")
    store.checkins.check_in(3, note="waited for the lock")
    holder.finish()
    assert len(said) >= 3, said  # it said it was retrying, again and again
    assert query(store.path, "SELECT note FROM checkin") == [("waited for the lock",)]


def test_without_retries_a_held_lock_is_reported_as_busy(tmp_path: Path) -> None:
    store = _store(tmp_path, busy=BusyPolicy(busy_ms=200))
    with held_lock(store.path), pytest.raises(errors.DatabaseBusy, match="nothing was saved"):
        store.checkins.check_in(3)


def test_an_os_error_is_named_by_its_number_not_by_words_in_the_path() -> None:
    full = OSError(errno.EACCES, "Permission denied", "/home/fullname/locked/bounce.db")
    found = errors.translate(full, "/home/fullname/locked/bounce.db")
    assert isinstance(found, errors.NotSaved) and "Permission denied" in str(found)
    assert "is full" not in str(found) and "busy" not in str(found)


def test_paths_with_uri_characters_open(tmp_path: Path) -> None:
    folder = tmp_path / "notes ?#%20 [x]"
    store = Store(folder / "bounce.db", template=lambda: [])
    store.checkins.check_in(4, note="odd folder")
    assert store.files.backup().exists()
    store.close()
    assert Store(folder / "bounce.db").read.status().today_mood is not None


def test_a_killed_backups_partial_copy_is_removed_by_the_next_backup(tmp_path: Path) -> None:
    store = _store(tmp_path)
    folder = store.path.parent / "backups"
    folder.mkdir()
    dead = 2**22 + 12345  # beyond pid_max on most systems: not a running process
    left = [
        folder / f".bounce-x.db.partial-{dead}",
        folder / f".bounce-x.db.partial-{dead}-journal",
    ]
    mine = folder / f".bounce-y.db.partial-{os.getpid()}"
    for path in [*left, mine]:
        path.write_bytes(b"half")
    store.files.backup()
    assert not any(p.exists() for p in left) and mine.exists()


def test_a_restore_never_rotates_away_the_backup_it_restores(tmp_path: Path) -> None:
    from bounce_tui.store.file import doctor

    store = _store(tmp_path)
    store.checkins.check_in(3)
    source = store.files.backup()
    store.close()
    doctor.restore(store.path, source, datetime.now(timezone.utc))
    assert source.exists() and query(store.path, "PRAGMA integrity_check") == [("ok",)]


def test_a_company_beginning_with_nul_is_refused_with_a_message(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with pytest.raises(DomainError, match="NUL"):
        store.rejections.log_rejection("\x00Acme")
    rejection_id = store.rejections.log_rejection("Ac\x00me")
    assert store.read.mourning_for(rejection_id).company == "Ac\x00me"


def test_a_carriage_return_cannot_start_a_new_csv_row(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.checkins.check_in(3, note='fine\r=HYPERLINK("http://x")')
    rows = list(csv.reader(io.StringIO(store.files.export_text("csv"), newline="")))
    assert len(rows) == 2 and rows[1][-1] == 'fine\r=HYPERLINK("http://x")'


def test_an_empty_file_beside_backups_is_refused_not_reused(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.checkins.check_in(3)
    store.files.backup()
    store.close()
    store.path.write_bytes(b"")
    with pytest.raises(errors.DamagedDatabase, match="empty although backups"):
        _store(tmp_path)
    assert store.path.read_bytes() == b""


def test_reads_during_a_held_exclusive_lock_say_busy_not_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path)
    store.close()
    conn = sqlite3.connect(store.path, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 0")
    conn.execute("BEGIN EXCLUSIVE")
    # The open asks SQLite to wait 10 s for the lock; the test checks that it asks for
    # that and lets it give up after 0.2 s (how long it really waits: `cli: waited (s)`
    # for the EXCLUSIVE lock in tests/stress/lock_hold.py).
    asked: list[float] = []
    real_connect = sqlite3.connect

    def connect(*args: Any, timeout: float = 5.0, **kwargs: Any) -> sqlite3.Connection:
        asked.append(timeout)
        return real_connect(*args, timeout=min(timeout, 0.2), **kwargs)

    try:
        from bounce_tui.store.file import migrations

        with monkeypatch.context() as patched, pytest.raises(errors.DatabaseBusy):
            patched.setattr(sqlite3, "connect", connect)
            migrations.inspect_file(store.path)
        assert asked and min(asked) >= 10, asked  # the open waits its 10 s timeout
    finally:
        conn.execute("ROLLBACK")
        conn.close()
    assert isinstance(backup.integrity(store.path), str)
