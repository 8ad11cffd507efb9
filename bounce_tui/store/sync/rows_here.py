"""Which rows the synced tables hold, as a merge asks while it writes."""

from __future__ import annotations

import sqlite3

#: Past this many rows to write, each table asked about is read whole at once.
MANY = 200


class RowsHere:
    """Whether a row is in its table: each id looked up (a day's sync writes a few
    rows), or, with `whole` (a first sync writes most), every id of the table read
    at once. The merge notes the rows it writes and deletes."""

    def __init__(self, conn: sqlite3.Connection, *, whole: bool) -> None:
        self.conn = conn
        self.whole = whole
        self.found: dict[str, dict[str, bool]] = {}

    def has(self, table: str, record_id: str) -> bool:
        """True when `table` holds the row `record_id`."""
        ids = self.found.get(table)
        if ids is None:
            ids = self.found[table] = {}
            if self.whole:
                rows = self.conn.execute(f"SELECT id FROM {table}")  # noqa: S608
                ids.update((rid, True) for (rid,) in rows)
        if record_id not in ids:
            if self.whole:
                return False
            row = self.conn.execute(
                f"SELECT 1 FROM {table} WHERE id = ?",  # noqa: S608
                (record_id,),
            ).fetchone()
            ids[record_id] = row is not None
        return ids[record_id]

    def note(self, table: str, record_id: str, *, here: bool) -> None:
        """The merge wrote (`here`) or deleted this row."""
        if table in self.found:
            self.found[table][record_id] = here
