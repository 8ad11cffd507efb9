"""Simulated devices for the sync tests: a database each, its own clock, one shared folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.quick.connection import opened
from bounce_tui.store.repository import Store
from bounce_tui.store.sync import engine, passphrase, setup
from bounce_tui.store.sync.engine import SyncReport
from bounce_tui.store.sync.state import SYNCED
from tests.conftest import BERLIN, Clock


class Device:
    """One computer: a bounce database with its own clock, synced through `folder`."""

    def __init__(self, base: Path, name: str, folder: Path, start: datetime) -> None:
        self.path = base / f"{name}.db"
        self.clock = Clock(start)
        self.store = Store(self.path, now=self.clock, tz=BERLIN, template=list)
        self.folder = folder
        with opened(self.path, BusyPolicy()) as conn:
            assert conn is not None
            self.device = setup.init(conn, self.path, BusyPolicy(), folder, name).device

    def sync(self) -> SyncReport:
        """Sync now (by this device's clock)."""
        with opened(self.path, BusyPolicy()) as conn:
            assert conn is not None
            return engine.sync(conn, self.path, self.clock(), BusyPolicy())

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
            return setup.status(conn)

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        """The synced tables, as an export holds them, sorted by id (for comparing devices)."""
        data = self.store.files.export_data()["records"]
        return {table: sorted(data[table], key=lambda row: row["id"]) for table in SYNCED}

    def close(self) -> None:
        self.store.close()

    def reopen(self) -> None:
        """Open the database again (after its file was replaced)."""
        self.store = Store(self.path, now=self.clock, tz=BERLIN, template=list)
