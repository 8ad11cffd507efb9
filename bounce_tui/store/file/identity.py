"""Which database a file is: a stable id kept inside it, and what a copy of it holds.

Each database gets a random id the first time it is opened for writing (or
backed up), kept as the setting `database.id`. Backups carry it too (they are
copies), so a backup is known to belong to a database by its content, not by its
name. The id is never exported and an import cannot bring one in, so two
databases never share it unless one file was copied by hand.
"""

from __future__ import annotations

import sqlite3
import stat
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from bounce_tui.store.file.engine import APPLICATION_ID, connect_raw, file_uri
from bounce_tui.store.rows import COLUMNS

#: The setting that holds the database's id (never exported, never imported).
DATABASE_ID_KEY = "database.id"
#: How many characters of the id a backup's name carries.
NAME_ID_LEN = 8

_TABLES = tuple(COLUMNS)  # every table of the schema


class Content(NamedTuple):
    """What a bounce file holds: its database id, its newest entry and its row count."""

    database_id: str | None
    newest_entry: str | None
    rows: int


def _read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; only to a regular file (opening a FIFO would wait forever)."""
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except OSError:
        regular = False
    if not regular:
        raise sqlite3.OperationalError(f"{path} is not a regular file")
    conn = sqlite3.connect(file_uri(path, "ro"), uri=True, timeout=2)
    conn.isolation_level = None
    return conn


def _id_in(conn: sqlite3.Connection) -> str | None:
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        return None
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (DATABASE_ID_KEY,)).fetchone()
    return str(row[0]) if row and row[0] else None


def read_id(path: Path) -> str | None:
    """The id stored in the bounce file at `path`; None when it has none or is not ours.

    Only reads (a read-only connection); any error answers None.
    """
    try:
        conn = _read_only(path)
    except sqlite3.Error:
        return None
    try:
        return _id_in(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def ensure_id(path: Path, now: datetime) -> str:
    """The database's id, created (one short IMMEDIATE transaction) if it has none yet."""
    found = read_id(path)
    if found:
        return found
    from uuid import uuid4  # only when the id is made, once per database

    stamp = now.astimezone(timezone.utc).isoformat(timespec="microseconds")
    conn = connect_raw(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "INSERT OR IGNORE INTO setting (key, value, created_at, updated_at) "
                "VALUES (?, ?, ?, ?)",
                (DATABASE_ID_KEY, uuid4().hex, stamp, stamp),
            )
            value = conn.execute(
                "SELECT value FROM setting WHERE key = ?", (DATABASE_ID_KEY,)
            ).fetchone()[0]
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
    return str(value)


def name_tag(database_id: str) -> str:
    """The part of an id a backup's name carries."""
    return database_id[:NAME_ID_LEN]


def content(path: Path) -> Content | None:
    """The id, newest entry (max `updated_at`, the id row aside) and rows of a bounce file.

    None when the file cannot be read as a bounce database (or has another
    program's application id).
    """
    try:
        conn = _read_only(path)
    except sqlite3.Error:
        return None
    try:
        conn.execute("BEGIN")
        database_id = _id_in(conn)
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return None
        newest: str | None = None
        rows = 0
        for table in _TABLES:
            where = " WHERE key != ?" if table == "setting" else ""
            params = (DATABASE_ID_KEY,) if table == "setting" else ()
            top, count = conn.execute(
                f"SELECT max(updated_at), count(*) FROM {table}{where}", params
            ).fetchone()
            rows += int(count)
            if top is not None and (newest is None or str(top) > newest):
                newest = str(top)
        conn.execute("COMMIT")
        return Content(database_id, newest, rows)
    except sqlite3.Error:
        return None
    finally:
        conn.close()
