"""The lessons browser's reads: filter, sort, keyset pages both ways, one lesson in full."""

from __future__ import annotations

import pytest

from bounce_tui.domain.browse import SORT_ORDER, BrowsePage, BrowseQuery, Sort
from bounce_tui.domain.lesson_query import parse_query
from bounce_tui.store.repository import Store

from .conftest import Clock


def _fill(store: Store, clock: Clock, count: int) -> list[str]:
    """`count` lessons, a minute apart, alternating two companies and three categories."""
    acme = store.rejections.log_rejection("Acme", role="Analyst", stage="final")
    globex = store.rejections.log_rejection("Globex", stage="screen")
    categories = ("interview", "research", "mindset")
    ids = []
    for n in range(count):
        clock.advance(minutes=1)
        ids.append(
            store.lessons.add_lesson(
                f"lesson {n:03d} about {'salary' if n % 4 == 0 else 'stories'}",
                category=categories[n % 3],
                rejection_id=(acme, globex, None)[n % 3],
                prompt=f"front {n:03d}" if n % 2 else "",
            )
        )
    return ids


def _walk(store: Store, query: BrowseQuery) -> list[str]:
    """Every lesson id, page by page with next_page."""
    seen: list[str] = []
    page = store.read.browse_lessons(query)
    while True:
        seen += [row.lesson_id for row in page.rows]
        if not page.has_next:
            return seen
        page = store.read.browse_lessons(page.next_page())


def test_empty(store: Store) -> None:
    page = store.read.browse_lessons(BrowseQuery())
    assert page.rows == () and page.total == 0 and not page.has_next and not page.has_previous


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", SORT_ORDER)
def test_pages_cover_every_lesson_once_in_order(
    store: Store, clock: Clock, sort: Sort, descending: bool
) -> None:
    ids = _fill(store, clock, 23)
    store.reviews.grade_lesson(ids[5], 1)
    store.reviews.grade_lesson(ids[7], 4)
    store.reviews.grade_lesson(ids[7], 2)
    query = BrowseQuery(sort=sort, descending=descending, limit=5)
    walked = _walk(store, query)
    assert sorted(walked) == sorted(ids)
    whole = store.read.browse_lessons(BrowseQuery(sort=sort, descending=descending, limit=100))
    assert walked == [row.lesson_id for row in whole.rows]


def test_sort_orders(store: Store, clock: Clock) -> None:
    ids = _fill(store, clock, 6)
    store.reviews.grade_lesson(ids[2], 1)
    store.reviews.grade_lesson(ids[4], 4)
    store.reviews.grade_lesson(ids[4], 3)

    def order(sort: Sort, descending: bool = False) -> list[str]:
        page = store.read.browse_lessons(BrowseQuery(sort=sort, descending=descending))
        return [row.lesson_id for row in page.rows]

    assert order(Sort.ADDED) == ids
    assert order(Sort.ADDED, True) == ids[::-1]
    assert order(Sort.REVIEWS, True)[:2] == [ids[4], ids[2]]
    # never graded stays last both ways
    assert order(Sort.LAST_GRADE)[:2] == [ids[2], ids[4]]
    assert order(Sort.LAST_GRADE, True)[:2] == [ids[4], ids[2]]
    # lessons with no rejection last both ways; fronts of their own before generated ones
    assert set(order(Sort.COMPANY)[-2:]) == {ids[2], ids[5]}
    assert set(order(Sort.COMPANY, True)[-2:]) == {ids[2], ids[5]}
    assert order(Sort.FRONT)[:3] == [ids[1], ids[3], ids[5]]
    assert order(Sort.FRONT, True)[:3] == [ids[5], ids[3], ids[1]]


def test_previous_last_and_again(store: Store, clock: Clock) -> None:
    ids = _fill(store, clock, 12)
    query = BrowseQuery(sort=Sort.ADDED, limit=5)
    first = store.read.browse_lessons(query)
    second = store.read.browse_lessons(first.next_page())
    assert (second.first, second.last, second.total) == (6, 10, 12)
    assert second.has_previous and second.has_next
    back = store.read.browse_lessons(second.previous_page())
    assert [r.lesson_id for r in back.rows] == ids[:5] and not back.has_previous
    last = store.read.browse_lessons(query.last_page())
    assert [r.lesson_id for r in last.rows] == ids[7:] and (last.first, last.last) == (8, 12)
    assert not last.has_next and last.has_previous
    before_last = store.read.browse_lessons(last.previous_page())
    assert [r.lesson_id for r in before_last.rows] == ids[2:7]
    # read again after a change: from the same first row on
    store.lessons.delete_lesson(ids[9])
    again = store.read.browse_lessons(second.again())
    assert [r.lesson_id for r in again.rows] == [ids[5], ids[6], ids[7], ids[8], ids[10]]
    assert again.total == 11


def test_filter_words_categories_and_companies(store: Store, clock: Clock) -> None:
    ids = _fill(store, clock, 12)

    def found(text: str) -> BrowsePage:
        return store.read.browse_lessons(BrowseQuery(filter=parse_query(text), sort=Sort.ADDED))

    salary = found("salary")
    assert [r.lesson_id for r in salary.rows] == [ids[0], ids[4], ids[8]]
    assert salary.total == 3
    assert found("sal").total == 3  # the last word is a prefix
    assert found("story").total == 9  # stemmed: "stories"
    assert [r.lesson_id for r in found("cat:res").rows] == ids[1::3]
    assert [r.lesson_id for r in found("at:acm").rows] == ids[0::3]
    assert [r.lesson_id for r in found("salary at:acme cat:interview").rows] == [ids[0]]
    assert found("front").total == 6  # fronts are searched too
    for hostile in ('"', "NEAR(a b)", "at:%", "cat:_", "100%", "*"):
        assert isinstance(found(hostile), BrowsePage)
    assert found("at:%").total == 0


def test_row_values(store: Store, clock: Clock) -> None:
    acme = store.rejections.log_rejection("Acme", stage="final")
    lesson = store.lessons.add_lesson("Ask about the team", category="research", rejection_id=acme)
    clock.advance(hours=1)
    store.reviews.grade_lesson(lesson, 2)
    (row,) = store.read.browse_lessons(BrowseQuery()).rows
    assert (row.company, row.stage, row.reviews, row.last_grade) == ("Acme", "final", 1, 2)
    assert row.generated and row.front().startswith("Acme · final")
    assert row.theme_id is None


def test_lesson_detail(store: Store, clock: Clock) -> None:
    acme = store.rejections.log_rejection("Acme", role="Analyst", stage="final")
    lesson = store.lessons.add_lesson(
        "Bring numbers\nand one story", category="interview", tags=["star"],
        rejection_id=acme, prompt="They asked for impact",
    )  # fmt: skip
    clock.advance(days=1)
    store.reviews.grade_lesson(lesson, 3)
    clock.advance(days=1)
    store.reviews.grade_lesson(lesson, 1, drill=True)
    detail = store.read.lesson_detail(lesson)
    assert detail is not None
    assert detail.lesson.text == "Bring numbers\nand one story"
    assert detail.front() == "They asked for impact" and not detail.generated
    assert (detail.role, detail.stage, detail.lesson.company) == ("Analyst", "final", "Acme")
    assert [(r.name, r.drill) for r in detail.reviews] == [("again", True), ("good", False)]
    assert detail.reviews[0].reviewed_at > detail.reviews[1].reviewed_at
    assert detail.theme_size == 0 and detail.card.lesson_id == lesson
    store.lessons.delete_lesson(lesson)
    assert store.read.lesson_detail(lesson) is None


def test_lesson_detail_counts_its_theme(store: Store, clock: Clock) -> None:
    first = store.lessons.add_lesson("Slow down", category="mindset")
    second = store.lessons.add_lesson("Breathe first", category="mindset")
    with store.db.writing() as session:
        from bounce_tui.store.models import Lesson

        for lesson_id in (first, second):
            row = session.get(Lesson, lesson_id)
            assert row is not None
            row.theme_id = first
    detail = store.read.lesson_detail(second)
    assert detail is not None and detail.lesson.theme_id == first and detail.theme_size == 2
    (row, _) = store.read.browse_lessons(BrowseQuery(sort=Sort.ADDED)).rows
    assert row.theme_id == first


def test_a_page_is_found_by_seeking_not_counting(store: Store, clock: Clock) -> None:
    """The page after a key is asked for by row value, so deep pages cost no more."""
    ids = _fill(store, clock, 30)
    page = store.read.browse_lessons(BrowseQuery(sort=Sort.DUE, limit=10))
    for _ in range(2):
        page = store.read.browse_lessons(page.next_page())
    assert page.query.after is not None and page.first == 21
    assert {r.lesson_id for r in page.rows} <= set(ids)
