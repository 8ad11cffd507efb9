"""Rows whose dates lie outside the years bounce keeps, for `bounce doctor` to list.

Entry and import keep every date from 1970 to 2100. A row outside that can only
come from a damaged or hand-edited file; the app reads it at the edge of what it
can show (see `models.READ_EARLIEST`), and the doctor names it so it can be fixed.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from bounce_tui.domain.dates import EARLIEST_DAY, LATEST_DAY
from bounce_tui.store.models import SafeDate, SQLModel, UTCDateTime

__all__ = ["dates_out_of_range"]


def _date_columns() -> list[tuple[str, str]]:
    found = []
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, UTCDateTime | SafeDate):
                found.append((table.name, column.name))
    return found


def dates_out_of_range(path: Path) -> list[str]:
    """One line per table and column holding dates outside EARLIEST_DAY..LATEST_DAY."""
    low, high = EARLIEST_DAY.isoformat(), LATEST_DAY.isoformat()
    lines = []
    uri = f"file:{quote(str(path))}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        for table, column in _date_columns():
            if table not in tables:
                continue
            # ISO text sorts as time sorts; the day's first 10 characters are enough.
            (count,) = conn.execute(
                f'SELECT count(*) FROM "{table}" WHERE "{column}" IS NOT NULL '
                f'AND (substr("{column}", 1, 10) < ? OR substr("{column}", 1, 10) > ?)',
                (low, high),
            ).fetchone()
            if count:
                rows = "row" if count == 1 else "rows"
                lines.append(
                    f"{table.replace('_', ' ')}: {count} {rows} with {column} outside "
                    f"{EARLIEST_DAY.year}-{LATEST_DAY.year}"
                )
    return lines
