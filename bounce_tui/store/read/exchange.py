"""Export to JSON and import it back, merged by UUID.

The JSON export holds every row of every table, with timestamps as ISO-8601 UTC
text, so an export imported into an empty database exports again identically.
Importing merges: a row whose id is new is added, a row whose `updated_at` is
newer than ours replaces ours, anything else is left alone, so importing the
same file twice adds nothing. Every record is first held to the rules the entry
commands apply (`import_rules`); one refused record refuses the whole import,
which is one transaction: all or nothing.
"""

from __future__ import annotations

import functools
import json
import math
import os
import stat
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, SQLModel, col, select

from bounce_tui import __version__
from bounce_tui.domain.text import one_line, visible
from bounce_tui.store.cycle_pause import no_cycle_collection
from bounce_tui.store.errors import ImportFormatError, ImportRefused, StoreError
from bounce_tui.store.file.bounded_read import read_at_most
from bounce_tui.store.file.identity import DATABASE_ID_KEY
from bounce_tui.store.file.migrations import SCHEMA_VERSION
from bounce_tui.store.models import TABLES, Setting, table_name
from bounce_tui.store.read import import_rules as rules
from bounce_tui.store.read.import_merge import ImportCounts as ImportCounts
from bounce_tui.store.read.import_merge import Record as Record
from bounce_tui.store.read.import_merge import merge_records
from bounce_tui.store.read.import_values import plain_values

EXPORT_KIND = "bounce-export"
EXPORT_FORMAT = 1
MAX_IMPORT_BYTES = 512 * 1024 * 1024


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
    """Every row of every table, ready for `json.dumps`.

    A number JSON cannot hold (NaN, Infinity: only an old import could have
    stored one) is refused with the record it is in, rather than written out.
    """
    records: dict[str, list[dict[str, Any]]] = {}
    for model in TABLES:
        key = model.__table__.primary_key.columns.values()[0]  # type: ignore[attr-defined]
        order = (col(model.created_at), key)  # type: ignore[attr-defined]
        query = select(model).order_by(*order)
        if model is Setting:  # the database's own id stays with it (store/file/identity.py)
            query = query.where(col(Setting.key) != DATABASE_ID_KEY)
        rows = [row_dict(row) for row in session.exec(query)]
        for number, values in enumerate(rows, start=1):
            bad = next((name for name, value in values.items() if not _finite(value)), None)
            if bad is not None:
                label = rules.record_label(table_name(model), number, values)
                raise StoreError(
                    f"{label}: {bad} holds a number that cannot be exported; "
                    "delete or correct that entry, then export again"
                )
        records[table_name(model)] = rows
    return {
        "kind": EXPORT_KIND,
        "format": EXPORT_FORMAT,
        "schema": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": _plain(exported_at),
        "records": records,
    }


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


def read_export_file(path: Path) -> dict[str, Any]:
    """Load and check the outer shape of an export file.

    Only a regular file is read (a FIFO, a device or a folder is refused before
    reading), and never more than MAX_IMPORT_BYTES + 1 bytes of it.
    """
    shown = visible(str(path))
    try:
        text = read_bounded(path, shown).decode("utf-8")
    except UnicodeDecodeError:
        raise ImportFormatError(
            f"{shown} is not UTF-8 text; expected a bounce JSON export"
        ) from None
    data = load_json_text(text, shown)
    check_export_shape(data, shown)
    return data


def load_json_text(text: str, shown: str) -> Any:
    """The JSON value of a file's text; ImportFormatError naming the line when it is not JSON."""
    try:
        # NaN and Infinity are parsed, so that the record holding one is named later.
        with no_cycle_collection():
            return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            f"{shown} is not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise ImportFormatError(f"{shown} is nested too deep to be a bounce export") from None


def read_bounded(path: Path, shown: str) -> bytes:
    """The bytes of a regular file, at most MAX_IMPORT_BYTES (ImportFormatError otherwise)."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise ImportFormatError(f"{shown} is a directory, not an export file")
        if not stat.S_ISREG(mode):
            raise ImportFormatError(f"{shown} is not a regular file (a device, FIFO or socket)")
        # O_NONBLOCK: should the path be swapped for a FIFO now, opening does not wait.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ImportFormatError(f"{shown} does not exist") from None
    except OSError as exc:
        raise ImportFormatError(f"{shown} cannot be read: {exc.strerror or exc}") from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise ImportFormatError(f"{shown} is not a regular file (a device, FIFO or socket)")
        if opened.st_size > MAX_IMPORT_BYTES:  # the read below is bounded whatever this says
            raise ImportFormatError(f"{shown} is too large to be a bounce export")
        raw = read_at_most(fd, MAX_IMPORT_BYTES)
    except OSError as exc:
        raise ImportFormatError(f"{shown} cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if raw is None:
        raise ImportFormatError(f"{shown} is too large to be a bounce export")
    return raw


def check_export_shape(data: Any, where: str) -> None:
    """Refuse anything that is not a bounce export this version understands."""
    if not isinstance(data, dict) or data.get("kind") != EXPORT_KIND:
        raise ImportFormatError(f"{where} is not a bounce export")
    if data.get("format") != EXPORT_FORMAT:
        shown = one_line(repr(data.get("format")), 20)
        raise ImportFormatError(f"{where} uses export format {shown}; expected 1")
    records = data.get("records")
    if not isinstance(records, dict):
        raise ImportFormatError(f"{where} has no records")
    known = {table_name(model) for model in TABLES}
    for name, rows in records.items():
        if name not in known:
            shown = one_line(repr(name), 40)
            raise ImportFormatError(f"{where} has an unknown table {shown}")
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ImportFormatError(f"{where}: {name} must be a list of objects")


@dataclass(frozen=True)
class CheckedExport:
    """Every record of an export, checked against the rules at `now`, in the file's order."""

    records: list[Record]
    now: datetime


class _Values:
    """The validated fields of one record, as attributes: what a table's validator fills in."""


@dataclass(frozen=True)
class _Shape:
    """What checking a record of one table needs, worked out once per table."""

    name: str
    key: str
    columns: tuple[tuple[str, bool], ...]  # (name, nullable), in column order
    names: frozenset[str]


@functools.cache
def _shape(model: type[SQLModel]) -> _Shape:
    columns = model.__table__.columns  # type: ignore[attr-defined]
    return _Shape(
        name=table_name(model),
        key="key" if model is Setting else "id",
        columns=tuple((c.name, bool(c.nullable)) for c in columns),
        names=frozenset(c.name for c in columns),
    )


def checked_rows(data: dict[str, Any], where: str, now: datetime) -> list[Record]:
    """Every record of an export, each checked by the entry commands' rules.

    Raises ImportRefused listing every record refused (nothing is written then).
    """
    check_export_shape(data, where)
    rows: list[Record] = []
    problems: list[str] = []
    for model in TABLES:
        name = table_name(model)
        seen: set[Any] = set()
        for number, raw in enumerate(data["records"].get(name, []), start=1):
            try:
                values = _validated(model, raw, now)
                key = values["key" if name == "setting" else "id"]
                if key in seen:
                    raise rules.Problem("id", "the same record appears twice in the file")
                seen.add(key)
                rows.append(Record(model, key, values))
            except rules.Problem as problem:
                problems.append(problem.line(rules.record_label(name, number, raw)))
    if problems:
        raise ImportRefused(where, problems)
    return rows


def check_records(data: dict[str, Any], where: str, now: datetime) -> CheckedExport:
    """Check every row of an export without a database; ImportRefused when any fails."""
    with no_cycle_collection():
        return CheckedExport(checked_rows(data, where, now), now)


def import_records(
    session: Session, data: dict[str, Any], now: datetime, checked: CheckedExport | None = None
) -> ImportCounts:
    """Merge an export into the database (inside the caller's transaction).

    Every record is checked before the first is written, so a refused import
    changes nothing. `checked` is the same export already checked (by the command
    line, before it opened the file); it is checked again if the clock went back since.
    """
    if checked is None or now < checked.now:
        checked = check_records(data, "the import", now)
    with no_cycle_collection():
        return merge_records(session, checked.records)


def _validated(model: type[SQLModel], raw: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The record's values, validated by the table's own (pydantic) validator and the rules."""
    shape = _shape(model)
    unknown = raw.keys() - shape.names
    if unknown:
        shown = one_line(", ".join(sorted(str(u) for u in unknown)), 60)
        raise rules.Problem("row", f"unknown fields: {shown}")
    key = shape.key
    if key not in raw:
        raise rules.Problem(key, f"{key} is missing")
    if model is not Setting:
        rules.check_id(raw["id"])
    found = plain_values(model, raw)
    if found is None:  # not as exports write it: the type check and the validator decide
        rules.check_types(model, raw)
        row = _Values()
        try:
            # What `model.model_validate` runs, without building an ORM instance (a
            # hundred times slower): the same validator fills a plain object's fields.
            model.__pydantic_validator__.validate_python(raw, self_instance=row)
        except ValidationError as exc:
            first = exc.errors()[0]
            place = ".".join(str(p) for p in first.get("loc", ()))
            raise rules.Problem(place or "row", str(first.get("msg"))) from None
        values = _checked_columns(shape, row.__dict__)
    else:
        values = found
    checked = _Values()
    checked.__dict__.update(values)
    rules.check_values(shape.name, checked, now)
    return values


def _checked_columns(shape: _Shape, found: dict[str, Any]) -> dict[str, Any]:
    """The validator's values by column, each one the database can hold."""
    values: dict[str, Any] = {}
    for name, nullable in shape.columns:
        value = found[name]
        kind = type(value)
        if kind is str:
            if not value.isascii():  # ASCII text is always UTF-8
                _check_stored_text(name, value)
        elif kind is datetime:
            if value.tzinfo is None:
                raise rules.Problem(name, f"{name} has no time zone")
            value = _fixed_zone(value)
        elif value is None:
            if not nullable:
                raise rules.Problem(name, f"{name} is missing")
        else:
            for text in _strings(value):
                _check_stored_text(name, text)
            if isinstance(value, datetime) and value.tzinfo is None:
                raise rules.Problem(name, f"{name} has no time zone")
        values[name] = value
    return values


def _check_stored_text(name: str, text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise rules.Problem(name, f"{name} holds characters that cannot be stored") from None


@functools.lru_cache(maxsize=64)
def _zone(offset: timedelta) -> timezone:
    return timezone(offset)


def _fixed_zone(moment: datetime) -> datetime:
    """The same moment with the same offset, in the standard library's fixed-offset zone.

    pydantic's zone object answers `utcoffset()` through a slow call; every rule and
    the stored text read the offset many times, and only the offset matters to them.
    """
    offset = moment.utcoffset()
    if offset is None or type(moment.tzinfo) is timezone:
        return moment
    return moment.replace(tzinfo=_zone(offset))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    if isinstance(value, dict):
        return [v for v in [*value.keys(), *value.values()] if isinstance(v, str)]
    return []
