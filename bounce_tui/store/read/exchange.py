"""Export to JSON and import it back, merged by UUID.

The JSON export holds every row of every table, with timestamps as ISO-8601 UTC
text, so an export imported into an empty database exports again identically.
Importing merges: a row whose id is new is added, a row whose `updated_at` is
newer than ours replaces ours, anything else is left alone, so importing the
same file twice adds nothing. An import is one transaction: all or nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, SQLModel, col, select

from bounce_tui import __version__
from bounce_tui.domain.errors import DomainError
from bounce_tui.store.errors import ImportFormatError
from bounce_tui.store.file.migrations import SCHEMA_VERSION
from bounce_tui.store.models import TABLES, Setting, SkipDay, table_name

EXPORT_KIND = "bounce-export"
EXPORT_FORMAT = 1
MAX_IMPORT_BYTES = 512 * 1024 * 1024


@dataclass
class ImportCounts:
    """How an import changed the database, per table."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def row_dict(row: SQLModel) -> dict[str, Any]:
    """A row as JSON-ready values, in column order."""
    table = type(row).__table__  # type: ignore[attr-defined]
    return {column.name: _plain(getattr(row, column.name)) for column in table.columns}


def export_records(session: Session, exported_at: datetime) -> dict[str, Any]:
    """Every row of every table, ready for `json.dumps`."""
    records: dict[str, list[dict[str, Any]]] = {}
    for model in TABLES:
        key = model.__table__.primary_key.columns.values()[0]  # type: ignore[attr-defined]
        order = (col(model.created_at), key)  # type: ignore[attr-defined]
        records[table_name(model)] = [
            row_dict(row) for row in session.exec(select(model).order_by(*order))
        ]
    return {
        "kind": EXPORT_KIND,
        "format": EXPORT_FORMAT,
        "schema": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": _plain(exported_at),
        "records": records,
    }


def read_export_file(path: Path) -> dict[str, Any]:
    """Load and check the outer shape of an export file."""
    try:
        if path.is_dir():
            raise ImportFormatError(f"{path} is a directory, not an export file")
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise ImportFormatError(f"{path} is too large to be a bounce export")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportFormatError(f"{path} does not exist") from None
    except UnicodeDecodeError:
        raise ImportFormatError(
            f"{path} is not UTF-8 text; expected a bounce JSON export"
        ) from None
    except OSError as exc:
        raise ImportFormatError(f"{path} cannot be read: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    check_export_shape(data, str(path))
    return data


def check_export_shape(data: Any, where: str) -> None:
    """Refuse anything that is not a bounce export this version understands."""
    if not isinstance(data, dict) or data.get("kind") != EXPORT_KIND:
        raise ImportFormatError(f"{where} is not a bounce export")
    if data.get("format") != EXPORT_FORMAT:
        raise ImportFormatError(f"{where} uses export format {data.get('format')!r}; expected 1")
    records = data.get("records")
    if not isinstance(records, dict):
        raise ImportFormatError(f"{where} has no records")
    known = {table_name(model) for model in TABLES}
    for name, rows in records.items():
        if name not in known:
            raise ImportFormatError(f"{where} has an unknown table {name!r}")
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ImportFormatError(f"{where}: {name} must be a list of objects")


def _rules() -> dict[str, dict[str, Callable[[Any], Any]]]:
    """The domain rules each imported column must pass (the same ones entry uses)."""
    from bounce_tui.domain import checkins, checklist, lessons, mourning

    return {
        "rejection": {"stage": mourning.validate_stage, "channel": mourning.validate_channel},
        "mourning_period": {"days": mourning.validate_days},
        "checklist_item": {"kind": checklist.validate_kind},
        "lesson": {"category": lessons.validate_category},
        "lesson_review": {"grade": lessons.parse_grade},
        "checkin": {"mood": checkins.validate_mood, "energy": checkins.validate_energy},
    }


def check_records(data: dict[str, Any], where: str) -> None:
    """Check every row of an export without a database: types, time zones, domain rules."""
    check_export_shape(data, where)
    for model in TABLES:
        name = table_name(model)
        for number, raw in enumerate(data["records"].get(name, []), start=1):
            _validated(model, raw, f"{where}: {name} #{number}")


def import_records(session: Session, data: dict[str, Any]) -> ImportCounts:
    """Merge an export into the database (inside the caller's transaction)."""
    check_export_shape(data, "the import")
    counts = ImportCounts()
    for model in TABLES:
        name = table_name(model)
        for number, raw in enumerate(data["records"].get(name, []), start=1):
            incoming = _validated(model, raw, f"{name} #{number}")
            outcome = _merge(session, model, incoming)
            if outcome == "added":
                counts.added[name] = counts.added.get(name, 0) + 1
            elif outcome == "updated":
                counts.updated[name] = counts.updated.get(name, 0) + 1
            else:
                counts.unchanged += 1
        session.flush()
    return counts


def _validated(model: type[SQLModel], raw: dict[str, Any], where: str) -> SQLModel:
    columns = {c.name for c in model.__table__.columns}  # type: ignore[attr-defined]
    unknown = set(raw) - columns
    if unknown:
        raise ImportFormatError(f"{where} has unknown fields: {', '.join(sorted(unknown))}")
    try:
        row = model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(p) for p in first.get("loc", ()))
        raise ImportFormatError(f"{where}: {place or 'row'}: {first.get('msg')}") from None
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        value = getattr(row, column.name)
        for text in _strings(value):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise ImportFormatError(
                    f"{where}: {column.name} holds characters that cannot be stored"
                ) from None
        if isinstance(value, datetime) and value.tzinfo is None:
            raise ImportFormatError(f"{where}: {column.name} has no time zone")
        if value is None and not column.nullable:
            raise ImportFormatError(f"{where}: {column.name} is missing")
    for column_name, rule in _rules().get(table_name(model), {}).items():
        try:
            rule(getattr(row, column_name))
        except DomainError as exc:
            raise ImportFormatError(f"{where}: {exc}") from None
    return row


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    if isinstance(value, dict):
        return [v for v in [*value.keys(), *value.values()] if isinstance(v, str)]
    return []


def _merge(session: Session, model: type[SQLModel], incoming: SQLModel) -> str:
    key = "key" if model is Setting else "id"
    existing = session.get(model, getattr(incoming, key))
    if existing is None:
        if (
            model is SkipDay
            and session.exec(
                select(SkipDay).where(SkipDay.day == incoming.day)  # type: ignore[attr-defined]
            ).first()
        ):
            return "unchanged"
        session.add(incoming)
        return "added"
    if incoming.updated_at > existing.updated_at:  # type: ignore[attr-defined]
        for column in model.__table__.columns:  # type: ignore[attr-defined]
            setattr(existing, column.name, getattr(incoming, column.name))
        return "updated"
    return "unchanged"
