"""The lessons browser's reads: one sorted, filtered page at a time, and one lesson in full.

Everything is decided in SQL: words through the FTS5 index (`lesson_fts`, LIKE
where SQLite has no FTS5), `cat:` and `at:` as WHERE clauses, the sort as ORDER
BY, the page as LIMIT/OFFSET. Only the rows of the page reach Python, so a page
costs about the same over 100 lessons or 100,000.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, func, select

from bounce_tui.domain.browse import (
    BrowsePage,
    BrowseQuery,
    BrowseRow,
    LessonDetail,
    ReviewEntry,
    Sort,
)
from bounce_tui.domain.lesson_query import LessonFilter
from bounce_tui.domain.search_terms import fts_match, terms
from bounce_tui.store.models import Lesson, LessonReview, Rejection
from bounce_tui.store.read.search import has_index
from bounce_tui.store.read.views import lesson_view, review_card

_REVIEWS = "(SELECT count(*) FROM lesson_review AS v WHERE v.lesson_id = l.id)"
_LAST_GRADE = (
    "(SELECT v.grade FROM lesson_review AS v WHERE v.lesson_id = l.id "
    "ORDER BY v.reviewed_at DESC, v.id DESC LIMIT 1)"
)

#: Each sort column as its SQL sort keys, none of them NULL (rows compare as values).
#: A leading 0/1 key keeps lessons without a value (no front of their own, no
#: rejection, never graded) after the others whichever way the column is turned.
_ORDER: dict[Sort, tuple[str, ...]] = {
    Sort.DUE: ("l.due",),
    Sort.ADDED: ("l.created_at",),
    Sort.FRONT: (
        "l.prompt = ''",
        "l.prompt COLLATE NOCASE",
        "coalesce(r.company, '') COLLATE NOCASE",
    ),
    Sort.BACK: ("l.text COLLATE NOCASE",),
    Sort.CATEGORY: ("l.category", "l.due"),
    Sort.COMPANY: ("r.company IS NULL", "coalesce(r.company, '') COLLATE NOCASE", "l.due"),
    Sort.REVIEWS: (_REVIEWS, "l.due"),
    # Never graded sorts after easy (5) going up and after again (0) going down.
    Sort.LAST_GRADE: (f"coalesce({_LAST_GRADE}, 5)", "l.due"),
}
#: The keys that keep empty values last (they do not turn with the direction).
_FIXED = {"l.prompt = ''", "r.company IS NULL"}


def _sort_keys(sort: Sort, descending: bool) -> list[str]:
    """The ORDER BY keys, all ascending or all descending (so a row value compares them).

    A fixed key is flipped (NOT …) when descending, so it still orders the same way.
    """
    keys = [f"(NOT ({key}))" if descending and key in _FIXED else key for key in _ORDER[sort]]
    if descending and sort is Sort.LAST_GRADE:
        keys[0] = f"coalesce({_LAST_GRADE}, 0)"
    return [*keys, "l.rowid"]  # in every index: due and added page from their index alone


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(session: Session, query: LessonFilter) -> tuple[list[str], dict[str, Any], bool]:
    """The WHERE clauses of a filter, their parameters, and whether they need the rejection."""
    clauses: list[str] = []
    params: dict[str, Any] = {}
    words = " ".join(query.words)
    expression = fts_match(words)
    if expression is not None:
        if has_index(session):
            clauses.append("l.rowid IN (SELECT rowid FROM lesson_fts WHERE lesson_fts MATCH :q)")
            params["q"] = expression
        else:
            for n, word in enumerate(terms(words)):
                params[f"w{n}"] = f"%{_like(word)}%"
                clauses.append(
                    f"(l.prompt LIKE :w{n} ESCAPE '\\' OR l.text LIKE :w{n} ESCAPE '\\' "
                    f"OR l.category LIKE :w{n} ESCAPE '\\' OR l.tags LIKE :w{n} ESCAPE '\\')"
                )
    for n, category in enumerate(query.categories):
        params[f"c{n}"] = f"{_like(category)}%"
        clauses.append(f"l.category LIKE :c{n} ESCAPE '\\'")
    for n, company in enumerate(query.companies):
        params[f"a{n}"] = f"%{_like(company)}%"
        clauses.append(f"r.company LIKE :a{n} ESCAPE '\\'")
    return clauses, params, bool(query.companies)


def _utc(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(timezone.utc)


def browse_lessons(session: Session, query: BrowseQuery) -> BrowsePage:
    """One page of the lessons matching `query.filter`, in its order, and how many match.

    The page is found by a neighbour's sort key (keyset paging), so the 1,000th
    page costs what the first does; only its rows are read into Python.
    """
    clauses, params, needs_rejection = _where(session, query.filter)
    join = "LEFT JOIN rejection AS r ON r.id = l.rejection_id"
    where = " AND ".join(clauses)
    total = session.exec(  # type: ignore[call-overload]
        text(  # noqa: S608 - the SQL holds no user text; values are parameters
            f"SELECT count(*) FROM lesson AS l {join if needs_rejection else ''} "
            f"{'WHERE ' + where if where else ''}"
        ),
        params=params,
    ).one()[0]
    keys = _sort_keys(query.sort, query.descending)
    # Backwards (the page before, the last page): read in the opposite order, then turn.
    backwards = query.before is not None or query.from_end
    ascending = query.descending == backwards
    order = ", ".join(f"{key}{'' if ascending else ' DESC'}" for key in keys)
    row_value = f"({', '.join(keys)})"
    anchor = query.after if query.after is not None else query.before
    if query.at is not None:
        anchor = query.at
    if anchor is not None and len(anchor) == len(keys):
        operator = (">" if ascending else "<") + ("=" if query.at is not None else "")
        marks = ", ".join(f":k{n}" for n in range(len(keys)))
        clauses = [*clauses, f"{row_value} {operator} ({marks})"]
        params = {**params, **{f"k{n}": value for n, value in enumerate(anchor)}}
    where = " AND ".join(clauses)
    needs_join = needs_rejection or "r." in order
    page = (
        f"SELECT {', '.join(keys)} FROM lesson AS l {join if needs_join else ''} "  # noqa: S608
        f"{'WHERE ' + where if where else ''} ORDER BY {order} LIMIT :limit"
    )
    found_keys = [
        tuple(row)
        for row in session.exec(  # type: ignore[call-overload]
            text(page), params={**params, "limit": query.limit + 1}
        ).all()
    ]
    more = len(found_keys) > query.limit
    found_keys = found_keys[: query.limit]
    if backwards:
        found_keys.reverse()
    offset = query.offset
    if query.from_end:
        offset = max(total - len(found_keys), 0)
    elif query.before is not None and not more:
        offset = 0  # the page before reached the first row
    if not found_keys:
        return BrowsePage(query=query, rows=(), total=total, offset=offset)
    numbers = [key[-1] for key in found_keys]
    marks = ", ".join(str(int(n)) for n in numbers)
    sql = (
        "SELECT l.rowid, l.id, l.prompt, l.text, l.category, r.company, r.stage, l.created_at, "
        f"l.due, {_REVIEWS}, {_LAST_GRADE}, l.theme_id, r.received_at "
        f"FROM lesson AS l {join} "
        f"WHERE l.rowid IN ({marks})"  # noqa: S608 - integers read just now
    )
    by_number = {
        row[0]: row[1:]
        for row in session.exec(text(sql)).all()  # type: ignore[call-overload]
    }
    rows = tuple(_row(*by_number[n]) for n in numbers if n in by_number)
    more_after = more if not backwards else (offset + len(rows) < total)
    return BrowsePage(
        query=query,
        rows=rows,
        total=total,
        offset=offset,
        first_key=found_keys[0],
        last_key=found_keys[-1],
        more_after=more_after,
    )


def _row(
    lesson_id: str,
    prompt: str,
    body: str,
    category: str,
    company: str | None,
    stage: str | None,
    created: str,
    due: str,
    reviews: int,
    last_grade: int | None,
    theme_id: str | None,
    received: str | None,
) -> BrowseRow:
    return BrowseRow(
        lesson_id=lesson_id,
        prompt=prompt,
        text=body,
        category=category,
        company=company or "",
        stage=stage or "",
        created_at=_utc(created),
        due=_utc(due),
        reviews=reviews,
        last_grade=last_grade,
        theme_id=theme_id,
        rejection_received_at=_utc(received) if received is not None else None,
    )


def lesson_detail(session: Session, lesson_id: str) -> LessonDetail | None:
    """One lesson in full: its rejection, every grade (newest first), its theme's size.

    None when there is no such lesson (it was deleted).
    """
    lesson = session.get(Lesson, lesson_id)
    if lesson is None:
        return None
    rejection = session.get(Rejection, lesson.rejection_id) if lesson.rejection_id else None
    reviews = session.exec(
        select(LessonReview)
        .where(LessonReview.lesson_id == lesson_id)
        .order_by(col(LessonReview.reviewed_at).desc(), col(LessonReview.id).desc())
    ).all()
    theme_size = 0
    if lesson.theme_id is not None:
        theme_size = session.exec(
            select(func.count()).select_from(Lesson).where(Lesson.theme_id == lesson.theme_id)
        ).one()
    return LessonDetail(
        lesson=lesson_view(lesson, rejection),
        card=review_card(lesson, rejection, len(reviews)),
        role=rejection.role if rejection else "",
        stage=rejection.stage if rejection else "",
        rejection_received_at=rejection.received_at if rejection else None,
        reviews=tuple(ReviewEntry(r.grade, r.reviewed_at, r.drill) for r in reviews),
        theme_size=theme_size,
    )
