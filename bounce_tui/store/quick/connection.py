"""Connections for the quick path: the file checked, kept private, configured, one transaction.

The rules are `Database`'s: the file is checked before the write
(`migrations.inspect_file`: header, application_id, user_version, quick_check),
kept private, opened with the engine's PRAGMAs and busy wait, and written in one
BEGIN IMMEDIATE transaction; reads run in one deferred transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from bounce_tui import paths
from bounce_tui.store.errors import StoreError, translate
from bounce_tui.store.file import commits, migrations
from bounce_tui.store.file.engine import BusyPolicy, configure

T = TypeVar("T")


def insert(table: str, columns: tuple[str, ...]) -> str:
    """An INSERT of every column named, in that order."""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def is_current(path: Path) -> bool:
    """True when the file exists, is ours (else the same errors as the ORM's open) and current.

    False: the ORM path must open it (no file yet, an older schema to migrate).
    """
    facts = migrations.inspect_file(path)
    migrations.check_ours(path, facts)
    return facts.exists and facts.user_version == migrations.SCHEMA_VERSION


@contextmanager
def opened(path: Path, busy: BusyPolicy) -> Iterator[sqlite3.Connection | None]:
    """A configured connection to a checked, current, private bounce file; None otherwise.

    The checks are those `migrations.open_database` makes before the ORM opens the
    file, and they raise the same errors; only the cases that open_database would
    handle by creating or migrating the file yield None.
    """
    if not is_current(path):
        yield None
        return
    try:
        paths.tighten_file(path)
    except OSError as exc:
        raise translate(exc, path) from None
    conn = connect(path, busy)
    try:
        yield conn
    finally:
        conn.close()


def connect(
    path: Path, busy: BusyPolicy, *, reading: bool = False, shared: bool = False
) -> sqlite3.Connection:
    """A connection set up as `engine.make_engine`'s creator sets one up.

    `shared`: usable from any thread (the caller lets one thread at a time use it).
    """
    try:
        conn = sqlite3.connect(str(path), timeout=busy.busy_ms / 1000, check_same_thread=not shared)
    except sqlite3.Error as exc:
        raise translate(exc, path, reading=reading) from None
    try:
        busy.retry(lambda: configure(conn, busy.busy_ms))
    except sqlite3.Error as exc:
        conn.close()
        raise translate(exc, path, reading=reading) from None
    except BaseException:
        conn.close()
        raise
    return conn


def write(
    conn: sqlite3.Connection, path: Path, busy: BusyPolicy, statement: str, values: list[object]
) -> None:
    """One BEGIN IMMEDIATE transaction holding `statement`, committed, counted."""
    transaction(conn, path, busy, lambda: conn.execute(statement, values))


def transaction(conn: sqlite3.Connection, path: Path, busy: BusyPolicy, work: Callable[[], T]) -> T:
    """`work` in one BEGIN IMMEDIATE transaction, committed (and counted) or rolled back."""
    try:
        busy.run(conn, "BEGIN IMMEDIATE")
        try:
            result = work()
            busy.run(conn, "COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.IntegrityError as exc:
        raise StoreError(f"the entry breaks a rule of the database: {exc}") from None
    except (sqlite3.Error, OSError) as exc:
        raise translate(exc, path) from None
    commits.note_commit()
    return result


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """One deferred (read-only) transaction, errors translated as `Database.reading` does."""
    conn = connect(path, BusyPolicy(), reading=True)
    try:
        conn.execute("BEGIN DEFERRED")
        yield conn
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise translate(exc, path, reading=True) from None
    finally:
        conn.close()
