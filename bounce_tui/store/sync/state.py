"""What a database knows about sync: its device, each record's version, peers, conflicts.

The tables live in the database itself (made by `bounce sync init`, not by a
schema migration), so two databases on one machine are two devices. They are
plain sqlite3: the checks that open a bounce file look only at its header, its
application id and its schema version, so extra tables change nothing there, and
backups copy them along (export and import never read them).

- `sync_device`: key/value: the device id and name, the folder, the clock's
  state (an encoded `hlc.Stamp`), the last sync and the last write of its file.
- `sync_record`: per synced record (table, id): the row's `updated_at` as last
  synced (how a local change is found), its stamp and history, whether it is a
  tombstone, and `since`: the clock when it entered this state (compaction).
- `sync_peer`: per other device whose file was merged: its name, the file's
  size and mtime (unchanged files are not read again), its clock and `seen`.
- `sync_conflict`: versions that lost to a concurrent one, with their values.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from bounce_tui.domain.hlc import Stamp, decode, encode
from bounce_tui.domain.sync_merge import Version

#: The synced tables, parents before children; `setting` stays with its device.
SYNCED = (
    "rejection",
    "mourning_period",
    "checklist_item",
    "lesson",
    "lesson_review",
    "checkin",
    "skip_day",
    "interview",
    "urge",
)
#: Columns stored as JSON text, and columns stored as 0/1 (the rest are stored as exported).
JSON_COLUMNS = {
    "checklist_item": ("views", "choices"),
    "lesson": ("tags",),
    "lesson_review": ("card_before",),
    "checkin": ("tags",),
}
BOOL_COLUMNS = {"lesson": ("recurring",), "lesson_review": ("drill",)}
#: Each reference to a parent: (table, column, parent table, what deleting the parent does).
REFERENCES = (
    ("mourning_period", "rejection_id", "rejection", "CASCADE"),
    ("checklist_item", "rejection_id", "rejection", "CASCADE"),
    ("lesson", "rejection_id", "rejection", "SET NULL"),
    ("lesson_review", "lesson_id", "lesson", "CASCADE"),
    ("urge", "mourning_id", "mourning_period", "CASCADE"),
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS sync_device (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sync_record (
    tbl TEXT NOT NULL, id TEXT NOT NULL, updated_at TEXT, stamp TEXT NOT NULL,
    history TEXT NOT NULL DEFAULT '[]', deleted INTEGER NOT NULL DEFAULT 0,
    since TEXT NOT NULL, PRIMARY KEY (tbl, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sync_peer (
    device TEXT PRIMARY KEY, name TEXT NOT NULL, file TEXT NOT NULL, size INTEGER,
    mtime_ns INTEGER, written_at TEXT, clock TEXT, seen TEXT NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS sync_conflict (
    tbl TEXT NOT NULL, record_id TEXT NOT NULL, stamp TEXT NOT NULL, device TEXT NOT NULL,
    noted_at TEXT NOT NULL, deleted INTEGER NOT NULL, row TEXT NOT NULL,
    PRIMARY KEY (tbl, record_id, stamp));
"""


def has_tables(conn: sqlite3.Connection) -> bool:
    """True once `bounce sync init` made the sync tables here."""
    found = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sync_device'"
    ).fetchone()[0]
    return bool(found)


def make_tables(conn: sqlite3.Connection) -> None:
    """Create the sync tables if they are missing (inside the caller's transaction)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


def get(conn: sqlite3.Connection, key: str) -> str | None:
    """One value of `sync_device`."""
    row = conn.execute("SELECT value FROM sync_device WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def put(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Set one value of `sync_device`."""
    conn.execute(
        "INSERT INTO sync_device (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


@dataclass
class Known:
    """A record's sync state as stored: texts decoded only when a merge needs the version."""

    stamp: str
    history: str
    deleted: bool
    updated_at: str | None
    since: str

    def version(self) -> Version:
        """The record's version (stamp, history, deleted) for the merge rule."""
        earlier = tuple(decode(text) for text in json.loads(self.history))
        return Version(decode(self.stamp), earlier, self.deleted)

    @classmethod
    def of(cls, version: Version, updated_at: str | None, since: str) -> Known:
        """The stored form of `version`."""
        return cls(
            encode(version.stamp),
            history_text(version.history),
            version.deleted,
            updated_at,
            since,
        )


def history_text(history: tuple[Stamp, ...]) -> str:
    """A history as stored (and as written to sync files): encoded stamps, newest first."""
    return json.dumps([encode(stamp) for stamp in history])


def load_records(conn: sqlite3.Connection) -> dict[tuple[str, str], Known]:
    """Every record's sync state, by (table, id)."""
    rows = conn.execute(
        "SELECT tbl, id, stamp, history, deleted, updated_at, since FROM sync_record"
    )
    return {(t, i): Known(s, h, bool(d), u, c) for t, i, s, h, d, u, c in rows}


def save_records(conn: sqlite3.Connection, changed: dict[tuple[str, str], Known]) -> None:
    """Write the sync state of the records in `changed`."""
    conn.executemany(
        "INSERT INTO sync_record (tbl, id, updated_at, stamp, history, deleted, since) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tbl, id) DO UPDATE SET "
        "updated_at = excluded.updated_at, stamp = excluded.stamp, history = excluded.history, "
        "deleted = excluded.deleted, since = excluded.since",
        [
            (t, i, k.updated_at, k.stamp, k.history, int(k.deleted), k.since)
            for (t, i), k in changed.items()
        ],
    )
