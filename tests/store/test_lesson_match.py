"""The lessons search on plain sqlite3 (`lesson_match`): the same lessons, in the same
order, as the ORM search it replaced; hostile text; fresh results; cancelling."""

from __future__ import annotations

import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import String, cast, text
from sqlmodel import Session, col, or_, select

from bounce_tui.domain.lesson_query import parse_query
from bounce_tui.domain.search_terms import fts_match, terms
from bounce_tui.domain.snapshot import LessonView
from bounce_tui.store.models import Lesson, Rejection
from bounce_tui.store.read import lesson_match, search
from bounce_tui.store.read.lesson_match import SearchCancel, SearchCancelled
from bounce_tui.store.read.repeats import with_theme_sizes
from bounce_tui.store.read.views import lesson_view
from bounce_tui.store.repository import Store

from .conftest import BERLIN, Clock

# -- the search as it was (SQLModel), kept here as the reference -------------------------


def _old_ids(session: Session, query: str, limit: int, fts: bool) -> list[str]:
    expression = fts_match(query)
    if expression is None:
        return []
    if fts:
        rows = session.exec(  # type: ignore[call-overload]
            text(
                "SELECT lesson_id FROM lesson_fts WHERE lesson_fts MATCH :q "
                "ORDER BY bm25(lesson_fts, 0.0, 8.0, 10.0, 2.0, 2.0) LIMIT :n"
            ),
            params={"q": expression, "n": limit},
        ).all()
        return [row[0] for row in rows]
    statement = select(Lesson.id)
    for word in terms(query):
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
    return list(session.exec(statement.order_by(col(Lesson.created_at).desc()).limit(limit)))


def old_search(session: Session, query: str, limit: int, fts: bool) -> list[LessonView]:
    wanted = parse_query(query)
    if wanted.is_empty:
        return []
    statement = select(Lesson, Rejection).join(Rejection, isouter=True)
    for category in wanted.categories:
        statement = statement.where(col(Lesson.category).startswith(category, autoescape=True))
    for company in wanted.companies:
        statement = statement.where(col(Rejection.company).contains(company, autoescape=True))
    if not wanted.words:
        newest = statement.order_by(col(Lesson.created_at).desc(), col(Lesson.id)).limit(limit)
        views = [lesson_view(lesson, rejection) for lesson, rejection in session.exec(newest)]
        return with_theme_sizes(session, views)
    filtered = bool(wanted.categories or wanted.companies)
    ids = _old_ids(session, " ".join(wanted.words), limit * 20 if filtered else limit, fts)
    if not ids:
        return []
    rows = session.exec(statement.where(col(Lesson.id).in_(ids))).all()
    found = {lesson.id: lesson_view(lesson, rejection) for lesson, rejection in rows}
    return with_theme_sizes(session, [found[i] for i in ids if i in found][:limit])


# -- a corpus and queries ------------------------------------------------------------------

WORDS = ["team", "teams", "teamwork", "roadmap", "salary", "ask", "Über", "straße", "NEAR",
         "OR", "x_y", "100%", "café", "a\\b", "'quote'", '"said"', "*", "-", "ı", "ß"]  # fmt: skip
CATEGORIES = ["interview", "research", "fit", "preparation", "resume"]
COMPANIES = [None, "Acme", "ACME corp", "Globex", "Café 100%"]

words = st.sampled_from(WORDS)
lesson = st.fixed_dictionaries(
    {
        "text": st.lists(words, min_size=1, max_size=6).map(" ".join),
        "prompt": st.one_of(st.just(""), st.lists(words, max_size=3).map(" ".join)),
        "category": st.sampled_from(CATEGORIES),
        "tags": st.lists(st.sampled_from(["stories", "team", "ß", "near"]), max_size=2),
        "company": st.sampled_from(COMPANIES),
        "later": st.booleans(),  # False: the same moment as the one before (a tie)
    }
)
token = st.one_of(
    words,
    words.map(lambda w: w[: max(1, len(w) // 2)]),  # a word being typed
    st.sampled_from(CATEGORIES).map(lambda c: "cat:" + c[:3]),
    st.sampled_from(["acme", "glo", "café", "100%", "corp"]).map(lambda c: "at:" + c),
    st.text(max_size=4),
)
query = st.lists(token, max_size=4).map(" ".join)


@pytest.fixture
def fresh_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def fill(path: Path, clock: Clock, lessons: list[dict[str, Any]]) -> Store:
    store = Store(path, now=clock, tz=BERLIN)
    rejections: dict[str, str] = {}
    for entry in lessons:
        if entry["later"]:
            clock.advance(minutes=1)
        company = entry["company"]
        if company is not None and company not in rejections:
            rejections[company] = store.rejections.log_rejection(company)
        store.lessons.add_lesson(
            entry["text"],
            prompt=entry["prompt"],
            category=entry["category"],
            tags=entry["tags"],
            rejection_id=rejections.get(company) if company else None,
        )
    return store


def both(store: Store, query: str, limit: int, fts: bool) -> tuple[list[Any], list[Any]]:
    with store.db.reading() as session:
        old = old_search(session, query, limit, fts)
    new = store.read.search_lessons(query, limit)
    return old, new


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    lessons=st.lists(lesson, max_size=25),
    queries=st.lists(query, min_size=1, max_size=8),
    limit=st.sampled_from([1, 3, 200]),
)
def test_the_same_lessons_in_the_same_order_as_before(
    fresh_dir: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch, lessons, queries, limit
) -> None:
    path = fresh_dir / f"{uuid.uuid4()}.db"
    store = fill(path, clock, lessons)
    try:
        for typed in queries:
            old, new = both(store, typed, limit, fts=True)
            assert new == old, typed
        with monkeypatch.context() as patched:  # SQLite without FTS5: the LIKE rule
            patched.setattr(lesson_match, "has_index", lambda conn: False)
            for typed in queries:
                old, new = both(store, typed, limit, fts=False)
                assert new == old, typed
    finally:
        store.close()


HOSTILE = [
    '"', '""', "'", "*", "^", "-", "NEAR", "NEAR(a b)", "a OR b", "a AND NOT b", "col:x",
    "lesson_id:x", "text:team", '"unterminated', "(", ")", "{a b}", "a + b", "\x00", "\x1b[31m",
    "\u202e", "\t\n", "%", "_", "\\", "cat:", "at:", "cat:%", "at:_", "cat:\\", "team" * 3000,
    " ".join(["team"] * 500), "🙂", "ﬀ", "İ",
]  # fmt: skip


@pytest.mark.parametrize("fts", [True, False])
def test_hostile_queries_never_raise(
    store: Store, monkeypatch: pytest.MonkeyPatch, fts: bool
) -> None:
    store.lessons.add_lesson('He said "NEAR" - a * b OR c; 100% team_lead', category="research")
    if not fts:
        monkeypatch.setattr(lesson_match, "has_index", lambda conn: False)
        monkeypatch.setattr(search, "has_index", lambda session: False)
    for typed in HOSTILE:
        assert isinstance(store.read.search_lessons(typed), list), repr(typed)
    assert len(store.read.search_lessons("a OR b")) == 1  # words, never operators
    assert store.read.search_lessons("lesson_id:x") == []


def test_results_follow_edits_deletes_and_other_programs(store: Store, db_path: Path) -> None:
    first = store.lessons.add_lesson("Ask about the roadmap", category="research")
    assert [v.lesson_id for v in store.read.search_lessons("roadm")] == [first]
    store.lessons.edit_lesson(first, text="Ask about the budget", category="research")
    assert store.read.search_lessons("roadm") == []
    assert [v.text for v in store.read.search_lessons("budg")] == ["Ask about the budget"]
    # Another program writes (the CLI, a second window): its own connection.
    other = Store(db_path)
    try:
        second = other.lessons.add_lesson("Budget talk went well", category="fit")
    finally:
        other.close()
    assert {v.lesson_id for v in store.read.search_lessons("budget")} == {first, second}
    store.lessons.delete_lesson(first)
    assert [v.lesson_id for v in store.read.search_lessons("budget")] == [second]


def test_the_rule_runs_on_a_plain_sqlite3_connection(store: Store, db_path: Path) -> None:
    rejection = store.rejections.log_rejection("Acme")
    kept = store.lessons.add_lesson(
        "Prepare numbers", category="interview", tags=["stories"], rejection_id=rejection
    )
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        found = lesson_match.search_lessons(conn, "numb at:acm cat:inter")
    assert found == store.read.search_lessons("numb at:acm cat:inter")
    assert [(v.lesson_id, v.company, v.tags) for v in found] == [(kept, "Acme", ("stories",))]


def test_a_cancelled_search_stops_and_leaves_the_connection_usable(
    store: Store, db_path: Path
) -> None:
    for n in range(300):
        store.lessons.add_lesson(f"lesson number {n} about the team", category="fit")
    early = SearchCancel()
    early.cancel()
    with pytest.raises(SearchCancelled):
        store.read.search_lessons("team", cancel=early)
    # Cancelled while a statement is stepping: SQLite interrupts it.
    with closing(sqlite3.connect(db_path)) as conn:
        running = SearchCancel()
        with pytest.raises(SearchCancelled), running.running_on(conn):
            cursor = conn.execute("SELECT a.text FROM lesson AS a, lesson AS b")
            cursor.fetchone()
            running.cancel()  # (in the app from the event loop's thread, mid-statement)
            cursor.fetchall()
        assert conn.execute("SELECT count(*) FROM lesson").fetchone() == (300,)
    # Cancelling after the search ended touches nothing.
    late = SearchCancel()
    assert len(store.read.search_lessons("team", cancel=late)) == 200
    late.cancel()
    assert len(store.read.search_lessons("team")) == 200
