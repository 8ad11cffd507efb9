"""The lessons search as SQL on any `sqlite3` connection: the one matching rule.

What a person types (`domain.lesson_query.parse_query`: words, `cat:X`, `at:X`)
becomes SQL here and nowhere else, so the app's `/`, `bounce lesson --search` and
the drills find the same lessons in the same order. Plain standard library: no
SQLAlchemy, so a command can use it without loading the ORM.

- Words: every word must match (the last as a prefix) through the FTS5 index
  `lesson_fts`, best first by bm25 (the front weighs most, then the back, then
  category and tags); where SQLite has no FTS5, each word as a case-insensitive
  substring of front, back, category or tags, newest first.
- `cat:X` keeps lessons whose category starts with X, `at:X` those whose
  rejection's company contains X (both as SQLite's LIKE: ASCII case-insensitive).
  With words, they narrow the best `limit * 20` word matches.
- Only filters: the newest lessons that pass them.

`SearchCancel` lets another thread stop a search that a newer key made stale.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from bounce_tui.domain.lesson_query import LessonFilter, parse_query
from bounce_tui.domain.search_terms import fts_match, terms
from bounce_tui.domain.snapshot import LessonView
from bounce_tui.store.stamps import utc_from_text

__all__ = [
    "FILTER_WIDENING",
    "SearchCancel",
    "SearchCancelled",
    "has_index",
    "lesson_views",
    "search_lessons",
    "word_match_sql",
]

#: With `cat:`/`at:` filters, this many times `limit` word matches are narrowed.
FILTER_WIDENING = 20
#: The weights of bm25 over lesson_fts's columns (lesson_id, prompt, text, category, tags).
BM25 = "bm25(lesson_fts, 0.0, 8.0, 10.0, 2.0, 2.0)"
#: The columns a LessonView is made of, in `_view`'s order.
VIEW_COLUMNS = (
    "l.id, l.text, l.category, l.tags, l.created_at, l.due, l.rejection_id, r.company, "
    "l.recurring, l.prompt, l.theme_id, l.updated_at"
)
_FROM = "FROM lesson AS l LEFT OUTER JOIN rejection AS r ON r.id = l.rejection_id"


class SearchCancelled(Exception):
    """The search was cancelled before it finished (a newer one replaced it)."""


class SearchCancel:
    """A handle another thread uses to stop a running search (`cancel()`).

    Only the statements of the search are interrupted: the connection is known
    to the handle just while they run, never after it went back to its pool.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self.cancelled = False

    def cancel(self) -> None:
        """Stop the search (now if it is running, at its start if it has not begun)."""
        with self._lock:
            self.cancelled = True
            if self._conn is not None:
                self._conn.interrupt()

    @contextmanager
    def running_on(self, conn: sqlite3.Connection) -> Iterator[None]:
        """Let `cancel()` interrupt `conn` while the block runs."""
        with self._lock:
            if self.cancelled:
                raise SearchCancelled
            self._conn = conn
        try:
            yield
        except sqlite3.OperationalError:
            if self.cancelled:
                raise SearchCancelled from None
            raise
        finally:
            with self._lock:
                self._conn = None


def has_index(conn: sqlite3.Connection) -> bool:
    """True when the database carries the lesson_fts index."""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'lesson_fts'").fetchone()
    return found is not None


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def word_match_sql(words: str, limit: int, *, fts: bool) -> tuple[str, list[object]] | None:
    """The SELECT of the ids of lessons matching every word of `words`, best first.

    None when `words` holds no word. `fts`: whether the file has the lesson_fts index.
    """
    expression = fts_match(words)
    if expression is None:
        return None
    if fts:
        sql = f"SELECT lesson_id FROM lesson_fts WHERE lesson_fts MATCH ? ORDER BY {BM25} LIMIT ?"
        return sql, [expression, limit]
    clauses = []
    params: list[object] = []
    for word in terms(words):
        pattern = f"%{_like(word)}%"
        clauses.append(
            "(lower(prompt) LIKE lower(?) ESCAPE '\\' OR lower(text) LIKE lower(?) ESCAPE '\\' "
            "OR lower(category) LIKE lower(?) ESCAPE '\\' "
            "OR lower(CAST(tags AS VARCHAR)) LIKE lower(?) ESCAPE '\\')"
        )
        params += [pattern] * 4
    sql = f"SELECT id FROM lesson WHERE {' AND '.join(clauses)} ORDER BY created_at DESC LIMIT ?"
    return sql, [*params, limit]


def _filter_sql(wanted: LessonFilter) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    for category in wanted.categories:
        clauses.append("l.category LIKE ? || '%' ESCAPE '\\'")
        params.append(_like(category))
    for company in wanted.companies:
        clauses.append("r.company LIKE '%' || ? || '%' ESCAPE '\\'")
        params.append(_like(company))
    return clauses, params


def search_lessons(
    conn: sqlite3.Connection, query: str, limit: int = 200, cancel: SearchCancel | None = None
) -> list[LessonView]:
    """Lessons matching `query` as `/` reads it, best match first (see the module's rule).

    Never raises for what a person types; `cancel` may stop it (SearchCancelled).
    """
    wanted = parse_query(query)
    if wanted.is_empty:
        return []
    with cancel.running_on(conn) if cancel is not None else _nothing():
        return _search(conn, wanted, limit)


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _search(conn: sqlite3.Connection, wanted: LessonFilter, limit: int) -> list[LessonView]:
    clauses, params = _filter_sql(wanted)
    if not wanted.words:
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT {VIEW_COLUMNS} {_FROM} {where} ORDER BY l.created_at DESC, l.id LIMIT ?"
        return lesson_views(conn, conn.execute(sql, [*params, limit]).fetchall())
    filtered = bool(clauses)
    words = " ".join(wanted.words)
    found = word_match_sql(words, limit * FILTER_WIDENING if filtered else limit,
                           fts=has_index(conn))  # fmt: skip
    if found is None:
        return []
    ids = [row[0] for row in conn.execute(*found)]
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    where = " AND ".join([f"l.id IN ({marks})", *clauses])
    rows = conn.execute(f"SELECT {VIEW_COLUMNS} {_FROM} WHERE {where}", [*ids, *params])
    by_id = {row[0]: row for row in rows}
    chosen = [by_id[i] for i in ids if i in by_id][:limit]
    return lesson_views(conn, chosen)


def lesson_views(conn: sqlite3.Connection, rows: Sequence[Sequence[object]]) -> list[LessonView]:
    """Rows of VIEW_COLUMNS as views, each with its theme's size (one more query)."""
    themes = sorted({str(row[10]) for row in rows if row[10]})
    sizes: dict[str, int] = {}
    if themes:
        marks = ", ".join("?" * len(themes))
        sizes = dict(
            conn.execute(
                f"SELECT theme_id, count(*) FROM lesson WHERE theme_id IN ({marks}) "  # noqa: S608
                "GROUP BY theme_id",
                themes,
            ).fetchall()
        )
    return [_view(row, sizes) for row in rows]


def _view(row: Sequence[object], sizes: dict[str, int]) -> LessonView:
    (lesson_id, text, category, tags, created, due, rejection_id, company, recurring, prompt,
     theme_id, updated) = row  # fmt: skip
    return LessonView(
        lesson_id=str(lesson_id),
        text=str(text),
        category=str(category),
        tags=tuple(json.loads(str(tags))) if tags is not None else (),
        created_at=utc_from_text(str(created)),
        due=utc_from_text(str(due)),
        rejection_id=str(rejection_id) if rejection_id is not None else None,
        company=str(company) if company is not None else "",
        recurring=bool(recurring),
        prompt=str(prompt),
        theme_id=str(theme_id) if theme_id is not None else None,
        theme_size=sizes.get(str(theme_id), 0) if theme_id else 0,
        updated_at=utc_from_text(str(updated)) if updated is not None else None,
    )
