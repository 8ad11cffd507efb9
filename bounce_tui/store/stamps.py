"""How values are written to and read from the file, in plain Python (no SQLAlchemy).

The SQLModel column types (`models.UTCDateTime`, `models.SafeDate`, the JSON
columns) and the quick path (`store/quick.py`) both use these, so a row written
by either is the same text.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timezone

#: Entries are kept from 1970 to 2100. A stored time beyond these edges can only come
#: from a damaged or hand-edited file; it is read at the edge so every screen can show
#: it (to fix or delete) and no sum of days overflows. `bounce doctor` lists such rows.
READ_EARLIEST = datetime(1900, 1, 1, tzinfo=timezone.utc)
READ_LATEST = datetime(2200, 1, 1, tzinfo=timezone.utc)


def new_id() -> str:
    """A fresh random UUID as text."""
    return str(uuid.uuid4())


def utc_text(value: datetime) -> str:
    """An aware datetime as stored: ISO-8601 in UTC, to the microsecond."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware datetimes")
    return value.astimezone(timezone.utc).isoformat(timespec="microseconds")


def utc_from_text(value: str) -> datetime:
    """A stored timestamp, in UTC, held within READ_EARLIEST..READ_LATEST."""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is not timezone.utc:  # stored times are UTC; others are converted
        moment = moment.astimezone(timezone.utc)
    if READ_EARLIEST <= moment <= READ_LATEST:  # read on every row: the usual case first
        return moment
    return min(max(moment, READ_EARLIEST), READ_LATEST)


def day_text(value: date) -> str:
    """A calendar day as stored (as SQLAlchemy's SQLite DATE writes it)."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def day_from_text(value: str) -> date:
    """A stored calendar day, held within READ_EARLIEST..READ_LATEST."""
    return clamp_day(date.fromisoformat(value))


def clamp_day(value: date) -> date:
    """A day held within READ_EARLIEST..READ_LATEST (see there)."""
    return min(max(value, READ_EARLIEST.date()), READ_LATEST.date())


def json_text(value: object) -> str:
    """A JSON column's value as stored (SQLAlchemy's JSON type uses plain `json.dumps`)."""
    return json.dumps(value)
