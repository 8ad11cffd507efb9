"""The engine factory: every connection gets the same PRAGMAs, every write BEGIN IMMEDIATE.

Facts this follows (SQLite 3.40 on Python 3.11): a deferred BEGIN loses
transactions to "database is locked" when processes read then write, so writes
begin IMMEDIATE; WAL is used only on SQLite versions without the WAL-reset bug.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 10_000
APPLICATION_ID = 0x626F6E63  # "bonc"

#: Statements run on every new connection, in order.
CONNECTION_PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = FULL",
    "PRAGMA secure_delete = ON",
)


def wal_is_safe(version: tuple[int, int, int]) -> bool:
    """True where SQLite has the fix for the WAL-reset corruption bug."""
    if version >= (3, 51, 3):
        return True
    patched = {(3, 50): 7, (3, 44): 6}
    fix = patched.get(version[:2])
    return fix is not None and version[2] >= fix


def journal_mode() -> str:
    """The journal mode for this SQLite library: WAL when safe, else DELETE."""
    return "wal" if wal_is_safe(sqlite3.sqlite_version_info) else "delete"


def configure(dbapi_conn: sqlite3.Connection) -> None:
    """Apply bounce's PRAGMAs to a raw sqlite3 connection (autocommit at the driver)."""
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        for statement in CONNECTION_PRAGMAS:
            cur.execute(statement)
        cur.execute(f"PRAGMA journal_mode = {journal_mode()}")
    finally:
        cur.close()


def read_pragmas(dbapi_conn: sqlite3.Connection) -> dict[str, Any]:
    """Read back the PRAGMAs that matter, to prove they took effect."""
    names = (
        "busy_timeout",
        "foreign_keys",
        "synchronous",
        "secure_delete",
        "journal_mode",
        "application_id",
        "user_version",
    )
    values: dict[str, Any] = {}
    for name in names:
        row = dbapi_conn.execute(f"PRAGMA {name}").fetchone()
        values[name] = row[0] if row else None
    return values


def connect_raw(path: Path) -> sqlite3.Connection:
    """A configured stdlib connection (for migrations, backups and checks)."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    configure(conn)
    return conn


def make_engine(path: Path) -> Engine:
    """An SQLAlchemy engine on `path` whose transactions begin IMMEDIATE.

    Use `engine.execution_options(bounce_begin="DEFERRED")` for read-only work.
    """
    from sqlalchemy import create_engine, event

    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        configure(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("bounce_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
