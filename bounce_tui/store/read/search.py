"""Ranked lesson search: SQLite FTS5 where the library has it, LIKE where it does not.

The matching rule itself is `lesson_match` (plain sqlite3); this module runs it in a
SQLModel session and keeps the index tidy.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import text
from sqlmodel import Session

from bounce_tui.store.read.lesson_match import word_match_sql


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
    """Ids of the lessons that match every word of `query`, best first.

    The rule is `lesson_match.word_match_sql`, run on the session's own connection.
    """
    session.flush()
    conn = session.connection().connection.driver_connection
    assert isinstance(conn, sqlite3.Connection)
    found = word_match_sql(query, limit, fts=has_index(session))
    if found is None:
        return []
    return [row[0] for row in conn.execute(*found)]
