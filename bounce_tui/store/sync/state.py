"""What a database knows about sync: its device, each record's version, peers, conflicts.

The tables live in the database itself (made by `bounce sync init`, not by a
schema migration), so two databases on one machine are two devices. They are
plain sqlite3: the checks that open a bounce file look only at its header, its
application id and its schema version, so extra tables change nothing there, and
backups copy them along (export and import never read them).

- `sync_device`: key/value: the device id and name, the folder, the clock's
  state (an encoded `hlc.Stamp`), the last sync and the last write of its file,
  `key`: the key made from the passphrase, when one is set (never the
  passphrase itself), and where the database was (`place`: a copy takes a new
  device id).
- `sync_record`: per synced record (table, id): the row's `updated_at` as last
  synced (how a local change is found), its stamp and history, whether it is a
  tombstone, `since`: the clock when it entered this state (compaction), and
  `stale` when its line in this device's file is to be made again or taken
  out (the other lines are taken from the file as last written).
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
from bounce_tui.store.rows import COLUMNS

#: The synced tables, parents before children (`rows.COLUMNS` is in that order);
#: `setting` stays with its device.
SYNCED = tuple(table for table in COLUMNS if table != "setting")
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
    since TEXT NOT NULL, stale INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tbl, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sync_record_stale ON sync_record (stale) WHERE stale;
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


def drop(conn: sqlite3.Connection, key: str) -> None:
    """Remove one value of `sync_device`."""
    conn.execute("DELETE FROM sync_device WHERE key = ?", (key,))


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


class KnownRecords:
    """The records' sync state, read from the table as a merge asks for them.

    A day's sync touches a few records; reading all of them would cost more than
    the rest of the sync. `preload` reads every one at once when many are wanted.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.found: dict[tuple[str, str], Known | None] = {}
        self.complete = False

    def preload(self) -> None:
        """Read every record's state (a first sync merges most of them)."""
        rows = self.conn.execute(
            "SELECT tbl, id, stamp, history, deleted, updated_at, since FROM sync_record"
        )
        for t, i, s, h, d, u, c in rows:
            self.found.setdefault((t, i), Known(s, h, bool(d), u, c))
        self.complete = True

    def get(self, key: tuple[str, str]) -> Known | None:
        """A record's state; None when it was never synced."""
        if key in self.found or self.complete:
            return self.found.get(key)
        row = self.conn.execute(
            "SELECT stamp, history, deleted, updated_at, since FROM sync_record "
            "WHERE tbl = ? AND id = ?",
            key,
        ).fetchone()
        found = None if row is None else Known(row[0], row[1], bool(row[2]), row[3], row[4])
        self.found[key] = found
        return found

    def update(self, changed: dict[tuple[str, str], Known]) -> None:
        """Records whose state changed in this sync (saved later with `save_records`)."""
        self.found.update(changed)


def line_key(table: str, stamp: str, record_id: str) -> str:
    """How a record's line in a sync file begins (`files.record_line`): table, stamp, id."""
    return f'{{"_table":"{table}","_stamp":"{stamp}","id":"{record_id}"'


def line_keys(conn: sqlite3.Connection) -> set[str]:
    """`line_key` of every record's version here: what another device's file is compared with.

    Made by SQLite, so that a file's unchanged records cost a set lookup each.
    """
    rows = conn.execute(
        'SELECT \'{"_table":"\' || tbl || \'","_stamp":"\' || stamp || \'","id":"\' '
        "|| id || '\"' FROM sync_record"
    )
    return {key for (key,) in rows}


def save_records(conn: sqlite3.Connection, changed: dict[tuple[str, str], Known]) -> None:
    """Write the sync state of the records in `changed` (their file lines are made anew)."""
    conn.executemany(
        "INSERT INTO sync_record (tbl, id, updated_at, stamp, history, deleted, since, stale) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tbl, id) DO UPDATE SET "
        "updated_at = excluded.updated_at, stamp = excluded.stamp, history = excluded.history, "
        "deleted = excluded.deleted, since = excluded.since, stale = excluded.stale",
        [
            (t, i, k.updated_at, k.stamp, k.history, int(k.deleted), k.since, 1)
            for (t, i), k in changed.items()
        ],
    )


def mark_stale(conn: sqlite3.Connection, table: str, ids: set[str]) -> None:
    """These records' rows changed without a new version (a card worked out again)."""
    conn.executemany(
        "UPDATE sync_record SET stale = 1 WHERE tbl = ? AND id = ? AND NOT deleted",
        [(table, rid) for rid in ids],
    )
