"""Which lines of another device's file hold a version this database already has.

A record's line begins with its table, stamp and id (`state.line_key`); a line
whose key is a version here needs no parsing, no checking and no merging. A
day's sync finds most lines equal, to the character, to a line of this device's
own file as last written (the same version, written the same way): those are
passed over by one set lookup each. The few lines left have their key looked
up in `sync_record` one by one; past `_FEW` of them (a device's first file),
every key here is read at once.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

from bounce_tui.store.sync.files import ID_END, ID_MARK
from bounce_tui.store.sync.state import line_key, line_keys

#: Past this many lines not found in the own file, every key here is read at once.
_FEW = 200
_KEY = re.compile(r'\{"_table":"([a-z_]{1,40})","_stamp":"([^"\\]{1,120})","id":"([^"\\]{1,64})"')


class KnownLines:
    """The versions here, as another device's file is compared with them.

    `own` is this device's file's lines as last written, when it is the file
    that describes this database's versions (else None: keys are looked up).
    """

    def __init__(self, conn: sqlite3.Connection, own: Iterable[str] | None = None) -> None:
        self.conn = conn
        self.own = frozenset(own) if own is not None else frozenset()
        self.keys: set[str] | None = None

    def new_lines(self, lines: list[str]) -> list[tuple[int, str]]:
        """(number from 1, line) of each line that does not hold a version here."""
        fresh = [(n, line) for n, line in enumerate(lines, start=1) if line not in self.own]
        if len(fresh) > _FEW and self.keys is None:
            self.keys = line_keys(self.conn)
        return [(n, line) for n, line in fresh if not self._known_line(line)]

    def has(self, table: str, stamp: str, record_id: str) -> bool:
        """True when this version of the record is the one here (a file read whole)."""
        if self.keys is None:
            self.keys = line_keys(self.conn)
        return line_key(table, stamp, record_id) in self.keys

    def _known_line(self, line: str) -> bool:
        if self.keys is not None:
            end = line.find(ID_MARK, 0, 200)
            return end > 0 and line[: end + ID_END] in self.keys
        # The key as `line_keys` would hold it: no quote in a table, a stamp or an id.
        found = _KEY.match(line)
        if found is None:
            return False
        table, stamp, record_id = found.groups()
        row = self.conn.execute(
            "SELECT stamp FROM sync_record WHERE tbl = ? AND id = ?", (table, record_id)
        ).fetchone()
        return row is not None and row[0] == stamp
