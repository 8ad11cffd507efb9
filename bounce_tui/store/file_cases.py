"""Use cases over the whole file: settings, status, export, import, backup."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlmodel import col, func, select

from bounce_tui.domain.dates import to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.snapshot import MainSnapshot
from bounce_tui.store import backup, exchange, export_text
from bounce_tui.store.base import StoreBase
from bounce_tui.store.errors import ImportFormatError, StoreError, translate
from bounce_tui.store.models import (
    Setting,
)
from bounce_tui.store.reports import Status, build_status
from bounce_tui.store.search import purge_deleted_terms
from bounce_tui.store.snapshot_query import load_main_snapshot


class FileCases(StoreBase):
    """Use cases over the whole file: settings, status, export, import, backup."""

    # -- settings ------------------------------------------------------------------

    def settings(self, prefix: str = "") -> dict[str, str]:
        """Settings whose key starts with `prefix`."""
        with self.reading() as session:
            rows = session.exec(select(Setting).where(col(Setting.key).startswith(prefix)))
            return {row.key: row.value for row in rows}

    def set_setting(self, key: str, value: str) -> None:
        """Create or change one setting."""
        moment = to_utc(self.now())
        with self.writing() as session:
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=value, created_at=moment, updated_at=moment))
            else:
                row.value = value
                row.updated_at = moment

    # -- whole-file operations -------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        from bounce_tui.store.models import TABLES

        with self.reading() as session:
            return {
                model.__tablename__: session.exec(select(func.count()).select_from(model)).one()
                for model in TABLES
            }

    def main_snapshot(self) -> MainSnapshot:
        """Everything the main screen shows, read in one transaction."""
        with self.reading() as session:
            snapshot = load_main_snapshot(session, self.now(), self.tz)
        interviews = tuple(self.upcoming_interviews())  # type: ignore[attr-defined]
        gentle = self.gentle_prompt_due()  # type: ignore[attr-defined]
        return replace(snapshot, interviews=interviews, gentle_prompt=gentle)

    def status(self) -> Status:
        """The headline figures (today's check-in, streak, timers, items, lessons due)."""
        with self.reading() as session:
            return build_status(session, self.now(), self.tz)

    def export_data(self) -> dict[str, Any]:
        """Every row, as a JSON-ready bounce export."""
        with self.reading() as session:
            return exchange.export_records(session, to_utc(self.now()))

    def export_text(self, fmt: str) -> str:
        """The export in `fmt`: "json", "csv" (a timeline) or "md" (a journal)."""
        if fmt == "json":
            return json.dumps(self.export_data(), ensure_ascii=False, indent=1) + "\n"
        with self.reading() as session:
            if fmt == "csv":
                return export_text.timeline_csv(session, self.tz)
            if fmt == "md":
                status = build_status(session, self.now(), self.tz)
                return export_text.journal_markdown(session, status, self.tz)
        raise DomainError("format must be json, csv or md")

    def import_data(self, data: dict[str, Any]) -> exchange.ImportCounts:
        """Merge a JSON export by UUID, all or nothing."""
        try:
            with self.writing() as session:
                counts = exchange.import_records(session, data)
                if counts.updated.get("lesson"):
                    purge_deleted_terms(session)
                return counts
        except StoreError as exc:
            if type(exc) is StoreError:
                raise ImportFormatError(f"the import was refused: {exc}") from None
            raise

    def backup(self, dest: Path | None = None, *, force: bool = False) -> Path:
        """A consistent, checked copy: to `dest`, or into the rotating backups folder."""
        try:
            if dest is None:
                return backup.take_backup(self.path, "manual", self.now())
            return backup.copy_database(self.path, Path(dest), force=force)
        except backup.BackupFailed as exc:
            raise StoreError(str(exc)) from None
        except FileExistsError as exc:
            raise StoreError(str(exc)) from None
        except OSError as exc:
            raise translate(exc, dest or self.path) from None

    def daily_backup(self) -> Path | None:
        """The start-of-day backup: taken when none was taken today (UTC), else None."""
        now = self.now()
        if backup.latest_backup_on(self.path, now) is not None:
            return None
        try:
            return backup.take_backup(self.path, "daily", now)
        except backup.BackupFailed as exc:
            raise StoreError(str(exc)) from None
        except OSError as exc:
            raise translate(exc, self.path) from None
