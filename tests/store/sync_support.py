"""Simulated devices for the sync tests: a database each, its own clock, one shared folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.quick.connection import opened
from bounce_tui.store.repository import Store
from bounce_tui.store.sync import engine, setup
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
