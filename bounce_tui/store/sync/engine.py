"""One sync: stamp this device's changes, merge the other devices' files, write its own.

1. Without a lock: list the folder; read, check and validate every other
   device's file that changed (size, mtime) since it was last merged. A bad
   file is skipped whole with one line why.
2. In one BEGIN IMMEDIATE transaction: stamp the local changes (before the clock
   sees any other device's stamp), merge the files, move the clock past what
   they hold, stamp the changes the merge made (a cleared reference, a deleted
   child), remember each file's state.
3. After the commit, when anything changed since the last write: write this
   device's file (its whole state; tombstones every device has seen are left out),
   sealed with the key when a passphrase is set (`passphrase.py`).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bounce_tui import __version__
from bounce_tui.domain.hlc import Stamp, decode, encode, witness
from bounce_tui.store.cycle_pause import no_cycle_collection
from bounce_tui.store.errors import StoreError
from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.file.migrations import SCHEMA_VERSION
from bounce_tui.store.quick.connection import transaction
from bounce_tui.store.stamps import utc_text
from bounce_tui.store.sync import files, merge, own_file, passphrase, place, scan, state
from bounce_tui.store.sync.files import BadSyncFile, Remote, SyncFile
from bounce_tui.store.sync.known_lines import KnownLines
from bounce_tui.store.sync.own_file import OwnFile


class SyncNotSetUp(StoreError):
    """`bounce sync` before `bounce sync init`."""


@dataclass
class SyncReport:
    """What one sync did, for its one-line summary."""

    written: int = 0  # records in this device's file, when it was written
    wrote: bool = False
    merged: int = 0
    devices: int = 0
    conflicts: int = 0
    skipped: list[str] = field(default_factory=list)
    new_device: str | None = None  # the id this database took, found copied or moved


@dataclass
class _Loaded:
    file: SyncFile
    size_mtime: tuple[int, int]
    values: dict[tuple[str, str], dict[str, Any]]


def device_of(conn: sqlite3.Connection) -> tuple[str, str, Path]:
    """This database's device id, name and sync folder (SyncNotSetUp before init)."""
    if not state.has_tables(conn) or state.get(conn, "device") is None:
        raise SyncNotSetUp("sync is not set up for this database; run `bounce sync init DIR`")
    return (state.get(conn, "device") or "", state.get(conn, "name") or "",
            Path(state.get(conn, "folder") or "."))  # fmt: skip


def _peers(conn: sqlite3.Connection) -> dict[str, tuple[Any, ...]]:
    rows = conn.execute("SELECT device, name, size, mtime_ns, clock, seen FROM sync_peer")
    return {row[0]: row[1:] for row in rows}


def _validated(found: SyncFile, now: datetime) -> dict[tuple[str, str], dict[str, Any]]:
    """Every live record of the file held to the import's rules (BadSyncFile if one fails)."""
    from bounce_tui.store.errors import ImportRefused
    from bounce_tui.store.read import exchange

    try:
        written = datetime.fromisoformat(found.written_at)
    except ValueError:
        raise BadSyncFile("has no time written") from None
    if written.tzinfo is None:
        raise BadSyncFile("has a time written without a zone")
    # A device whose clock runs ahead writes entries "from the future": they are its
    # own, not typing mistakes, so the rules' limit runs from when it wrote the file.
    limit = max(now, min(written, datetime(2100, 1, 1, tzinfo=timezone.utc)))
    records: dict[str, list[dict[str, Any]]] = {}
    for remote in found.records:
        if remote.values is not None:
            records.setdefault(remote.table, []).append(remote.values)
    data = {"kind": exchange.EXPORT_KIND, "format": exchange.EXPORT_FORMAT, "records": records}
    try:
        checked = exchange.check_records(data, "the file", limit).records
    except ImportRefused as refused:
        more = len(refused.problems) - 1
        also = f" (and {more} more record{'s' if more != 1 else ''})" if more else ""
        raise BadSyncFile(f"breaks the entry rules: {refused.problems[0]}{also}") from None
    return {(exchange.table_name(r.model), str(r.key)): r.values for r in checked}


def _load(
    conn: sqlite3.Connection,
    folder: Path,
    device: str,
    now: datetime,
    key: str | None,
    own: OwnFile,
) -> tuple[list[_Loaded], list[str], OwnFile]:
    """The other devices' files that changed since they were merged, checked (no lock held).

    When one did, this device's own file is read whole (if it is the one last
    written): its lines are what the other files are compared with, and the
    write starts from them.
    """
    try:
        others = files.other_files(folder, device)
    except BadSyncFile as exc:
        raise StoreError(str(exc)) from None
    peers = _peers(conn)
    changed = {}
    for other, path in sorted(others.items()):
        size_mtime = files.file_state(path)
        peer = peers.get(other)
        if peer is None or size_mtime is None or (peer[1], peer[2]) != size_mtime:
            changed[other] = (path, size_mtime)
    if not changed:
        return [], [], own
    if own.written_at is not None:
        own = own_file.read(folder, device, key, own.written_at, whole=True)
    known = KnownLines(conn, own.lines)
    loaded: list[_Loaded] = []
    skipped: list[str] = []
    for other, (path, size_mtime) in changed.items():
        if size_mtime is None:
            skipped.append(f"{path.name} is not a regular file")
            continue
        try:
            found = files.parse(files.read_file(path, key), other, SCHEMA_VERSION, known)
            loaded.append(_Loaded(found, size_mtime, _validated(found, now)))
        except BadSyncFile as exc:
            skipped.append(f"{path.name} {exc}")
    return loaded, skipped, own


#: Past this many records to merge, every record's state is read at once.
_PRELOAD = 500


def sync(conn: sqlite3.Connection, path: Path, now: datetime, busy: BusyPolicy) -> SyncReport:
    """Sync this database with the folder (see the module's steps)."""
    with no_cycle_collection():
        return _sync(conn, path, now, busy)


def _sync(conn: sqlite3.Connection, path: Path, now: datetime, busy: BusyPolicy) -> SyncReport:
    device, name, folder = device_of(conn)
    if not folder.is_dir():
        raise StoreError(f"the sync folder {folder} is not there; run `bounce sync init DIR`")
    report = SyncReport()
    if place.noted(conn) != place.where(path):  # set up, copied or moved elsewhere
        renewed = transaction(conn, path, busy, lambda: place.note(conn, path))
        if renewed is not None:
            place.remove_old_file(renewed)
            device, report.new_device = renewed.new, renewed.new
    key = state.get(conn, "key")
    own = own_file.read(folder, device, key, _last_written(conn))
    loaded, report.skipped, own = _load(conn, folder, device, now, key, own)
    now_ms = int(now.timestamp() * 1000)

    def work() -> str | None:
        known = state.KnownRecords(conn)
        text = state.get(conn, "clock")
        clock: Stamp | None = decode(text) if text else None
        written = own.clock
        if written is not None and (clock is None or written > clock):
            # The database is older than its own file (a backup put back): its clock moves
            # past every stamp it gave out before, so no stamp is ever given twice.
            clock = witness(clock, written, now_ms, device)
        changes = scan.find_changes(conn)
        if len(changes) + sum(len(one.file.records) for one in loaded) > _PRELOAD:
            known.preload()
        clock, stamped = scan.stamp_changes(changes, known, clock, device, now_ms)
        known.update(stamped)
        replayed = merge.replay_changed(conn, [(c.table, c.record_id) for c in changes])
        remotes: list[tuple[Remote, dict[str, Any] | None]] = []
        for one in loaded:
            for remote in one.file.records:
                values = None
                if remote.values is not None:
                    values = one.values[(remote.table, remote.record_id)]
                remotes.append((remote, values))
            clock = witness(clock, one.file.clock, now_ms, device)
        plans, merged = merge.merge(conn, known, remotes, now)
        restamped: dict[tuple[str, str], state.Known] = {}
        derived: set[str] = set()
        if plans:
            clock, touched, derived = merge.apply(
                conn, known, plans, merged, clock or _first(device, now_ms), device, now
            )
            replayed |= touched
            known.update(merged.known)
        state.save_records(conn, {**stamped, **merged.known})
        if plans and derived:  # a cleared reference or a deleted child: changes made here
            after = scan.find_changes(conn, derived)
            clock, restamped = scan.stamp_changes(after, known, clock, device, now_ms)
            state.save_records(conn, restamped)
        state.mark_stale(conn, "lesson", replayed)
        for one in loaded:
            _remember(conn, one)
        report.merged, report.conflicts = merged.applied, merged.conflicts
        report.devices = sum(1 for one in loaded if one.file.records)
        dirty = bool(stamped or merged.known or restamped or replayed)
        dirty = dirty or state.get(conn, "dirty") == "1"
        current = own.written_at is not None and own.written_at == _last_written(conn)
        current = current and own.sealed == (key is not None)  # a passphrase set or dropped
        dirty = dirty or not current
        if clock is not None:
            state.put(conn, "clock", encode(clock))
        state.put(conn, "last_sync", utc_text(now))
        if not dirty:
            return None
        # Noted as written with the state it holds; should the write fail (or the program
        # stop before it), the next sync finds the file is not this one and writes it.
        state.put(conn, "dirty", "0")
        state.put(conn, "last_written", utc_text(now))
        previous = own.lines
        if current and previous is None:
            previous = own_file.read(folder, device, key, own.written_at, whole=True).lines
        return _document(conn, device, name, folder, clock, now, report,
                         previous if current else None)  # fmt: skip

    text = transaction(conn, path, busy, work)
    if text is not None:
        data = text.encode("utf-8")
        if key is not None:
            data = passphrase.seal(key, data, now)
        try:
            files.write_file(folder, device, data)
        except OSError as exc:
            transaction(conn, path, busy, lambda: state.put(conn, "dirty", "1"))
            raise StoreError(f"could not write the sync file in {folder}: {exc.strerror}") from None
        report.wrote = True
    return report


def _last_written(conn: sqlite3.Connection) -> str | None:
    """When this database last wrote its file; None when that write may not have happened."""
    return None if state.get(conn, "dirty") == "1" else state.get(conn, "last_written")


def _first(device: str, now_ms: int) -> Stamp:
    return Stamp(max(0, now_ms), 0, device)


def _remember(conn: sqlite3.Connection, one: _Loaded) -> None:
    found = one.file
    conn.execute(
        "INSERT INTO sync_peer (device, name, file, size, mtime_ns, written_at, clock, seen) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device) DO UPDATE SET name = excluded.name,"
        " file = excluded.file, size = excluded.size, mtime_ns = excluded.mtime_ns, "
        "written_at = excluded.written_at, clock = excluded.clock, seen = excluded.seen",
        (
            found.device,
            found.name,
            files.file_name(found.device),
            *one.size_mtime,
            found.written_at,
            encode(found.clock),
            json.dumps(found.seen),
        ),  # fmt: skip
    )


def _document(
    conn: sqlite3.Connection,
    device: str,
    name: str,
    folder: Path,
    clock: Stamp | None,
    now: datetime,
    report: SyncReport,
    previous: list[str] | None,
) -> str:
    """This device's whole state as its sync file holds it (`own_file.records_text`:
    the lines of records that did not change since the last write come from `previous`).

    A tombstone is left out once every device in the folder has read a file of
    ours holding it.
    """
    peers = _peers(conn)
    present = files.other_files(folder, device)
    seen_me = [json.loads(peers[d][4]).get(device) if d in peers else None for d in present]

    def kept(since: str) -> bool:
        return not (seen_me and all(s is not None and s >= since for s in seen_me))

    lines, report.written = own_file.records_text(conn, previous, kept)
    header = {
        "kind": files.SYNC_KIND,
        "format": files.SYNC_FORMAT,
        "schema": SCHEMA_VERSION,
        "app_version": __version__,
        "device": device,
        "name": name,
        "written_at": utc_text(now),
        "clock": encode(clock) if clock is not None else encode(_first(device, 0)),
        "seen": {d: p[3] for d, p in peers.items() if p[3]},
    }
    return files.file_text(header, lines, commas=True)
