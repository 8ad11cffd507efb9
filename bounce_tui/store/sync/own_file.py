"""This device's own sync file: read back (its clock, its lines) and made again.

Every write holds the device's whole state, but a day's sync changes a few
records, so the file as last written is the starting point. Its live records'
lines are in (table, id) order, tombstones after them. A record whose line is
to change (`sync_record.stale`: changed, deleted, or its row rewritten) is found
by bisection and its line replaced, taken out or put in its place; tombstones
are made anew each time (the ones some device has not seen yet). When many
records changed, or the file is not the one this database last wrote, every
line is made from the database (unchanged ones still taken from the old file).
Either way the count of live lines is checked against the database.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from bounce_tui.domain.hlc import Stamp, decode
from bounce_tui.store.sync import files, passphrase
from bounce_tui.store.sync.files import BadSyncFile
from bounce_tui.store.sync.state import line_key

#: Past this many records whose lines change, the file is made from the database.
_SPLICE_MAX = 500
#: Past this many lines to make again in one table, the whole table is read at once.
_WHOLE_TABLE = 200
_TOMBSTONE_END = ',"_deleted":true}'
_TABLE_AT = len('{"_table":"')


@dataclass
class OwnFile:
    """This device's file as it is in the folder: its clock, and its lines if it is current."""

    clock: Stamp | None = None
    written_at: str | None = None  # set only when it is the file this database last wrote
    sealed: bool = False  # written with the passphrase
    #: Live records in (table, id) order, then tombstones; each ends in "," but the last.
    lines: list[str] | None = None


def read(
    folder: Path, device: str, key: str | None, last_written: str | None, *, whole: bool = False
) -> OwnFile:
    """This device's own file: the clock it holds and, when it is the one this database
    last wrote (its header names that moment), with `whole`, its records' lines.

    A sealed file is opened with `key` (read whole: a token is opened whole or not at
    all); one this device cannot open counts as no file.
    """
    found = OwnFile()
    own = folder / files.file_name(device)
    try:
        with open(own, "rb") as fh:
            head = fh.read(64 * 1024)
        found.sealed = passphrase.is_sealed(head)
        if found.sealed:
            if key is None:
                return found
            text = files.read_file(own, key)
            whole = True
        elif whole:
            text = files.read_file(own, None)
        else:  # the header is the first line
            text = head.decode("utf-8", "replace")
        first_end = text.find("\n")
        header = json.loads(text[:first_end].removesuffix(files.RECORDS_OPEN) + "}")
        clock = decode(header["clock"])
    except (OSError, BadSyncFile, ValueError, KeyError, TypeError, AttributeError):
        return found
    if header.get("device") != device or clock.device != device:
        return found
    found.clock = clock
    if last_written is None or header.get("written_at") != last_written:
        return found
    found.written_at = last_written
    if not whole or not text.endswith(files.RECORDS_CLOSE):
        return found
    lines = files.body_lines(text)
    if all(map(str.endswith, lines[:-1], repeat(","))) and header.get("count") == len(lines):
        found.lines = lines
    return found


def _order(line: str) -> tuple[str, str]:
    """(table, id) of a line as `files.record_line` lays it out."""
    end = line.find('"', _TABLE_AT)
    at = line.find(files.ID_MARK, 0, 200) + len(files.ID_MARK)
    return line[_TABLE_AT:end], line[at : at + 36]


def live_part(lines: list[str]) -> list[str]:
    """The lines of live records (all but the tombstones at the end), each ending in ","."""
    end = len(lines)
    while end and lines[end - 1].removesuffix(",").endswith(_TOMBSTONE_END):
        end -= 1
    live = lines[:end]
    if live and not live[-1].endswith(","):  # the file's last line
        live[-1] += ","
    return live


def records_text(
    conn: sqlite3.Connection, previous: list[str] | None, tombstone: Callable[[str], bool]
) -> tuple[list[str], int]:
    """Every line of this device's file, each ending in "," (`files.file_text`'s
    `commas`), and how many are live records: those in (table, id) order, then the
    tombstones `tombstone(since)` keeps. Marks every record's line as made."""
    changed = conn.execute(
        "SELECT tbl, id, stamp, history, deleted FROM sync_record WHERE stale"
    ).fetchall()
    lines = None
    if previous is not None and len(changed) <= _SPLICE_MAX:
        lines = _spliced(conn, live_part(previous), changed)
    if lines is None:
        lines = [line + "," for line in made_lines(conn, previous)]
    conn.execute("UPDATE sync_record SET stale = 0 WHERE stale")
    live = len(lines)
    rows = conn.execute(
        "SELECT tbl, id, stamp, history, since FROM sync_record WHERE deleted ORDER BY tbl, id"
    )
    for table, rid, stamp, history, since in rows:
        if tombstone(since):
            lines.append(files.tombstone_line(table, rid, stamp, json.loads(history)) + ",")
    return lines, live


def _spliced(
    conn: sqlite3.Connection, live: list[str], changed: list[tuple[str, str, str, str, int]]
) -> list[str] | None:
    """The previous live lines with the changed records' lines made again; None when
    they do not add up to the live records here (then the file is made whole)."""
    made = _lines_of(conn, [(t, i, s, h) for t, i, s, h, deleted in changed if not deleted])
    for table, rid, _, _, _ in changed:
        at = bisect_left(live, (table, rid), key=_order)
        here = at < len(live) and _order(live[at]) == (table, rid)
        line = made.get((table, rid))
        if line is None:  # deleted (or its row is gone): no line among the live ones
            if here:
                del live[at]
        elif here:
            live[at] = line + ","
        else:
            live.insert(at, line + ",")
    (count,) = conn.execute("SELECT count(*) FROM sync_record WHERE NOT deleted").fetchone()
    # A line not found where the order puts it would leave one too many: start again.
    return live if count == len(live) else None


def made_lines(conn: sqlite3.Connection, previous: list[str] | None) -> list[str]:
    """Every live record's line, in (table, id) order; unchanged ones from `previous`."""
    by_key: dict[str, str] = {}
    for line in previous or []:
        end = line.find(files.ID_MARK, 0, 200)
        if end > 0:
            by_key[line[: end + files.ID_END]] = line.removesuffix(",")
    lines: list[str] = []
    remake: list[tuple[str, str, str, str]] = []
    places: list[int] = []
    rows = conn.execute(
        "SELECT tbl, id, stamp, history, stale FROM sync_record WHERE NOT deleted ORDER BY tbl, id"
    )
    for table, rid, stamp, history, stale in rows.fetchall():
        found = None if stale else by_key.get(line_key(table, stamp, rid))
        if found is None:
            remake.append((table, rid, stamp, history))
            places.append(len(lines))
        lines.append(found or "")
    made = _lines_of(conn, remake)
    for place, (table, rid, _, _) in zip(places, remake, strict=True):
        lines[place] = made.get((table, rid), "")
    return [line for line in lines if line]


def _lines_of(
    conn: sqlite3.Connection, records: list[tuple[str, str, str, str]]
) -> dict[tuple[str, str], str]:
    """The lines of these live records (table, id, stamp, history) whose rows are here."""
    by_table: dict[str, list[tuple[str, str, str]]] = {}
    for table, rid, stamp, history in records:
        by_table.setdefault(table, []).append((rid, stamp, history))
    made: dict[tuple[str, str], str] = {}
    for table, wanted in by_table.items():
        by_id: dict[str, dict[str, Any]] = {}
        if len(wanted) > _WHOLE_TABLE:
            by_id = {row["id"]: row for row in files.live_rows(conn, table)}
        else:
            for rid, _, _ in wanted:
                by_id.update((row["id"], row) for row in files.live_rows(conn, table, rid))
        for rid, stamp, history in wanted:
            if rid in by_id:
                made[(table, rid)] = files.record_line(table, stamp, json.loads(history),
                                                       by_id[rid])  # fmt: skip
    return made
