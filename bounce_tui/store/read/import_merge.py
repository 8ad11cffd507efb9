"""Merging checked import records into the database: one read per table, then batched writes.

The merge rules are the import's (see `exchange`): a record whose key is new is
added; one whose `updated_at` is newer than the stored row's replaces every
column of it; anything else is left alone. A skipped day whose day is already
skipped under another id is left alone too.

Each table's stored keys and versions are read once (not a query per record).
The writes are then issued in the file's order, table by table with parents
first, exactly as writing one record at a time would issue them, so foreign keys
and the one unique column (`skip_day.day`) meet the same rows; consecutive
writes of one kind go to SQLite as one batch (`executemany`). The column types
of the tables turn the values into stored text, as they do for every other write.
"""

from __future__ import annotations

import itertools
import operator
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam
from sqlmodel import Session, SQLModel

from bounce_tui.store.models import Setting, SkipDay, table_name
from bounce_tui.store.stamps import day_text, utc_from_text

#: Rows per INSERT: enough that statements cost little beside rows.
_ROWS_PER_STATEMENT = 500
_KEY = "merge_key"  # the bind name of the key in an UPDATE's WHERE (not a column name)


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


@dataclass(frozen=True, slots=True)
class Record:
    """One checked record of an export: its table, its key and its validated values."""

    model: type[SQLModel]
    key: Any
    values: dict[str, Any]


def merge_records(session: Session, records: Iterable[Record]) -> ImportCounts:
    """Add or update `records` (checked, in the file's order) inside the session's transaction."""
    counts = ImportCounts()
    tables: dict[type[SQLModel], list[Record]] = {}
    for record in records:
        tables.setdefault(record.model, []).append(record)
    conn = session.connection()
    for model, rows in tables.items():
        _merge_table(conn, model, rows, counts)
    return counts


def _stamp(text: str | None) -> datetime | None:
    """A stored `updated_at` as the ORM reads it (`models.UTCDateTime`)."""
    return None if text is None else utc_from_text(text)


def _merge_table(
    conn: Connection, model: type[SQLModel], rows: list[Record], counts: ImportCounts
) -> None:
    table: Table = model.__table__  # type: ignore[attr-defined]
    name = table_name(model)
    key = table.c["key" if model is Setting else "id"]
    is_skip = model is SkipDay
    # Plain text, not the column types: only the versions of matching keys are parsed.
    wanted = [key, table.c.updated_at] + ([table.c.day] if is_skip else [])
    stored: dict[Any, str | None] = {}
    day_of: dict[Any, str] = {}
    for found in conn.exec_driver_sql(_select_sql(conn, wanted)):
        stored[found[0]] = found[1]
        if is_skip:
            day_of[found[0]] = found[2]
    held = Counter(day_of.values())
    plan: list[tuple[str, Record]] = []
    for record in rows:
        values = record.values
        if record.key in stored:
            if values["updated_at"] > _stamp(stored[record.key]):
                plan.append(("update", record))
                counts.updated[name] = counts.updated.get(name, 0) + 1
                if is_skip:
                    held[day_of[record.key]] -= 1
                    day_of[record.key] = day_text(values["day"])
                    held[day_of[record.key]] += 1
            else:
                counts.unchanged += 1
            continue
        if is_skip:
            day = day_text(values["day"])
            if held[day] > 0:
                counts.unchanged += 1
                continue
            held[day] += 1
        plan.append(("add", record))
        counts.added[name] = counts.added.get(name, 0) + 1
    others = [c.name for c in table.columns if c is not key]
    update = table.update().where(key == bindparam(_KEY))
    for kind, group in itertools.groupby(plan, key=lambda step: step[0]):
        if kind == "add":
            _insert(conn, table, [record.values for _, record in group])
        else:
            batch = [{_KEY: r.key, **{c: r.values[c] for c in others}} for _, r in group]
            conn.execute(update, batch)


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` with as many rows per statement as SQLite takes.

    One statement per row would cost far more than the rows: each statement is a
    savepoint, and at each one the lessons' search index writes out what it holds.
    The values pass through the columns' own types, as in any other insert.
    """
    dialect = conn.dialect
    quote = dialect.identifier_preparer
    columns = list(table.columns)
    values_of = operator.itemgetter(*(c.name for c in columns))
    convert = [
        (place, process)
        for place, c in enumerate(columns)
        if (process := c.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    per_statement = max(1, min(_ROWS_PER_STATEMENT, _max_variables(conn) // len(columns)))
    names = ", ".join(quote.quote(c.name) for c in columns)
    one = "(" + ", ".join("?" * len(columns)) + ")"
    head = f"INSERT INTO {quote.format_table(table)} ({names}) VALUES "
    statements: dict[int, str] = {}
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        params: list[Any] = []
        for row in chunk:
            values = list(values_of(row))
            for place, process in convert:
                values[place] = process(values[place])
            params.extend(values)
        sql = statements.get(len(chunk))
        if sql is None:
            sql = statements[len(chunk)] = head + ", ".join([one] * len(chunk))
        conn.exec_driver_sql(sql, tuple(params))


def _max_variables(conn: Connection) -> int:
    """How many `?` one statement may hold on this connection (999 on old SQLite builds)."""
    raw = conn.connection.driver_connection
    getlimit = getattr(raw, "getlimit", None)  # Python 3.11+
    limit = getattr(sqlite3, "SQLITE_LIMIT_VARIABLE_NUMBER", None)
    if getlimit is None or limit is None:
        return 999
    return int(getlimit(limit))


def _select_sql(conn: Connection, columns: list[Any]) -> str:
    """`SELECT key, updated_at[, day] FROM table` as SQL text (its values come back untyped)."""
    quote = conn.dialect.identifier_preparer
    names = ", ".join(quote.quote(column.name) for column in columns)
    return f"SELECT {names} FROM {quote.format_table(columns[0].table)}"  # noqa: S608
