"""`bounce lesson` on the quick path: keeping a lesson, the earlier ones like it, and search.

The rows and results are those of `LessonCases.add_lesson`,
`store/read/repeats.similar_lessons` and `store/read/lessons.search_lessons`.
A file without the search index (an SQLite without FTS5) takes the ORM path,
which has the fallbacks for it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bounce_tui.domain import lessons, repeats
from bounce_tui.domain.cards import MAX_PROMPT
from bounce_tui.domain.dates import to_utc
from bounce_tui.domain.lesson_query import parse_query
from bounce_tui.domain.search_terms import fts_match
from bounce_tui.domain.snapshot import SimilarLesson
from bounce_tui.domain.text import clean_tags, clean_text
from bounce_tui.store import stamps
from bounce_tui.store.clock import Clock
from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.quick.connection import insert, is_current, opened, reading, transaction
from bounce_tui.store.quick.rejections import like_prefix, resolve_rejection

LESSON_COLUMNS = (
    "id", "created_at", "updated_at", "text", "prompt", "theme_id", "category", "tags",
    "rejection_id", "recurring", "due", "stability", "difficulty", "card_state", "card_step",
    "last_review",
)  # fmt: skip

INSERT_LESSON = insert("lesson", LESSON_COLUMNS)
#: A lesson with its rejection's company and arrival, as the views read them.
_JOINED = (
    "SELECT lesson.id, lesson.prompt, lesson.text, lesson.category, lesson.theme_id, "
    "lesson.created_at, rejection.company, rejection.received_at "
    "FROM lesson LEFT OUTER JOIN rejection ON rejection.id = lesson.rejection_id"
)
SELECT_LESSON_THEME = "SELECT theme_id FROM lesson WHERE id = ?"
HAS_INDEX = "SELECT 1 FROM sqlite_master WHERE name = 'lesson_fts'"
#: Statements on the search index, which the migrations (not the SQLModel classes) create.
FTS_RARITY = "SELECT count(*) FROM (SELECT 1 FROM lesson_fts WHERE lesson_fts MATCH ? LIMIT ?)"
FTS_RARE = (
    "SELECT lesson_id FROM lesson_fts WHERE lesson_fts MATCH ? "
    "ORDER BY bm25(lesson_fts, 0.0, 0.5, 1.0, 0.0, 0.0) LIMIT ?"
)
FTS_COMMON = "SELECT lesson_id FROM lesson_fts WHERE lesson_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
FTS_SEARCH = (
    "SELECT lesson_id FROM lesson_fts WHERE lesson_fts MATCH ? "
    "ORDER BY bm25(lesson_fts, 0.0, 8.0, 10.0, 2.0, 2.0) LIMIT ?"
)

STATEMENTS = (INSERT_LESSON, _JOINED, SELECT_LESSON_THEME, HAS_INDEX)
FTS_STATEMENTS = (FTS_RARITY, FTS_RARE, FTS_COMMON, FTS_SEARCH)

CANDIDATES, RARE_DOCS, COMMON_CANDIDATES = (
    repeats.CANDIDATES,
    repeats.RARE_DOCS,
    repeats.COMMON_CANDIDATES,
)


@dataclass(frozen=True)
class FoundLesson:
    """A lesson as `bounce lesson --search` lists it."""

    lesson_id: str
    category: str
    prompt: str
    text: str
    company: str


def add_lesson(
    path: Path,
    text: str,
    *,
    category: str = "interview",
    tags: Iterable[str] = (),
    rejection: str | None = None,
    prompt: str = "",
    at: datetime | None = None,
    clock: Clock | None = None,
    busy: BusyPolicy | None = None,
) -> str | None:
    """Keep a lesson as `LessonCases.add_lesson` does; `rejection` is a reference to resolve
    ('last', an id or its first characters) as `RejectionCases.resolve_rejection` does.

    None: nothing was written; the file needs the ORM path (no file yet, an older
    schema, no search index).
    """
    clock = clock or Clock()
    policy = busy or BusyPolicy()
    with opened(path, policy) as conn:
        if conn is None or conn.execute(HAS_INDEX).fetchone() is None:
            return None
        return transaction(
            conn,
            path,
            policy,
            lambda: _keep(conn, clock, text, category, tags, rejection, prompt, at),
        )


def _keep(
    conn: sqlite3.Connection,
    clock: Clock,
    text: str,
    category: str,
    tags: Iterable[str],
    rejection: str | None,
    prompt: str,
    at: datetime | None,
) -> str:
    """The rejection resolved (as the command does first), then the lesson checked and kept."""
    rejection_id = resolve_rejection(conn, rejection) if rejection is not None else None
    now = clock.now()
    learned = now if at is None else min(to_utc(at), now)
    card = lessons.new_card(learned)
    row = {
        "text": clean_text(text, "lesson"),
        "prompt": clean_text(prompt, "front", required=False, max_len=MAX_PROMPT),
        "category": lessons.validate_category(category),
        "tags": stamps.json_text(list(clean_tags(tags))),
        "rejection_id": rejection_id,
        "due": stamps.utc_text(card.due),
        "stability": card.stability,
        "difficulty": card.difficulty,
        "card_state": card.state,
        "card_step": card.step,
        "last_review": None if card.last_review is None else stamps.utc_text(card.last_review),
        "created_at": stamps.utc_text(learned),
        "updated_at": stamps.utc_text(now),
        "id": stamps.new_id(),
        "theme_id": None,
        "recurring": False,
    }
    conn.execute(INSERT_LESSON, [row[c] for c in LESSON_COLUMNS])
    return str(row["id"])


def similar_lessons(
    path: Path, prompt: str, text: str, *, exclude_id: str | None = None, limit: int = 3
) -> list[SimilarLesson]:
    """Earlier lessons that read like (`prompt`, `text`), as `repeats.similar_lessons` finds."""
    with reading(path) as conn:
        ids = _candidate_ids(conn, prompt, text)
        if not ids:
            return []
        own_theme = None
        if exclude_id is not None:
            found = conn.execute(SELECT_LESSON_THEME, (exclude_id,)).fetchone()
            own_theme = found[0] if found else None
        new = repeats.lesson_stems(prompt, text)
        similar: list[SimilarLesson] = []
        for lesson_id, l_prompt, l_text, _, theme, created, company, received in _joined(conn, ids):
            if lesson_id == exclude_id or (own_theme and theme == own_theme):
                continue
            score = repeats.score(new, repeats.lesson_stems(l_prompt, l_text))
            if score < repeats.REPEAT_THRESHOLD:
                continue
            when = received if received is not None else created
            similar.append(
                SimilarLesson(
                    lesson_id,
                    l_prompt,
                    l_text,
                    company or "",
                    stamps.utc_from_text(when),
                    theme,
                    score,
                )  # fmt: skip
            )
    similar.sort(key=lambda s: (-s.score, -s.when.timestamp(), s.lesson_id))
    return similar[:limit]


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _candidate_ids(conn: sqlite3.Connection, prompt: str, text: str) -> list[str]:
    """`repeats.candidate_ids` on the index (the file has one: see `add_lesson`)."""
    words = repeats.search_words(prompt, text)
    if not words:
        return []
    found_in = [
        int(conn.execute(FTS_RARITY, (_quoted(w), RARE_DOCS + 1)).fetchone()[0]) for w in words
    ]
    rare, common = repeats.rare_and_common(words, found_in)
    ids: list[str] = []
    if rare:
        query = "{prompt text} : (" + " OR ".join(map(_quoted, rare)) + ")"
        ids.extend(r[0] for r in conn.execute(FTS_RARE, (query, CANDIDATES)))
    if len(common) >= 2:
        pairs = [
            f"({_quoted(a)} AND {_quoted(b)})"
            for i, a in enumerate(common)
            for b in common[i + 1 :]
        ]
        ids.extend(r[0] for r in conn.execute(FTS_COMMON, (" OR ".join(pairs), COMMON_CANDIDATES)))
    return list(dict.fromkeys(ids))


def _joined(conn: sqlite3.Connection, ids: list[str]) -> list[tuple]:
    """The joined rows of these lessons, 500 ids a statement."""
    rows = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows += conn.execute(f"{_JOINED} WHERE lesson.id IN ({marks})", chunk).fetchall()
    return rows


def search_lessons(path: Path, query: str, limit: int = 200) -> list[FoundLesson] | None:
    """Lessons matching `query` as `store/read/lessons.search_lessons` finds them, best first.

    None: the file needs the ORM path (an older schema, no search index).
    """
    wanted = parse_query(query)
    if not is_current(path):
        return None
    if wanted.is_empty:
        return []
    with reading(path) as conn:
        if conn.execute(HAS_INDEX).fetchone() is None:
            return None
        filters, params = _filters(wanted.categories, wanted.companies)
        if not wanted.words:
            statement = f"{_JOINED}{filters} ORDER BY lesson.created_at DESC, lesson.id LIMIT ?"
            return [_found(row) for row in conn.execute(statement, [*params, limit])]
        expression = fts_match(" ".join(wanted.words))
        if expression is None:
            return []
        filtered = bool(wanted.categories or wanted.companies)
        size = limit * 20 if filtered else limit
        ids = [r[0] for r in conn.execute(FTS_SEARCH, (expression, size))]
        if not ids:
            return []
        found: dict[str, FoundLesson] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            where = f" AND lesson.id IN ({marks})" if filters else f" WHERE lesson.id IN ({marks})"
            for row in conn.execute(f"{_JOINED}{filters}{where}", [*params, *chunk]):
                found[row[0]] = _found(row)
    return [found[i] for i in ids if i in found][:limit]


def _filters(categories: Iterable[str], companies: Iterable[str]) -> tuple[str, list[str]]:
    """`cat:` and `at:` as the ORM search words them: a category prefix, a company part."""
    clauses = ["lesson.category LIKE ? || '%' ESCAPE '/'" for _ in categories]
    clauses += ["rejection.company LIKE '%' || ? || '%' ESCAPE '/'" for _ in companies]
    params = [like_prefix(c) for c in categories] + [like_prefix(c) for c in companies]
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _found(row: tuple) -> FoundLesson:
    lesson_id, prompt, text, category, _, _, company, _ = row
    return FoundLesson(lesson_id, category, prompt, text, company or "")
