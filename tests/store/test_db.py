"""The engine: PRAGMAs take effect, writes begin IMMEDIATE, no transaction is left open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bounce_tui.store.file import engine as db
from bounce_tui.store.repository import Store


def test_pragmas_read_back(store: Store) -> None:
    conn = db.connect_raw(store.path)
    try:
        values = db.read_pragmas(conn)
    finally:
        conn.close()
    assert values["busy_timeout"] == 10_000
    assert values["foreign_keys"] == 1
    assert values["synchronous"] == 2  # FULL
    assert values["secure_delete"] == 1
    assert values["journal_mode"] == db.journal_mode()
    assert values["application_id"] == db.APPLICATION_ID


def test_engine_connections_carry_the_pragmas(store: Store) -> None:
    with store.db.reading() as session:
        raw = session.connection().connection.dbapi_connection
        values = db.read_pragmas(raw)
    assert values["foreign_keys"] == 1
    assert values["busy_timeout"] == 10_000
    assert values["secure_delete"] == 1


@pytest.mark.parametrize(
    ("version", "safe"),
    [
        ((3, 40, 1), False),
        ((3, 51, 2), False),
        ((3, 51, 3), True),
        ((3, 52, 0), True),
        ((3, 50, 6), False),
        ((3, 50, 7), True),
        ((3, 44, 5), False),
        ((3, 44, 6), True),
        ((3, 45, 0), False),
    ],
)
def test_wal_only_where_the_reset_bug_is_fixed(version: tuple[int, int, int], safe: bool) -> None:
    assert db.wal_is_safe(version) is safe


def _try_immediate(path: Path) -> bool:
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return False
    finally:
        other.close()


def test_write_transaction_takes_the_write_lock_at_begin(store: Store) -> None:
    with store.db.writing() as session:
        session.connection()  # BEGIN is emitted here, before any statement
        assert not _try_immediate(store.path)
    assert _try_immediate(store.path)


def test_read_transaction_does_not_block_writers(store: Store) -> None:
    with store.db.reading() as session:
        session.connection()
        assert _try_immediate(store.path)


def test_no_transaction_is_left_open_after_a_use_case(store: Store) -> None:
    store.checkins.check_in(3)
    store.read.status()
    store.rejections.log_rejection("Acme")
    assert _try_immediate(store.path)


def test_foreign_keys_are_enforced(store: Store) -> None:
    from bounce_tui.store.errors import StoreError

    with pytest.raises(StoreError):
        store.lessons.add_lesson("x", rejection_id="no-such-rejection-id")
