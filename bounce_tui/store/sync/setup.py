"""Setting sync up (`bounce sync init`) and reading its state (--status, --conflicts)."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bounce_tui.domain.text import one_line
from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.quick.connection import transaction
from bounce_tui.store.sync import files, passphrase, place, scan, state
from bounce_tui.store.sync.engine import device_of

#: The longest device name kept.
NAME_LEN = 60
#: The text field that says what a record of each table is, for the conflict list.
_MAIN_TEXT = {
    "rejection": "company",
    "mourning_period": "close_note",
    "checklist_item": "title",
    "lesson": "text",
    "lesson_review": "grade",
    "checkin": "note",
    "skip_day": "reason",
    "interview": "company",
    "urge": "kind",
}


@dataclass(frozen=True)
class Setup:
    """This device after `bounce sync init`: its id, name, folder and the folder before
    (and, for a database found copied or moved, the device id it had)."""

    device: str
    name: str
    folder: Path
    moved_from: Path | None
    had_key: bool = False  # a passphrase was set before this init
    renewed: place.Renewed | None = None


#: `init`'s `key` when the passphrase setting stays as it is.
KEEP = "keep"


def default_name() -> str:
    """This computer's host name, as a device name."""
    return one_line(socket.gethostname(), NAME_LEN) or "this computer"


def init(
    conn: sqlite3.Connection,
    path: Path,
    busy: BusyPolicy,
    folder: Path,
    name: str | None,
    key: str | None = KEEP,
) -> Setup:
    """Make the sync tables, give this database a device id and name, set the folder.

    `key`: the key made from the folder's passphrase, None to forget the key (the
    file is written in plain from the next sync on), or KEEP.
    """

    def work() -> Setup:
        state.make_tables(conn)
        renewed = place.note(conn, path)  # a copy set up again gets an id of its own
        device = state.get(conn, "device") or place.new_device_id()
        kept = name if name is not None else (state.get(conn, "name") or default_name())
        before = state.get(conn, "folder")
        state.put(conn, "device", device)
        state.put(conn, "name", kept)
        state.put(conn, "folder", str(folder))
        moved = Path(before) if before is not None and Path(before) != folder else None
        if moved is not None:
            state.put(conn, "dirty", "1")  # the new folder gets this device's file next sync
            conn.execute("DELETE FROM sync_peer")
        had = state.get(conn, "key")
        if key != KEEP and key != had:
            if key is None:
                state.drop(conn, "key")
            else:
                state.put(conn, "key", key)
            state.put(conn, "dirty", "1")  # the next sync writes the file in its new form
        return Setup(device, kept, folder, moved, had is not None, renewed)

    done = transaction(conn, path, busy, work)
    if done.renewed is not None:
        place.remove_old_file(done.renewed)
    return done


def read_key_file(folder: Path) -> passphrase.KeyFile | None:
    """The folder's key file (None when there is none; KeyFileError when it is unusable)."""
    path = folder / files.KEY_FILE
    if not os.path.lexists(path):
        return None
    try:
        raw = files.read_bytes(path, 64 * 1024)
    except files.BadSyncFile as exc:
        raise passphrase.KeyFileError(str(exc)) from None
    return passphrase.parse_key_file(raw)


def write_key_file(folder: Path, key_file: passphrase.KeyFile) -> None:
    """Write the folder's key file, 0600, never over one (FileExistsError if one appeared)."""
    files.write_private(folder, files.KEY_FILE, key_file.text().encode("utf-8"), replace=False)


@dataclass(frozen=True)
class Peer:
    """Another device seen in the folder: its name and when it last wrote its file."""

    device: str
    name: str
    written_at: str | None


@dataclass(frozen=True)
class Status:
    """This device, its folder, the devices in the folder and the changes not yet written."""

    device: str
    name: str
    folder: Path
    last_sync: str | None
    last_written: str | None
    peers: list[Peer]
    pending: int
    conflicts: int
    encrypted: bool  # this device seals its file with the passphrase's key
    folder_has_key: bool  # the folder holds a key file (some device set a passphrase)
    elsewhere: bool = False  # copied or moved since it last synced: a new id comes next sync


def status(conn: sqlite3.Connection, path: Path) -> Status:
    """What `bounce sync --status` shows for the database at `path` (reads only)."""
    device, name, folder = device_of(conn)
    before = place.noted(conn)
    elsewhere = before != (None, None) and before != place.where(path)
    rows = conn.execute("SELECT device, name, written_at FROM sync_peer")
    known = {device: (name, written_at) for device, name, written_at in rows}
    peers = []
    try:
        present = files.other_files(folder, device)
    except files.BadSyncFile:
        present = {}
    for other in sorted(present):
        found = known.get(other)
        if found is None:
            peers.append(Peer(other, "(not merged yet)", None))
        else:
            peers.append(Peer(other, found[0], found[1]))
    pending = len(scan.find_changes(conn))
    (conflicts,) = conn.execute("SELECT count(*) FROM sync_conflict").fetchone()
    return Status(device, name, folder, state.get(conn, "last_sync"),
                  state.get(conn, "last_written"), peers, pending, conflicts,
                  state.get(conn, "key") is not None,
                  os.path.lexists(folder / files.KEY_FILE), elsewhere)  # fmt: skip


@dataclass(frozen=True)
class Conflict:
    """A version that lost to a concurrent one: when, what, whose, and what it said."""

    noted_at: str
    table: str
    record_id: str
    device: str
    deleted: bool
    summary: str
    #: The name of the device whose version lost, when it is known here.
    device_name: str = ""


def conflicts(conn: sqlite3.Connection) -> list[Conflict]:
    """Every version kept in the conflict list, oldest first."""
    me, my_name, _ = device_of(conn)
    names = dict(conn.execute("SELECT device, name FROM sync_peer").fetchall())
    names[me] = my_name
    found = []
    rows = conn.execute(
        "SELECT noted_at, tbl, record_id, device, deleted, row FROM sync_conflict "
        "ORDER BY noted_at, tbl, record_id"
    )
    for noted_at, table, record_id, device, deleted, row in rows:
        values = json.loads(row) if row else {}
        text = values.get(_MAIN_TEXT.get(table, ""), "") if isinstance(values, dict) else ""
        summary = "(deleted)" if deleted else one_line(str(text), 70)
        name = one_line(str(names.get(device) or ""), 40)
        found.append(Conflict(noted_at, table, record_id, device, bool(deleted), summary, name))
    return found


def current(conn: sqlite3.Connection) -> tuple[Path | None, bool]:
    """This database's sync folder (None before init) and whether a passphrase is set."""
    if not state.has_tables(conn):
        return None, False
    folder = state.get(conn, "folder")
    return (Path(folder) if folder is not None else None), state.get(conn, "key") is not None


def when(text: str | None) -> datetime | None:
    """A stored time as a datetime (None stays None)."""
    return None if text is None else datetime.fromisoformat(text)


def mark_conflicts_seen(conn: sqlite3.Connection, path: Path, busy: BusyPolicy) -> None:
    """The person has seen the conflict list: the app's strip stops counting these."""

    def work() -> None:
        (total,) = conn.execute("SELECT count(*) FROM sync_conflict").fetchone()
        state.put(conn, "conflicts_seen", str(total))

    transaction(conn, path, busy, work)
