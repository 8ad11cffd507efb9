"""The engine factory: every connection gets the same PRAGMAs, every write BEGIN IMMEDIATE.

Facts this follows (SQLite 3.40 on Python 3.11): a deferred BEGIN loses
transactions to "database is locked" when processes read then write, so writes
begin IMMEDIATE; WAL is used only on SQLite versions without the WAL-reset bug.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 10_000
APPLICATION_ID = 0x626F6E63  # "bonc"

#: Statements run on every new connection, in order, after its busy timeout is set.
CONNECTION_PRAGMAS = (
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


def configure(dbapi_conn: sqlite3.Connection, busy_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Apply bounce's PRAGMAs to a raw sqlite3 connection (autocommit at the driver)."""
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        # The wait for a lock first: `PRAGMA synchronous` already reads the file.
        cur.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
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


def file_uri(path: Path, mode: str) -> str:
    """An SQLite URI for `path` opened with `mode` ("ro", "rw"): safe for ?, # and % in names."""
    return f"{Path(path).absolute().as_uri()}?mode={mode}"


def connect_raw(path: Path, busy_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A configured stdlib connection (for migrations, backups and checks)."""
    conn = sqlite3.connect(str(path), timeout=busy_ms / 1000)
    configure(conn, busy_ms)
    return conn


def is_busy(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" / "database is busy" errors."""
    message = str(getattr(exc, "orig", None) or exc).lower()
    return "locked" in message or "busy" in message


@dataclass
class BusyPolicy:
    """How long a write waits for the lock: one `busy_ms` wait, retried until `retry_for` s.

    The command line waits once (busy_ms 10 s, no retry) and then reports the
    lock. The app waits in short steps, calling `on_busy(waited_seconds)` after
    each failed step so it can say it is retrying, for up to `retry_for` seconds.
    """

    busy_ms: int = BUSY_TIMEOUT_MS
    retry_for: float = 0.0
    on_busy: Callable[[float], None] | None = None

    def run(self, raw: sqlite3.Connection, statement: str) -> None:
        """Execute BEGIN IMMEDIATE or COMMIT, retrying while another process holds the lock."""
        self.retry(lambda: raw.execute(statement))

    def retry(self, action: Callable[[], object]) -> None:
        """Run `action`, again while it fails because another process holds the lock."""
        started = time.monotonic()
        while True:
            try:
                action()
                return
            except sqlite3.OperationalError as exc:
                waited = time.monotonic() - started
                if not is_busy(exc) or waited >= self.retry_for:
                    raise
                if self.on_busy is not None:
                    self.on_busy(waited)


def make_engine(path: Path, policy: BusyPolicy | None = None) -> Engine:
    """An SQLAlchemy engine on `path` whose transactions begin IMMEDIATE.

    Use `engine.execution_options(bounce_begin="DEFERRED")` for read-only work.
    BEGIN IMMEDIATE and COMMIT are issued here, through `policy`, so a write that
    meets a lock held by another process waits (and retries) as the policy says.
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    rules = policy or BusyPolicy()

    def connect() -> sqlite3.Connection:
        # A creator rather than a URL: a path holding "?" or "#" is not parsed as a URL.
        conn = sqlite3.connect(str(path), timeout=rules.busy_ms / 1000, check_same_thread=False)
        try:
            rules.retry(lambda: configure(conn, rules.busy_ms))  # its PRAGMAs read the file
        except BaseException:
            conn.close()
            raise
        return conn

    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("bounce_begin", "IMMEDIATE")
        raw = conn.connection.driver_connection
        if mode == "IMMEDIATE":
            rules.run(raw, "BEGIN IMMEDIATE")
        else:
            raw.execute(f"BEGIN {mode}")

    @event.listens_for(engine, "commit")
    def _on_commit(conn: Any) -> None:
        raw = conn.connection.driver_connection
        if raw.in_transaction:
            rules.run(raw, "COMMIT")

    return engine
