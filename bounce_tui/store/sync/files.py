"""Sync files: each device's whole state in one JSON file in the shared folder.

A device writes only `bounce-sync-<device>.json`, to a hidden temporary name in
the same folder (0600, flushed to disk) renamed over the old one, so a reader
sees the old file or the new one, never half of one. Every other device's file
is read (at most MAX_SYNC_BYTES), its header and every record's stamp checked;
anything wrong and the whole file is skipped with one line saying why.

With a passphrase (`passphrase.py`) a device's file is its whole JSON text sealed
as one Fernet token, still written the same way; the others' files are opened
before they are read, and a file in the other form (plain where this device has a
key, sealed where it has none) is skipped with a line saying what to do.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import time
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bounce_tui.domain.hlc import Stamp, StampError, decode
from bounce_tui.domain.sync_merge import MAX_HISTORY, Version
from bounce_tui.domain.text import one_line, visible
from bounce_tui.store.file.bounded_read import read_at_most
from bounce_tui.store.sync import passphrase
from bounce_tui.store.sync.state import BOOL_COLUMNS, JSON_COLUMNS, SYNCED

if TYPE_CHECKING:
    from bounce_tui.store.sync.known_lines import KnownLines

SYNC_KIND = "bounce-sync"
SYNC_FORMAT = 1
MAX_SYNC_BYTES = 512 * 1024 * 1024
_PREFIX, _SUFFIX = "bounce-sync-", ".json"
#: The folder's key file, when a passphrase is in use (device ids are 12 hex digits).
KEY_FILE = "bounce-sync-key.json"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
#: How the records' list opens at the end of the header line.
RECORDS_OPEN = ',"records":['
RECORDS_CLOSE = "\n]}\n"
#: In a record's line (`record_line`) the id follows this; the line's key ends after it.
ID_MARK = '","id":"'
ID_END = len(ID_MARK) + 36 + 1
_NAME = re.compile(r"bounce-sync-([0-9a-z][0-9a-z-]{0,63})\.json")


class BadSyncFile(Exception):
    """A sync file that is skipped whole: the reason, in one line."""


def file_name(device: str) -> str:
    """The name of a device's sync file."""
    return f"{_PREFIX}{device}{_SUFFIX}"


def other_files(folder: Path, device: str) -> dict[str, Path]:
    """Every other device's sync file in `folder`, by device id."""
    found: dict[str, Path] = {}
    try:
        names = os.listdir(folder)
    except OSError as exc:
        raise BadSyncFile(
            f"cannot read the sync folder {visible(str(folder))}: {exc.strerror}"
        ) from None
    for name in names:
        match = _NAME.fullmatch(name)
        if match and match.group(1) != device and name != KEY_FILE:
            found[match.group(1)] = folder / name
    return found


def live_rows(
    conn: sqlite3.Connection, table: str, record_id: str | None = None
) -> list[dict[str, Any]]:
    """The rows of a synced table (or the one with `record_id`) as the export writes them."""
    where, params = ("", ()) if record_id is None else (" WHERE id = ?", (record_id,))
    cursor = conn.execute(f"SELECT * FROM {table}{where}", params)  # noqa: S608
    names = [d[0] for d in cursor.description]
    json_at = [names.index(n) for n in JSON_COLUMNS.get(table, ())]
    bool_at = [names.index(n) for n in BOOL_COLUMNS.get(table, ())]
    rows = []
    for found in cursor:
        values = list(found)
        for place in json_at:
            values[place] = json.loads(values[place]) if values[place] is not None else None
        for place in bool_at:
            values[place] = bool(values[place])
        rows.append(dict(zip(names, values, strict=True)))
    return rows


def record_line(table: str, stamp: str, history: list[str], row: dict[str, Any]) -> str:
    """One record's line in a sync file: table, stamp and id first, then history and values."""
    head: dict[str, Any] = {"_table": table, "_stamp": stamp, "id": row["id"]}
    head["_history"] = history
    head.update((name, value) for name, value in row.items() if name != "id")
    return json.dumps(head, ensure_ascii=False, separators=(",", ":"))


def tombstone_line(table: str, record_id: str, stamp: str, history: list[str]) -> str:
    """A deleted record's line in a sync file: the same marks, `"_deleted": true`, no values."""
    head = {"_table": table, "_stamp": stamp, "id": record_id, "_history": history,
            "_deleted": True}  # fmt: skip
    return json.dumps(head, ensure_ascii=False, separators=(",", ":"))


def file_text(header: dict[str, Any], lines: list[str], *, commas: bool = False) -> str:
    """A whole sync file: one JSON object, its header on the first line, one record a line.

    The layout lets a reader pass over the lines of records it already holds
    without parsing them; any JSON reader reads the file as well. With `commas`,
    each of `lines` already ends in "," (as `body_lines` reads them back).
    """
    head = json.dumps({**header, "count": len(lines)}, ensure_ascii=False, separators=(",", ":"))
    if not lines:
        return head[:-1] + RECORDS_OPEN + "\n" + RECORDS_CLOSE
    parts = [head[:-1] + RECORDS_OPEN + "\n" + lines[0], *lines[1:]]
    parts[-1] = (parts[-1][:-1] if commas else parts[-1]) + RECORDS_CLOSE
    return ("\n" if commas else ",\n").join(parts)  # one pass over the file's text


def body_lines(text: str) -> list[str]:
    """The lines between the header and the end of a file laid out as `file_text` lays it
    out (ending in `RECORDS_CLOSE`), each with its "," but the last."""
    lines = text.split("\n")[1:-2]
    return [] if lines == [""] else lines


def write_file(folder: Path, device: str, data: bytes) -> Path:
    """Write `data` as this device's sync file: a private temporary file, synced, renamed."""
    return write_private(folder, file_name(device), data, replace=True)


def write_private(folder: Path, name: str, data: bytes, *, replace: bool) -> Path:
    """Write `data` as `folder/name`: a private temporary file, synced, then renamed.

    Without `replace`, an existing file is kept and FileExistsError raised.
    """
    dest = folder / name
    temp = folder / f".{name}.{os.getpid()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(temp, flags, 0o600)
    try:
        os.fchmod(fd, 0o600)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        temp.unlink(missing_ok=True)
        raise
    os.close(fd)
    if replace:
        os.replace(temp, dest)
    else:
        try:
            os.link(temp, dest)  # fails when the name is taken: nothing is replaced
        finally:
            temp.unlink(missing_ok=True)
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return dest
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
    return dest


#: A file replaced less than this long ago (by its inode's change time) is read again
#: at the next sync: a second replacement in the same clock tick could leave its
#: size and times as they were.
SETTLE_NS = 2_000_000_000


def file_identity(path: Path) -> tuple[int, int, int, int] | None:
    """(size, mtime, inode change time, inode) of a regular file; None for anything else.

    A file is replaced whole (a new inode renamed into place, here and by the tools
    that carry the folder), and the inode's change time is set by this computer's
    kernel (a tool cannot copy it over), so a replaced file differs in these even
    when its size and modification time are as they were.
    """
    try:
        found = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino


def file_state(path: Path) -> tuple[int, int] | None:
    """(size, version mark) of a regular file, from `file_identity`; None for anything else.

    A file replaced in the last SETTLE_NS gets a mark that never matches, so it is
    read again: equal marks mean the same file, not one written twice within a
    timestamp's granularity with the same size.
    """
    found = file_identity(path)
    if found is None:
        return None
    size, mtime_ns, ctime_ns, inode = found
    now = time.time_ns()
    if abs(now - ctime_ns) < SETTLE_NS:
        return size, -now  # not settled: unlike any mark noted before
    return size, ((mtime_ns * 1_000_003) ^ (ctime_ns * 31) ^ inode) & (2**62 - 1)


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most `limit` (BadSyncFile when it cannot be read)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise BadSyncFile(f"cannot be read: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise BadSyncFile("is not a regular file")
        raw = read_at_most(fd, limit)
    except OSError as exc:
        raise BadSyncFile(f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if raw is None:
        raise BadSyncFile("is too large to be a bounce sync file")
    return raw


#: What a device without the passphrase is told to run to read sealed files.
RUN_INIT = "run `bounce sync init DIR --passphrase` here to read it"


def read_file(path: Path, key: str | None) -> str:
    """The text of a sync file, opened with `key` when this device has one.

    The limit is on the text: a sealed file may be as long as the token of
    MAX_SYNC_BYTES of text. BadSyncFile when it cannot be read or opened.
    """
    raw = read_bytes(path, passphrase.sealed_size(MAX_SYNC_BYTES))
    if passphrase.is_sealed(raw):
        if key is None:
            raise BadSyncFile(f"is encrypted with a passphrase; {RUN_INIT}")
        try:
            raw = passphrase.unseal(key, raw)
        except passphrase.WrongPassphrase:
            raise BadSyncFile(
                "cannot be opened with this computer's passphrase (another passphrase, "
                "or the file was cut short or changed); nothing of it was merged"
            ) from None
    elif key is not None:
        raise BadSyncFile(
            "is not encrypted, but this computer's passphrase is set: run `bounce sync init "
            "DIR --passphrase` on the computer that wrote it; nothing of it was merged"
        )
    if len(raw) > MAX_SYNC_BYTES:
        raise BadSyncFile("is too large to be a bounce sync file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadSyncFile("is not UTF-8 text") from None


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadSyncFile(f"is not whole JSON (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise BadSyncFile("is nested too deep") from None


@dataclass
class Remote:
    """One record of another device's file: its version and (live records) raw values."""

    table: str
    record_id: str
    stamp_text: str
    version: Version
    values: dict[str, Any] | None  # None: a tombstone


@dataclass
class SyncFile:
    """Another device's file, its header checked and every record's stamp read."""

    device: str
    name: str
    written_at: str
    clock: Stamp
    seen: dict[str, str]
    schema: int
    records: list[Remote] = field(default_factory=list)


#: No stamp is believed past 2100 (the last year an entry may have): a clock that far
#: ahead would push every device's clock there for good.
_LATEST_MS = 4_102_444_800_000


def _stamp(value: Any, what: str) -> Stamp:
    try:
        stamp = decode(value)
    except StampError:
        raise BadSyncFile(f"{what} is not a clock stamp") from None
    if stamp.wall_ms > _LATEST_MS:
        raise BadSyncFile(f"{what} has a clock stamp past the year 2100")
    return stamp


def _history(value: Any, what: str) -> tuple[Stamp, ...]:
    if not isinstance(value, list) or len(value) > 4 * MAX_HISTORY:
        raise BadSyncFile(f"{what} has no history list")
    return tuple(_stamp(v, what) for v in value)


def parse(text: str, device: str, newest_schema: int, known: KnownLines) -> SyncFile:
    """Check a sync file's header and the stamps of the records not already here.

    A record whose version `known` holds is left out: when the file has the
    layout `file_text` writes, its line is not even parsed.
    Values are checked against the rules by the caller, before merging.
    """
    if not text.endswith("\n"):  # every sync file ends with one: this one was cut short
        raise BadSyncFile("is cut short (no end of line at its end)")
    first_end = text.find("\n")
    first = text[:first_end]
    if first.endswith(RECORDS_OPEN) and text.endswith(RECORDS_CLOSE):
        header = _json(first[: -len(RECORDS_OPEN)] + "}")
        if not isinstance(header, dict) or "records" in header:
            raise BadSyncFile("is not a bounce sync file")
        found = _header(header, device, newest_schema)
        lines = body_lines(text)
        laid_out = all(map(str.endswith, lines[:-1], repeat(",")))
        if laid_out and header.get("count") == len(lines):
            for number, line in known.new_lines(lines):  # the others are versions here
                found.records.append(_record(_json(line.removesuffix(",")), number))
            _no_twice(found)
            return found
    # Any other layout (a file passed through a JSON tool, or damaged): read it whole.
    data = _json(text)
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise BadSyncFile("is not a bounce sync file")
    records = data.pop("records")
    found = _header(data, device, newest_schema)
    if data.get("count") != len(records):
        raise BadSyncFile("does not hold the records its header counts (cut short?)")
    for number, record in enumerate(records, start=1):
        remote = _record(record, number)
        if not known.has(remote.table, remote.stamp_text, remote.record_id):
            found.records.append(remote)
    _no_twice(found)
    return found


def _no_twice(found: SyncFile) -> None:
    keys = [(r.table, r.record_id) for r in found.records]
    if len(set(keys)) != len(keys):
        raise BadSyncFile("holds the same record twice")


def _header(data: dict[str, Any], device: str, newest_schema: int) -> SyncFile:
    if data.get("kind") != SYNC_KIND:
        raise BadSyncFile("is not a bounce sync file")
    if data.get("format") != SYNC_FORMAT:
        raise BadSyncFile(f"uses sync format {one_line(repr(data.get('format')), 20)}; expected 1")
    schema = data.get("schema")
    if type(schema) is not int or schema < 1:
        raise BadSyncFile("has no schema version")
    if schema > newest_schema:
        raise BadSyncFile(f"is from a newer bounce (schema {schema}); update bounce here")
    if data.get("device") != device:
        raise BadSyncFile("names another device than its file name")
    name, written_at = data.get("name"), data.get("written_at")
    if not isinstance(name, str) or not isinstance(written_at, str) or len(written_at) > 40:
        raise BadSyncFile("has no device name or time written")
    seen = data.get("seen")
    if not isinstance(seen, dict) or len(seen) > 10_000:
        raise BadSyncFile("has no list of devices seen")
    for key, value in seen.items():
        _stamp(value, f"seen {one_line(str(key), 20)}")
    clock = _stamp(data.get("clock"), "clock")
    return SyncFile(device, one_line(name, 60), written_at, clock, seen, schema)


_MARKS = frozenset({"_table", "_stamp", "_history", "_deleted"})


def _record(record: Any, number: int) -> Remote:
    """One record of a sync file, its marks checked (its values are the rules' to check)."""
    where = f"record #{number}"
    if not isinstance(record, dict) or record.get("_table") not in SYNCED:
        raise BadSyncFile(f"{where} names no synced table")
    table, rid = record["_table"], record.get("id")
    stamp_text = record.get("_stamp")
    stamp = _stamp(stamp_text, f"{where} ({table})")
    history = _history(record.get("_history"), f"{where} ({table})")
    if not isinstance(rid, str) or not _UUID.fullmatch(rid):
        raise BadSyncFile(f"{where} ({table}) has no id as bounce makes them")
    deleted = record.get("_deleted", False)
    if deleted is True:
        if record.keys() - _MARKS - {"id"}:
            raise BadSyncFile(f"{where} ({table}) is a deletion with values")
        return Remote(table, rid, str(stamp_text), Version(stamp, history, True), None)
    if deleted is not False:
        raise BadSyncFile(f"{where} ({table}) has a _deleted that is not true or false")
    values = {name: value for name, value in record.items() if name not in _MARKS}
    return Remote(table, rid, str(stamp_text), Version(stamp, history), values)
