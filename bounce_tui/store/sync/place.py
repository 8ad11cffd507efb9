"""Where a database lives, so that a copy of it never syncs as the device it came from.

Two databases under one device id would both give out stamps as that device
and write its one file in turn, each undoing the other. So `sync init` and each
sync note where the database is: a digest of the computer's machine id
(`/etc/machine-id`, else `/var/lib/dbus/machine-id`, else the host name) and the
file's resolved path. A database found somewhere else was copied or moved: it
takes a new device id (its name, its records' stamps and its clock's time stay)
and writes a file of its own. The old id's file is removed when this database
wrote it last and nothing is left where the database was on this computer (it
was moved); otherwise it is the original's, which goes on writing it. A database
put back from a backup at the same path stays the same device.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from bounce_tui.domain.hlc import Stamp, decode, encode
from bounce_tui.store.sync import files, own_file, state

_MACHINE_ID_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


def new_device_id() -> str:
    """A fresh device id (12 hex digits)."""
    return uuid.uuid4().hex[:12]


def machine() -> str:
    """This computer, as a digest of its machine id (or, without one, its host name)."""
    found = ""
    for path in _MACHINE_ID_FILES:
        try:
            with open(path, "rb") as fh:
                found = fh.read(256).decode("ascii", "replace").strip()
        except OSError:
            continue
        if found:
            break
    source = f"machine-id:{found}" if found else f"host:{socket.gethostname()}"
    return hashlib.sha256(f"bounce-sync\0{source}".encode("utf-8", "replace")).hexdigest()[:32]


def where(path: Path) -> tuple[str, str]:
    """(machine digest, resolved path) of the database at `path`."""
    return machine(), os.path.realpath(path)


def noted(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    """Where the database was when it last synced (None, None before it was noted)."""
    return state.get(conn, "place_machine"), state.get(conn, "place_path")


@dataclass(frozen=True)
class Renewed:
    """A database found elsewhere: its old and new device ids, and its old file to remove."""

    old: str
    new: str
    folder: Path
    remove_old_file: bool


def note(conn: sqlite3.Connection, path: Path) -> Renewed | None:
    """Note where the database is (inside the caller's transaction); when it was noted
    somewhere else, give it a new device id and say so."""
    here = where(path)
    before = noted(conn)
    if before == here:
        return None
    state.put(conn, "place_machine", here[0])
    state.put(conn, "place_path", here[1])
    old = state.get(conn, "device")
    if before == (None, None) or old is None:  # set up before places were noted
        return None
    new = new_device_id()
    state.put(conn, "device", new)
    text = state.get(conn, "clock")
    if text:  # the clock goes on from where it was, as the new device
        clock = decode(text)
        state.put(conn, "clock", encode(Stamp(clock.wall_ms, clock.counter, new)))
    folder = Path(state.get(conn, "folder") or ".")
    last_written = None if state.get(conn, "dirty") == "1" else state.get(conn, "last_written")
    state.put(conn, "dirty", "1")  # the new id's file is written at the next sync
    ours = own_file.read(folder, old, state.get(conn, "key"), last_written).written_at is not None
    # Removed only when it was moved on this computer (nothing is left at the old path):
    # from another computer it may be a copy while the original still syncs, and a
    # missing file lets the others drop deletions the original has not seen yet.
    moved_here = before[0] == here[0] and before[1] is not None and not os.path.lexists(before[1])
    return Renewed(old, new, folder, ours and moved_here)


def remove_old_file(renewed: Renewed) -> None:
    """After the commit: remove the old id's file when it was this database's alone."""
    if renewed.remove_old_file:
        with contextlib.suppress(OSError):  # gone already, or the folder refuses: it stays
            (renewed.folder / files.file_name(renewed.old)).unlink()
