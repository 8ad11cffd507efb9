"""Simulated devices for the sync tests: a database each, its own clock, one shared folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.quick.connection import opened
from bounce_tui.store.repository import Store
from bounce_tui.store.sync import engine, own_file, passphrase, setup, state
from bounce_tui.store.sync.engine import SyncReport
from bounce_tui.store.sync.files import body_lines, file_name, read_file
from bounce_tui.store.sync.state import SYNCED
from tests.conftest import BERLIN, Clock


class Device:
    """One computer: a bounce database with its own clock, synced through `folder`."""

    def __init__(
        self, base: Path, name: str, folder: Path, start: datetime, *, set_up: bool = True
    ) -> None:
        self.path = base / f"{name}.db"
        self.clock = Clock(start)
        self.store = Store(self.path, now=self.clock, tz=BERLIN, template=list)
        self.folder = folder
        self.device = ""
        if set_up:  # else the database at the path was set up before (a copy)
            with opened(self.path, BusyPolicy()) as conn:
                assert conn is not None
                self.device = setup.init(conn, self.path, BusyPolicy(), folder, name).device

    def sync(self) -> SyncReport:
        """Sync now (by this device's clock)."""
        with opened(self.path, BusyPolicy()) as conn:
            assert conn is not None
            report = engine.sync(conn, self.path, self.clock(), BusyPolicy())
            self.device = engine.device_of(conn)[0]
            return report

    def set_key(self, key: str | None) -> None:
        """Keep `key` as this device's key (None: forget it), as `sync init` does."""
        with opened(self.path, BusyPolicy()) as conn:
            assert conn is not None
            setup.init(conn, self.path, BusyPolicy(), self.folder, None, key)

    def use_passphrase(self, secret: str) -> str:
        """`sync init --passphrase`: the folder's key file made or opened (WrongPassphrase)."""
        found = setup.read_key_file(self.folder)
        if found is None:
            found, key = passphrase.new_key_file(secret, self.clock())
            setup.write_key_file(self.folder, found)
        else:
            key = passphrase.open_key(secret, found)
        self.set_key(key)
        return key

    def conflicts(self) -> list[setup.Conflict]:
        with opened(self.path, BusyPolicy()) as conn:
            assert conn is not None
            return setup.conflicts(conn)

    def status(self) -> setup.Status:
        with opened(self.path, BusyPolicy()) as conn:
            assert conn is not None
            return setup.status(conn, self.path)

    def file_is_made_whole(self) -> bool:
        """True when this device's file holds, line for line, what writing it whole from
        the database would (its live records; tombstones come after them)."""
        with opened(self.path, BusyPolicy()) as conn:
            assert conn is not None
            whole = own_file.made_lines(conn, None)
            key = state.get(conn, "key")
        text = read_file(self.folder / file_name(self.device), key)  # sealed ones opened
        lines = [line.removesuffix(",") for line in body_lines(text)]
        return lines[: len(whole)] == whole and all(
            line.endswith(',"_deleted":true}') for line in lines[len(whole) :]
        )

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        """The synced tables, as an export holds them, sorted by id (for comparing devices)."""
        data = self.store.files.export_data()["records"]
        return {table: sorted(data[table], key=lambda row: row["id"]) for table in SYNCED}

    def close(self) -> None:
        self.store.close()

    def reopen(self) -> None:
        """Open the database again (after its file was replaced)."""
        self.store = Store(self.path, now=self.clock, tz=BERLIN, template=list)
