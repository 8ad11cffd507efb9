"""Whole-file use cases: exports, merging an import, backups, row counts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import col, func, select

from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.import_entries import ImportedCheckin, ImportedLesson
from bounce_tui.store.clock import Clock
from bounce_tui.store.errors import ImportFormatError, StoreError, translate
from bounce_tui.store.file import backup, identity
from bounce_tui.store.file.database import Database
from bounce_tui.store.models import TABLES, Setting, table_name
from bounce_tui.store.read import (
    exchange,
    export_journal,
    export_since,
    export_text,
    foreign_records,
)
from bounce_tui.store.read.search import purge_deleted_terms
from bounce_tui.store.read.status import build_status


class FileCases:
    """Everything at once: export it, merge an export into it, copy it, count it."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def counts(self) -> dict[str, int]:
        """Rows per table (the database's own id is not an entry and is not counted)."""
        with self.db.reading() as session:
            found = {}
            for model in TABLES:
                query = select(func.count()).select_from(model)
                if model is Setting:
                    query = query.where(col(Setting.key) != identity.DATABASE_ID_KEY)
                found[table_name(model)] = session.exec(query).one()
            return found

    def export_data(self) -> dict[str, Any]:
        """Every row, as a JSON-ready bounce export."""
        with self.db.reading() as session:
            return exchange.export_records(session, self.clock.now())

    def export_text(self, fmt: str, since: date | None = None) -> str:
        """The export in `fmt`: "json", "csv" (a timeline) or "md" (a journal).

        With `since`, only the entries from that local day on (`export_since`).
        """
        tz = self.clock.tz
        cut = None if since is None else export_since.since_day(since, tz)
        if fmt == "json":
            data = self.export_data()
            if cut is not None:
                data = export_since.records_since(data, cut)
            return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        with self.db.reading() as session:
            if fmt == "csv":
                return export_text.timeline_csv(session, tz, cut)
            if fmt == "md":
                status = build_status(session, self.clock.now(), tz)
                return export_journal.journal_markdown(session, status, tz, cut)
        raise DomainError("format must be json, csv or md")

    def import_data(
        self, data: dict[str, Any], checked: exchange.CheckedExport | None = None
    ) -> exchange.ImportCounts:
        """Merge a JSON export by UUID, all or nothing.

        `checked` is `exchange.check_records(data, ...)` when the caller already ran it.
        """
        try:
            with self.db.writing() as session:
                counts = exchange.import_records(session, data, self.clock.now(), checked)
                if counts.updated.get("lesson"):
                    purge_deleted_terms(session)
                return counts
        except StoreError as exc:
            if type(exc) is StoreError:
                raise ImportFormatError(f"the import was refused: {exc}") from None
            raise

    def import_entries(
        self,
        entries: Sequence[ImportedCheckin] | Sequence[ImportedLesson],
        *,
        where: str,
        category: str = "interview",
    ) -> exchange.ImportCounts:
        """Merge entries from another tool (Daylio, jrnl) the way an export is merged.

        Their local times are read in this store's zone; their ids come from their
        content, so merging the same entries again adds nothing.
        """
        data = foreign_records.as_export(
            entries, tz=self.clock.tz, now=self.clock.now(), where=where, category=category
        )
        return self.import_data(data)

    def backup(self, dest: Path | None = None, *, force: bool = False) -> Path:
        """A consistent, checked copy: to `dest`, or into the rotating backups folder."""
        path = self.db.path
        try:
            if dest is None:
                return backup.take_backup(path, backup.MANUAL, self.clock.now())
            return backup.copy_database(path, Path(dest), force=force)
        except (backup.BackupFailed, FileExistsError) as exc:
            raise StoreError(str(exc)) from None
        except OSError as exc:
            raise translate(exc, dest or path) from None

    def daily_backup(self) -> Path | None:
        """The start-of-day backup: taken when none was taken today (UTC), else None."""
        return backup.daily_backup(self.db.path, self.clock.now())
