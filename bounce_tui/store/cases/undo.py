"""Undo for deletions: a deletion hands back what it removed, and restoring puts it back.

Rows are kept as plain dicts (the same form as the JSON export), so restoring is
an insert of exactly what was there, ids and timestamps included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from bounce_tui.store.file.database import Database
from bounce_tui.store.models import TABLES, Lesson, table_name
from bounce_tui.store.read.exchange import row_dict

_BY_NAME: dict[str, type[SQLModel]] = {table_name(model): model for model in TABLES}


@dataclass(frozen=True)
class Deleted:
    """What a deletion removed: rows (parents first) and lessons that lost their link."""

    label: str
    rows: tuple[tuple[str, dict[str, Any]], ...]
    unlinked_lessons: tuple[str, ...] = field(default_factory=tuple)
    rejection_id: str | None = None


def capture(rows: list[SQLModel]) -> tuple[tuple[str, dict[str, Any]], ...]:
    """Rows as (table, values) pairs, in the order given."""
    return tuple((table_name(type(row)), row_dict(row)) for row in rows)


def restore_rows(session: Session, deleted: Deleted) -> None:
    """Insert the rows back (inside the caller's transaction) and re-link lessons."""
    for table, values in deleted.rows:
        model = _BY_NAME[table]
        key = "key" if table == "setting" else "id"
        if session.get(model, values[key]) is None:
            session.add(model.model_validate(values))
        session.flush()
    if deleted.unlinked_lessons and deleted.rejection_id:
        lessons = session.exec(
            select(Lesson).where(col(Lesson.id).in_(deleted.unlinked_lessons))
        ).all()
        for lesson in lessons:
            if lesson.rejection_id is None:
                lesson.rejection_id = deleted.rejection_id


class UndoCases:
    """Putting back what a deletion removed."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def restore(self, deleted: Deleted) -> None:
        """Undo a deletion: put its rows back exactly as they were."""
        with self.db.writing() as session:
            restore_rows(session, deleted)
