"""`store/rows.py` against the SQLModel tables: the same columns, in order, of the same kinds.

SQLModel is the one definition of the schema; `rows.COLUMNS` is what the plain
sqlite3 reader selects. A renamed, added, removed, reordered or retyped column in
the models fails here.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import JSON, Boolean, Date, Float, Integer, String
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

from bounce_tui.store import models  # noqa: F401 - registers the tables
from bounce_tui.store.models import SafeDate, UTCDateTime
from bounce_tui.store.rows import COLUMNS, select_rows


def kind_of(column_type: object) -> str:
    """The value kind `rows.py` must use for a SQLAlchemy column type."""
    if isinstance(column_type, UTCDateTime):
        return "utc"
    if isinstance(column_type, (SafeDate, Date)):
        return "day"
    if isinstance(column_type, JSON):
        return "json"
    if isinstance(column_type, Boolean):
        return "bool"
    if isinstance(column_type, Integer):
        return "int"
    if isinstance(column_type, Float):
        return "float"
    if isinstance(column_type, String):
        return "text"
    if isinstance(column_type, TypeDecorator):  # e.g. SQLModel's AutoString
        return kind_of(column_type.impl_instance)
    raise AssertionError(f"no value kind for {column_type!r}")


TABLES = sorted(SQLModel.metadata.tables)


def test_every_table_is_described() -> None:
    assert sorted(COLUMNS) == TABLES


@pytest.mark.parametrize("table", TABLES)
def test_columns_follow_the_model(table: str) -> None:
    model_columns = SQLModel.metadata.tables[table].columns
    expected = tuple((column.name, kind_of(column.type)) for column in model_columns)
    assert COLUMNS[table] == expected


def test_rows_carry_the_values_the_orm_reads() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE checkin (id, created_at, updated_at, mood, energy, note, tags, at, day)"
    )
    conn.execute(
        "INSERT INTO checkin VALUES ('a', '2026-03-01T10:00:00.000000+00:00', "
        "'2026-03-01T10:00:00+02:00', 4, NULL, NULL, '[\"walk\"]', "
        "'2026-03-01T10:00:00.000000+00:00', '2026-03-01')"
    )
    (row,) = select_rows(conn, "checkin")
    assert row.created_at == datetime(2026, 3, 1, 10, tzinfo=UTC)
    assert row.updated_at == datetime(2026, 3, 1, 8, tzinfo=UTC)  # held in UTC
    assert row.note is None and row.mood == 4 and row.tags == ["walk"]
    assert row.day == date(2026, 3, 1)
