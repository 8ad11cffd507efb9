"""Lesson search and paging over 100,000 lessons (pytest-benchmark; not in the default run).

pytest -o addopts="" tests/benchmarks/test_lessons_scale.py --benchmark-columns=min,median,max
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bounce_tui.domain.browse import SORT_ORDER, BrowseQuery, Sort
from bounce_tui.domain.lesson_query import parse_query
from bounce_tui.store.repository import Store

from .scale_data import build_lessons_db

LESSONS = 100_000


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = Path(tmp_path_factory.mktemp("scale")) / "bounce.db"
    build_lessons_db(path, LESSONS)
    store = Store(path)
    assert store.files.counts()["lesson"] == LESSONS
    yield store
    store.close()


@pytest.mark.parametrize("query", ["team", "roadmap salary", "sys", '"NEAR" -x *'])
def test_search(benchmark, big_store: Store, query: str) -> None:
    found = benchmark(big_store.read.search_lessons, query)
    assert isinstance(found, list)


def test_first_page(benchmark, big_store: Store) -> None:
    snapshot = benchmark(big_store.read.main_snapshot)
    assert snapshot.lessons_total == LESSONS and len(snapshot.lessons) == 300


def test_first_page_plain(benchmark, big_store: Store) -> None:
    """The snapshot as the app reads it at start and on every change: plain sqlite3."""
    from datetime import UTC, datetime

    from bounce_tui.store.file.watch import open_watched
    from bounce_tui.store.read.snapshot import load_main_snapshot

    reader = open_watched(big_store.path, lambda: datetime.now(UTC), 1000)
    assert reader is not None

    def read() -> object:
        with reader.reading() as conn:
            return load_main_snapshot(conn, datetime.now(UTC), None)

    snapshot = benchmark(read)
    reader.close()
    assert snapshot.lessons_total == LESSONS and len(snapshot.lessons) == 300


def test_older_page(benchmark, big_store: Store) -> None:
    first = big_store.read.lessons_page()
    page = benchmark(big_store.read.lessons_page, before=first[-1].created_at)
    assert len(page) == 300


def _add_and_check(store: Store, text: str) -> list:
    lesson_id = store.lessons.add_lesson(text, category="research")
    return store.lessons.similar_lessons("", text, exclude_id=lesson_id)


@pytest.mark.parametrize(
    "text",
    [
        "prepare questions about the team roadmap",
        "Prepare two concrete stakeholder-management stories (conflict, pushback) with outcomes",
        "team salary story coding task system design feedback research interviewer culture",
    ],
)
def test_add_lesson_with_repeat_check(benchmark, big_store: Store, text: str) -> None:
    """Keeping a lesson, then asking for earlier ones like it (what `bounce lesson` does)."""
    found = benchmark.pedantic(_add_and_check, args=(big_store, text), rounds=20)
    assert len(found) <= 3


def test_edit_lesson_with_repeat_check(benchmark, big_store: Store) -> None:
    """The app checks before it saves an edit: the check, then the edit."""
    lesson_id = big_store.read.lessons_page(limit=1)[0].lesson_id
    text = "ask the interviewer about team culture and the roadmap"

    def check_and_edit() -> None:
        big_store.lessons.similar_lessons("", text, exclude_id=lesson_id)
        big_store.lessons.edit_lesson(lesson_id, text=text, category="research")

    benchmark.pedantic(check_and_edit, rounds=20)


# -- the lessons browser (a page is 100 rows; keyset paging) --------------------------------


def test_browse_open(benchmark, big_store: Store) -> None:
    page = benchmark(big_store.read.browse_lessons, BrowseQuery())
    assert page.total >= LESSONS and len(page.rows) == 100  # other benchmarks add a few


@pytest.mark.parametrize("sort", list(SORT_ORDER), ids=[s.value for s in SORT_ORDER])
def test_browse_next_page(benchmark, big_store: Store, sort: Sort) -> None:
    first = big_store.read.browse_lessons(BrowseQuery(sort=sort))
    page = benchmark(big_store.read.browse_lessons, first.next_page())
    assert page.first == 101


def test_browse_last_page(benchmark, big_store: Store) -> None:
    page = benchmark(big_store.read.browse_lessons, BrowseQuery().last_page())
    assert page.last == page.total >= LESSONS


@pytest.mark.parametrize("query", ["team", "te", "roadmap salary", "cat:res", "team at:company 12"])
def test_browse_filter(benchmark, big_store: Store, query: str) -> None:
    page = benchmark(big_store.read.browse_lessons, BrowseQuery(filter=parse_query(query)))
    assert page.total >= 0


def test_lesson_detail(benchmark, big_store: Store) -> None:
    lesson_id = big_store.read.browse_lessons(BrowseQuery()).rows[0].lesson_id
    assert benchmark(big_store.read.lesson_detail, lesson_id) is not None
