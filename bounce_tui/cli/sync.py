"""`bounce sync`: set up sync through a shared folder, sync, and show its state.

`bounce sync init DIR [--name NAME] [--passphrase | --no-passphrase]`, `bounce
sync`, `bounce sync --status` and `bounce sync --conflicts` (the passphrase:
`sync_passphrase.py`). Shares `cli.py`'s helpers (one line per mistake, exit
2, nothing written). The live database stays where it is: only the sync files
(one per device) go in the shared folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from bounce_tui.cli.common import (
    UsageError,
    database_path,
    reading_path,
    say,
    shown_path,
    utc_now,
)

if TYPE_CHECKING:
    import sqlite3

__all__ = ["cmd_sync"]

_RENEWED = "this database was copied or moved: it now syncs as a new device ({})."


def cmd_sync(args: argparse.Namespace) -> int:
    """Run the sync command the arguments name."""
    if args.action is None and args.folder is not None:
        raise UsageError(
            f"unknown sync action {shown_path(args.folder)}; did you mean `sync init`?"
        )
    if args.action == "init":
        if args.status or args.conflicts:
            raise UsageError("sync init takes a folder, --name and --passphrase only")
        return _init(args)
    if args.name is not None:
        raise UsageError("--name goes with `bounce sync init DIR`")
    if args.passphrase or args.no_passphrase:
        raise UsageError("--passphrase goes with `bounce sync init DIR` (once on each computer)")
    if args.status and args.conflicts:
        raise UsageError("give --status or --conflicts, not both")
    if args.status:
        return _status(args)
    if args.conflicts:
        return _conflicts(args)
    return _sync(args)


@contextmanager
def _connection(path: Path, *, create: bool) -> Iterator[sqlite3.Connection]:
    from bounce_tui.store.file.engine import BusyPolicy
    from bounce_tui.store.quick.connection import opened

    with opened(path, BusyPolicy()) as conn:
        if conn is not None:
            yield conn
            return
    if not create and not os.path.lexists(path):
        raise UsageError(f"there is no bounce database at {path} yet; nothing was created")
    from bounce_tui.store.repository import Store

    Store(path).close()  # creates the file, or brings an older one up to date
    with opened(path, BusyPolicy()) as conn:
        if conn is None:  # pragma: no cover - the store just made it current
            raise UsageError(f"{path} could not be opened")
        yield conn


def _current(path: Path) -> tuple[Path | None, bool]:
    """This database's sync folder so far and whether it has a key (nothing is created)."""
    from bounce_tui.store.file.engine import BusyPolicy
    from bounce_tui.store.quick.connection import opened
    from bounce_tui.store.sync import setup

    with opened(path, BusyPolicy()) as conn:
        return (None, False) if conn is None else setup.current(conn)


def _init(args: argparse.Namespace) -> int:
    from bounce_tui.cli import sync_passphrase
    from bounce_tui.domain.text import one_line
    from bounce_tui.store.file.engine import BusyPolicy
    from bounce_tui.store.sync import setup

    if args.folder is None:
        raise UsageError("name the shared folder: bounce sync init DIR")
    folder = Path(args.folder).expanduser()
    if not folder.exists():
        raise UsageError(
            f"there is no folder {shown_path(folder)}; create it first (nothing was set up)"
        )
    if not folder.is_dir():
        raise UsageError(f"{shown_path(folder)} is not a folder (nothing was set up)")
    name = None
    if args.name is not None:
        name = one_line(args.name, setup.NAME_LEN)
        if not name:
            raise UsageError("the device name is empty")
    path = database_path(args)
    folder = folder.resolve()
    choice = sync_passphrase.choose_key(args, folder, *_current(path))
    with _connection(path, create=True) as conn:
        sync_passphrase.write_new_key_file(folder, choice)
        done = setup.init(conn, path, BusyPolicy(), folder, name, choice.key)
    if done.renewed is not None:
        say(_RENEWED.format(done.device))
    if done.moved_from is not None:
        say(f"sync moved from {shown_path(done.moved_from)} to {shown_path(done.folder)}.")
    say(f"this device is {done.device} ({one_line(done.name, 60)}), syncing through "
         f"{shown_path(done.folder)}. Run `bounce sync` to sync now.")  # fmt: skip
    for line in sync_passphrase.said_after(choice, done.had_key, folder):
        say(line)
    return 0


def _sync(args: argparse.Namespace) -> int:
    from bounce_tui.store.file.engine import BusyPolicy
    from bounce_tui.store.sync import engine

    path = reading_path(args)
    with _connection(path, create=False) as conn:
        report = engine.sync(conn, path, utc_now(), BusyPolicy())
    if report.new_device is not None:
        say(_RENEWED.format(report.new_device))
    for line in report.skipped:
        sys.stderr.write(f"bounce: skipped {shown_path(line)}\n")
    wrote = f"written {report.written}" if report.wrote else "nothing new to write"
    devices = f"{report.devices} device{'s' if report.devices != 1 else ''}"
    parts = [wrote, f"merged {report.merged} from {devices}", f"conflicts {report.conflicts}"]
    if report.skipped:
        parts.append(f"skipped {len(report.skipped)} file{'s' if len(report.skipped) != 1 else ''}")
    say("synced: " + ", ".join(parts) + ".")
    return 0


def _when(text: str | None) -> str:
    from datetime import datetime

    from bounce_tui.domain.dates import local_time

    if not text:
        return "never"
    try:
        return local_time(datetime.fromisoformat(text)).strftime("%a %d %b %Y %H:%M")
    except ValueError:
        return "unknown"


def _status(args: argparse.Namespace) -> int:
    from bounce_tui.domain.text import one_line
    from bounce_tui.store.sync import setup

    path = reading_path(args)
    with _connection(path, create=False) as conn:
        found = setup.status(conn, path)
    say(f"this device: {found.device} ({one_line(found.name, 60)})")
    if found.elsewhere:
        say("this database was copied or moved: its next sync gives it a new device id")
    say(f"folder: {shown_path(found.folder)}")
    say(f"last sync: {_when(found.last_sync)}; file last written: {_when(found.last_written)}")
    if found.encrypted:
        say("files: encrypted with the passphrase")
    elif found.folder_has_key:
        say("files: not encrypted here, but the folder has a passphrase: run "
             f"`bounce sync init {shown_path(found.folder)} --passphrase`")  # fmt: skip
    else:
        say("files: not encrypted")
    if not found.peers:
        say("no other device in the folder yet")
    for peer in found.peers:
        say(f"  {peer.device}  {one_line(peer.name, 40)}  wrote {_when(peer.written_at)}")
    say(f"changes not yet written: {found.pending}; conflicts: {found.conflicts}")
    return 0


def _conflicts(args: argparse.Namespace) -> int:
    from bounce_tui.store.file.engine import BusyPolicy
    from bounce_tui.store.sync import setup

    path = reading_path(args)
    with _connection(path, create=False) as conn:
        found = setup.conflicts(conn)
        if found:  # the app's strip counts only the ones not looked at yet
            setup.mark_conflicts_seen(conn, path, BusyPolicy())
    if not found:
        say("no conflicts")
        return 0
    for one in found:
        table = one.table.replace("_", " ")
        whose = one.device_name or one.device
        say(f"{_when(one.noted_at)}  {table} {one.record_id[:8]}: lost on {whose}: {one.summary}")
    return 0
