"""Table rows read straight through `sqlite3`, as the SQLModel classes would read them.

The main snapshot is read on every start and after every write; it must not wait
for SQLAlchemy to import. `COLUMNS` names each table's columns, in the order of
its SQLModel class, with the kind of value each holds; `select_rows` reads them
into named tuples whose attributes carry the same Python values the ORM gives
(aware UTC datetimes, clamped days, parsed JSON, booleans). SQLModel stays the
one definition of the schema: tests/store/test_rows.py derives these kinds from
the SQLModel tables, so a renamed, added or retyped column fails there.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import namedtuple
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from typing import Any

from bounce_tui.store.stamps import clamp_day, utc_from_text

_STAMPED = (("id", "text"), ("created_at", "utc"), ("updated_at", "utc"))

#: Each table's columns in the order of its SQLModel class, with the kind of value held.
#: Tables come parents first (sync inserts in this order and deletes in reverse).
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "rejection": _STAMPED
    + (
        ("company", "text"),
        ("role", "text"),
        ("stage", "text"),
        ("received_at", "utc"),
        ("channel", "text"),
        ("contact", "text"),
        ("notes", "text"),
        ("day", "day"),
    ),
    "mourning_period": _STAMPED
    + (
        ("rejection_id", "text"),
        ("started_at", "utc"),
        ("planned_end", "utc"),
        ("days", "int"),
        ("extensions", "int"),
        ("moved_on_at", "utc"),
        ("close_note", "text"),
    ),
    "checklist_item": _STAMPED
    + (
        ("rejection_id", "text"),
        ("template_key", "text"),
        ("title", "text"),
        ("why", "text"),
        ("kind", "text"),
        ("position", "int"),
        ("done_at", "utc"),
        ("due_on", "day"),
        ("choice", "text"),
        ("views", "json"),
        ("choices", "json"),
        ("reply", "text"),
    ),
    "lesson": _STAMPED
    + (
        ("text", "text"),
        ("prompt", "text"),
        ("theme_id", "text"),
        ("category", "text"),
        ("tags", "json"),
        ("rejection_id", "text"),
        ("recurring", "bool"),
        ("due", "utc"),
        ("stability", "float"),
        ("difficulty", "float"),
        ("card_state", "int"),
        ("card_step", "int"),
        ("last_review", "utc"),
    ),
    "lesson_review": _STAMPED
    + (
        ("lesson_id", "text"),
        ("grade", "int"),
        ("reviewed_at", "utc"),
        ("drill", "bool"),
        ("card_before", "json"),
    ),
    "checkin": _STAMPED
    + (
        ("mood", "int"),
        ("energy", "int"),
        ("note", "text"),
        ("tags", "json"),
        ("at", "utc"),
        ("day", "day"),
    ),
    "skip_day": _STAMPED + (("day", "day"), ("reason", "text")),
    "interview": _STAMPED
    + (("company", "text"), ("role", "text"), ("stage", "text"), ("at", "utc")),
    "urge": _STAMPED + (("mourning_id", "text"), ("kind", "text"), ("at", "utc")),
    "setting": (("key", "text"), ("value", "text"), ("created_at", "utc"), ("updated_at", "utc")),
}

# SQLAlchemy's SQLite DATE reads the leading "Y-M-D" of the stored text.
_DAY = re.compile(r"(\d+)-(\d+)-(\d+)")


def read_day(value: Any) -> date:
    """A stored day as SQLAlchemy's SQLite DATE reads it, held within the years kept."""
    if type(value) is str and len(value) == 10 and value[4] == value[7] == "-":  # as written
        try:
            return clamp_day(date.fromisoformat(value))
        except ValueError:
            pass
    found = _DAY.match(str(value))
    if found is None:
        raise ValueError(f"Couldn't parse date string: {value!r}")
    year, month, day = (int(part) for part in found.groups())
    return clamp_day(date(year, month, day))


def _json(value: Any) -> Any:
    return json.loads(value)


def _as_stored(value: Any) -> Any:
    return value


#: How a stored value becomes what the ORM hands back (None stays None).
READERS: dict[str, Callable[[Any], Any]] = {
    "text": _as_stored,
    "int": _as_stored,
    "float": _as_stored,
    "bool": bool,
    "utc": utc_from_text,
    "day": read_day,
    "json": _json,
}


def column_list(table: str, alias: str = "") -> str:
    """The table's columns for a SELECT, quoted, optionally qualified by `alias`."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{name}"' for name, _kind in COLUMNS[table])


@cache
def _row_shape(table: str) -> tuple[Any, tuple[tuple[int, Callable[[Any], Any]], ...]]:
    """The table's row class (a named tuple of its columns) and the columns to convert."""
    columns = COLUMNS[table]
    row_class = namedtuple(f"{table}_row", [name for name, _kind in columns])  # type: ignore[misc]  # noqa: PYI024
    convert = tuple(
        (index, READERS[kind])
        for index, (_name, kind) in enumerate(columns)
        if READERS[kind] is not _as_stored
    )
    return row_class, convert


def select_rows(
    conn: sqlite3.Connection, table: str, rest: str = "", params: Sequence[Any] = ()
) -> list[Any]:
    """`SELECT <every column> FROM table <rest>` as plain rows with ORM-typed attributes.

    Each row is a named tuple of the table's columns; values stored as text, numbers
    or NULL are handed back as they are, the rest go through their kind's reader.
    """
    row_class, convert = _row_shape(table)
    make = row_class._make
    found = conn.execute(f'SELECT {column_list(table)} FROM "{table}" {rest}', params)
    rows = []
    for stored in found:
        values = list(stored)
        for index, read in convert:
            value = values[index]
            if value is not None:
                values[index] = read(value)
        rows.append(make(values))
    return rows
