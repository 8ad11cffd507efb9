"""Reading lessons: what is due, drills, the lessons for an interview, search and paging.

Functions of an open read session and plain values; `Reads` gives each its own
transaction. The interviews the main screen lists are read with the snapshot
(store/read/snapshot.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import String, case, cast
from sqlmodel import Session, col, func, select

from bounce_tui.domain import lessons
from bounce_tui.domain.dates import to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.snapshot import LessonView, ReviewCard
from bounce_tui.store.models import Lesson, LessonReview, Rejection
from bounce_tui.store.read import lesson_match
from bounce_tui.store.read.lesson_match import SearchCancel
from bounce_tui.store.read.repeats import with_theme_sizes
from bounce_tui.store.read.search import search_lesson_ids
from bounce_tui.store.read.views import lesson_view, review_card

ROUND_LIMIT = lessons.ROUND_LIMIT


def _cards(session: Session, rows: list[tuple[Lesson, Rejection | None]]) -> list[ReviewCard]:
    ids = [lesson.id for lesson, _ in rows]
    counts = dict(
        session.exec(
            select(LessonReview.lesson_id, func.count())
            .where(col(LessonReview.lesson_id).in_(ids))
            .group_by(col(LessonReview.lesson_id))
        ).all()
    )
    return [review_card(lesson, rejection, counts.get(lesson.id, 0)) for lesson, rejection in rows]


def due_lessons(session: Session, now: datetime, limit: int = ROUND_LIMIT) -> list[ReviewCard]:
    """Lessons due at `now`, the most overdue first."""
    rows = session.exec(
        select(Lesson, Rejection)
        .join(Rejection, isouter=True)
        .where(Lesson.due <= to_utc(now))
        .order_by(col(Lesson.due), col(Lesson.created_at), col(Lesson.id))
        .limit(limit)
    ).all()
    return _cards(session, list(rows))


def next_due(session: Session) -> datetime | None:
    """When the next lesson falls due (None: no lessons)."""
    return session.exec(select(func.min(Lesson.due))).one()


def drill_lessons(
    session: Session, drill: lessons.DrillFilter, limit: int = ROUND_LIMIT
) -> list[ReviewCard]:
    """Every lesson matching the filter, whatever its schedule (newest first)."""
    if drill.is_empty:
        raise DomainError("a drill needs a company, stage, category, tag or words")
    statement = select(Lesson, Rejection).join(Rejection, isouter=True)
    if drill.words and drill.words.strip():
        found = search_lesson_ids(session, drill.words, limit=ROUND_LIMIT)
        statement = statement.where(col(Lesson.id).in_(found))
    if drill.category:
        statement = statement.where(Lesson.category == drill.category.strip().lower())
    if drill.stage:
        statement = statement.where(Rejection.stage == drill.stage.strip().lower())
    if drill.company:
        # Company names are compared casefolded in Python (SQLite folds ASCII only).
        wanted = drill.company.strip().casefold()
        ids = [
            rid
            for rid, company in session.exec(select(Rejection.id, Rejection.company))
            if company.strip().casefold() == wanted
        ]
        statement = statement.where(col(Lesson.rejection_id).in_(ids))
    if drill.tag:
        # Tags are stored as JSON text: look for the tag exactly as JSON writes it.
        needle = json.dumps(drill.tag.strip().lower())
        statement = statement.where(cast(Lesson.tags, String).contains(needle))
    rows: Sequence[tuple[Lesson, Rejection | None]] = session.exec(
        statement.order_by(col(Lesson.created_at).desc())
    ).all()
    chosen = [
        (lesson, rejection)
        for lesson, rejection in rows
        if lessons.matches(
            drill,
            lessons.LessonFacts(
                text=lesson.text,
                category=lesson.category,
                tags=tuple(lesson.tags),
                company=rejection.company if rejection else None,
                stage=rejection.stage if rejection else None,
            ),
        )
    ][:limit]
    return _cards(session, chosen)


def _failures() -> Any:
    """How many times each lesson was graded 1 (again), as a subquery."""
    return (
        select(LessonReview.lesson_id, func.count().label("failed"))
        .where(LessonReview.grade == 1)
        .group_by(col(LessonReview.lesson_id))
        .subquery()
    )


def _interview_group(session: Session, company: str, stage: str) -> Any:
    """Which group a lesson falls in for an interview: 0 the same company, 1 a confirmed
    recurring theme, 2 the same stage, 3 not linked to any rejection, 9 none."""
    wanted = company.strip().casefold()
    ids = [
        rid
        for rid, name in session.exec(select(Rejection.id, Rejection.company))
        if name.strip().casefold() == wanted
    ]
    whens: list[tuple[Any, int]] = [
        (col(Lesson.rejection_id).in_(ids), 0),
        (col(Lesson.theme_id).is_not(None), 1),
    ]
    if stage.strip():
        whens.append((col(Rejection.stage) == stage.strip().lower(), 2))
    whens.append((col(Lesson.rejection_id).is_(None), 3))
    return case(*whens, else_=9)


def interview_cards(
    session: Session, company: str, stage: str, limit: int = ROUND_LIMIT
) -> list[ReviewCard]:
    """Lessons for an interview: from the same company first, then confirmed recurring
    themes, then the same stage, then lessons not linked to any rejection.

    Within each group the lessons failed most often (graded "again") come first,
    then the most overdue.
    """
    group = _interview_group(session, company, stage)
    failures = _failures()
    failed = func.coalesce(failures.c.failed, 0)
    rows = session.exec(
        select(Lesson, Rejection)
        .join(Rejection, isouter=True)
        .join(failures, failures.c.lesson_id == Lesson.id, isouter=True)
        .where(group < 9)
        .order_by(group, failed.desc(), col(Lesson.due), col(Lesson.created_at).desc())
        .limit(limit)
    ).all()
    return _cards(session, list(rows))


def search_lessons(
    session: Session, query: str, limit: int = 200, cancel: SearchCancel | None = None
) -> list[LessonView]:
    """Lessons matching `query` as the app's `/` reads it, best match first.

    Words must all appear (ranked full-text search); `cat:X` keeps lessons whose
    category starts with X and `at:X` those whose rejection's company contains X
    (both case-insensitive), as `domain.lesson_query.LessonFilter` does in the app.
    The rule is `lesson_match` (plain sqlite3), run on this session's connection
    inside its transaction; `cancel` lets another thread stop it.
    """
    return lesson_match.search_lessons(raw_connection(session), query, limit, cancel)


def raw_connection(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under the session, in the session's transaction."""
    driver = session.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def lessons_page(
    session: Session, before: datetime | None = None, limit: int = 300
) -> list[LessonView]:
    """The newest lessons created before `before` (None: the newest of all)."""
    statement = select(Lesson, Rejection).join(Rejection, isouter=True)
    if before is not None:
        statement = statement.where(Lesson.created_at < to_utc(before))
    rows = session.exec(
        statement.order_by(col(Lesson.created_at).desc(), col(Lesson.id)).limit(limit)
    ).all()
    return with_theme_sizes(session, [lesson_view(lesson, rejection) for lesson, rejection in rows])


def lessons_for_rejection(session: Session, rejection_id: str) -> list[LessonView]:
    """Every lesson kept from one rejection, newest first."""
    rows = session.exec(
        select(Lesson, Rejection)
        .join(Rejection, isouter=True)
        .where(Lesson.rejection_id == rejection_id)
        .order_by(col(Lesson.created_at).desc())
    ).all()
    return with_theme_sizes(session, [lesson_view(lesson, rejection) for lesson, rejection in rows])
