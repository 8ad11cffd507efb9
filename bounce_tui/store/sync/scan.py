"""Finding this device's changes: every synced row's `updated_at` against its last sync.

No triggers: each sync reads `id, updated_at` of every synced table. A new id, or
an `updated_at` other than the one last synced, is a local change; a record
synced as live whose row is gone is a local deletion. Each change gets a stamp
from the device's clock, in `updated_at` order (so edits keep their order), and
the previous stamp joins the record's history.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bounce_tui.domain.hlc import Stamp, encode, tick
from bounce_tui.domain.sync_merge import Version, next_history
from bounce_tui.store.sync.state import SYNCED, Known, KnownRecords


@dataclass(frozen=True)
class Change:
    """A record changed here since its last sync (`updated_at` None: deleted)."""

    table: str
    record_id: str
    updated_at: str | None


def find_changes(conn: sqlite3.Connection, tables: Iterable[str] = SYNCED) -> list[Change]:
    """Every local change and deletion (in `tables`) since the records were last synced.

    Both questions are asked of SQLite (a join on the primary keys), so a sync
    with few changes reads only those rows into Python. Deletions are looked for
    only when the counts show some: rows here, less the new ones, against the
    records synced as live.
    """
    changes: list[Change] = []
    for table in (name for name in SYNCED if name in tables):
        changed = conn.execute(
            f"SELECT t.id, t.updated_at, s.id IS NULL OR s.deleted FROM {table} AS t "  # noqa: S608
            "LEFT JOIN sync_record AS s ON s.tbl = ? AND s.id = t.id "
            "WHERE s.id IS NULL OR s.deleted OR s.updated_at IS NOT t.updated_at",
            (table,),
        ).fetchall()
        changes.extend(Change(table, rid, updated_at) for rid, updated_at, _ in changed)
        new = sum(1 for _, _, unsynced in changed if unsynced)
        (rows,) = conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
        (live,) = conn.execute(
            "SELECT count(*) FROM sync_record WHERE tbl = ? AND NOT deleted", (table,)
        ).fetchone()
        if live == rows - new:  # every record synced as live still has its row
            continue
        gone = conn.execute(
            "SELECT s.id FROM sync_record AS s WHERE s.tbl = ? AND NOT s.deleted "
            f"AND NOT EXISTS (SELECT 1 FROM {table} AS t WHERE t.id = s.id)",  # noqa: S608
            (table,),
        )
        changes.extend(Change(table, rid, None) for (rid,) in gone)
    return changes


def _ms(text: str) -> int:
    try:
        return int(datetime.fromisoformat(text).timestamp() * 1000)
    except (ValueError, OverflowError):
        return 0


def stamp_changes(
    changes: list[Change],
    known: KnownRecords,
    clock: Stamp | None,
    device: str,
    now_ms: int,
) -> tuple[Stamp | None, dict[tuple[str, str], Known]]:
    """Give each change a stamp (edits in `updated_at` order, then deletions at now).

    Returns the clock after and the new sync state of the changed records.
    """
    stamped: dict[tuple[str, str], Known] = {}
    edits = sorted((c for c in changes if c.updated_at is not None), key=_edit_order)
    deletions = [c for c in changes if c.updated_at is None]
    for change in [*edits, *deletions]:
        key = (change.table, change.record_id)
        when = now_ms if change.updated_at is None else _ms(change.updated_at)
        clock = tick(clock, when, device)
        was = known.get(key)
        previous = was.version() if was is not None else None
        version = Version(clock, next_history(previous), change.updated_at is None)
        last = change.updated_at if change.updated_at is not None else _last(was)
        stamped[key] = Known.of(version, last, encode(clock))
    return clock, stamped


def _edit_order(change: Change) -> tuple[str, str, str]:
    # Stored times are all ISO-8601 in UTC to the microsecond: as text they sort as times.
    return (change.updated_at or "", change.table, change.record_id)


def _last(was: Known | None) -> str | None:
    return None if was is None else was.updated_at
