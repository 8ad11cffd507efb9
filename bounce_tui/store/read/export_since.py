"""`bounce export --since DATE`: only what happened on or after a day, in every format.

Each entry counts on its own day: a rejection when it came, a mourning period
when it started, a lesson or a loose checklist item when it was made, a review
when it was given, a check-in or a skipped day on its day, an interview or an
urge when it is, a setting when it last changed; a rejection's checklist goes
with its rejection. The JSON keeps what such an entry points to (the rejection
of a lesson, the lesson of a review, the period of an urge), so the file still
imports on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import Any

from bounce_tui.domain.dates import from_local, to_utc

__all__ = ["Since", "records_since", "since_day"]

#: The field each table's entries count by (a moment, or for day tables a day).
_WHEN = {
    "rejection": "received_at",
    "mourning_period": "started_at",
    "checklist_item": "created_at",
    "lesson": "created_at",
    "lesson_review": "reviewed_at",
    "checkin": "day",
    "skip_day": "day",
    "interview": "at",
    "urge": "at",
    "setting": "updated_at",
}
#: (child table, field, parent table): what a kept entry brings along, children first.
_PARENTS = (
    ("lesson_review", "lesson_id", "lesson"),
    ("urge", "mourning_id", "mourning_period"),
    ("lesson", "rejection_id", "rejection"),
    ("mourning_period", "rejection_id", "rejection"),
    ("checklist_item", "rejection_id", "rejection"),
)


@dataclass(frozen=True)
class Since:
    """The first day kept, and the moment it starts in the person's zone (UTC)."""

    day: date
    start: datetime

    def keeps(self, moment: datetime) -> bool:
        """True for a moment on or after the day's start."""
        return to_utc(moment) >= self.start

    def keeps_day(self, day: date) -> bool:
        """True for a calendar day on or after the first one kept."""
        return day >= self.day


def since_day(day: date, tz: tzinfo | None) -> Since:
    """The `Since` of a local day (midnight in `tz`, None: the system zone)."""
    return Since(day, from_local(datetime.combine(day, time()), tz))


def _kept(since: Since, table: str, row: dict[str, Any]) -> bool:
    if table == "checklist_item" and row.get("rejection_id") is not None:
        return False  # it goes with its rejection (below)
    value = row.get(_WHEN[table])
    if not isinstance(value, str):
        return False
    if table in ("checkin", "skip_day"):
        return since.keeps_day(date.fromisoformat(value))
    return since.keeps(datetime.fromisoformat(value))


def records_since(data: dict[str, Any], since: Since) -> dict[str, Any]:
    """A JSON export (as `exchange.export_records` makes it) cut to entries from `since` on,
    with the entries they point to."""
    tables: dict[str, list[dict[str, Any]]] = data["records"]
    key = {name: "key" if name == "setting" else "id" for name in tables}
    kept = {
        name: {row[key[name]] for row in rows if _kept(since, name, row)}
        for name, rows in tables.items()
    }
    for child, field, parent in _PARENTS:
        for row in tables.get(child, []):
            if row["id"] in kept.get(child, ()) and row.get(field) is not None:
                kept.setdefault(parent, set()).add(row[field])
    rejections = kept.get("rejection", set())
    for row in tables.get("checklist_item", []):
        if row.get("rejection_id") in rejections:
            kept["checklist_item"].add(row["id"])
    records = {
        name: [row for row in rows if row[key[name]] in kept[name]] for name, rows in tables.items()
    }
    return {**data, "records": records, "since": since.day.isoformat()}
