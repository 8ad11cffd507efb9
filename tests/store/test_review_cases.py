"""Review, drills, undoing grades, ranked search and paging."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.lessons import DrillFilter
from bounce_tui.store.errors import NotFound
from bounce_tui.store.models import LessonReview
from bounce_tui.store.read import lesson_match, search
from bounce_tui.store.repository import Store

from .conftest import Clock

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HOSTILE_QUERIES = ['"', "*", "NEAR", "-", '"unterminated', "a OR b", "NEAR(a b)", "col:x", "^", ""]


def test_due_lessons_and_next_due(store: Store, clock: Clock) -> None:
    first = store.lessons.add_lesson("Sleep before the final", category="logistics")
    clock.advance(minutes=1)
    store.lessons.add_lesson("Bring a notebook", category="logistics")
    due = store.read.due_lessons()
    assert [c.text for c in due] == ["Sleep before the final", "Bring a notebook"]
    store.reviews.grade_lesson(first, 3)
    due = store.read.due_lessons()
    assert [c.text for c in due] == ["Bring a notebook"]
    assert store.read.next_due() == due[0].due


def test_undo_last_grade_restores_the_card(store: Store, clock: Clock) -> None:
    lesson = store.lessons.add_lesson("Slow down", category="mindset")
    (card,) = store.read.due_lessons()
    store.reviews.grade_lesson(lesson, 4)
    assert store.read.due_lessons() == []
    restored = store.reviews.undo_last_grade(lesson)
    assert restored.due == card.due and restored.last_review is None and restored.reviews == 0
    assert [c.lesson_id for c in store.read.due_lessons()] == [lesson]
    assert store.files.counts()["lesson_review"] == 0
    with pytest.raises(NotFound):
        store.reviews.undo_last_grade(lesson)


def test_drills_filter_by_company_stage_category_tag(store: Store) -> None:
    acme = store.rejections.log_rejection("Acme Robotics", stage="final")
    other = store.rejections.log_rejection("Globex", stage="screen")
    store.lessons.add_lesson("Ask about the roadmap", category="research", rejection_id=acme)
    store.lessons.add_lesson(
        "Practise the coding task", category="task", tags=["code"], rejection_id=other
    )
    store.lessons.add_lesson("Sleep well", category="logistics", tags=["code"])
    texts = lambda f: sorted(c.text for c in store.read.drill_lessons(f))  # noqa: E731
    assert texts(DrillFilter(company="  ACME robotics ")) == ["Ask about the roadmap"]
    assert texts(DrillFilter(stage="screen")) == ["Practise the coding task"]
    assert texts(DrillFilter(category="logistics")) == ["Sleep well"]
    assert texts(DrillFilter(tag="code")) == ["Practise the coding task", "Sleep well"]
    card = store.read.drill_lessons(DrillFilter(company="acme robotics"))[0]
    assert (card.company, card.stage) == ("Acme Robotics", "final")
    with pytest.raises(DomainError):
        store.read.drill_lessons(DrillFilter())


def test_drill_grades_leave_the_schedule(store: Store) -> None:
    lesson = store.lessons.add_lesson("Ask about the roadmap", category="research")
    store.reviews.grade_lesson(lesson, 1, drill=True)
    assert [c.lesson_id for c in store.read.due_lessons()] == [lesson]
    store.reviews.undo_last_grade(lesson)
    assert store.files.counts()["lesson_review"] == 0


def test_search_is_ranked_and_follows_edits_and_deletes(store: Store) -> None:
    a_text = "Research the team before the final round"
    a = store.lessons.add_lesson(a_text, category="research")
    store.lessons.add_lesson("Team lunch: ask about the team, the team's habits", category="fit")
    store.lessons.add_lesson("Sleep", category="logistics")
    found = store.read.search_lessons("team")
    assert len(found) == 2
    assert found[0].text.startswith("Team lunch")  # more occurrences rank first
    assert [x.text for x in store.read.search_lessons("resea")] == [a_text]  # prefix while typing
    store.lessons.edit_lesson(a, text="Read the annual report", category="research")
    assert [x.text for x in store.read.search_lessons("annual")] == ["Read the annual report"]
    assert len(store.read.search_lessons("team")) == 1
    store.lessons.delete_lesson(a)
    assert store.read.search_lessons("annual") == []


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_search_treats_query_syntax_literally(store: Store, query: str) -> None:
    store.lessons.add_lesson('He said "NEAR" - a * b OR c', category="interview")
    result = store.read.search_lessons(query)
    assert isinstance(result, list)
    if query in ("NEAR", "a OR b"):
        assert len(result) == 1


def test_like_fallback_without_the_index(store: Store, monkeypatch) -> None:
    store.lessons.add_lesson("Research the team_lead", category="research")
    store.lessons.add_lesson("100% prepared", category="mindset")
    monkeypatch.setattr(search, "has_index", lambda session: False)
    monkeypatch.setattr(lesson_match, "has_index", lambda conn: False)
    assert [x.text for x in store.read.search_lessons("TEAM")] == ["Research the team_lead"]
    assert [x.text for x in store.read.search_lessons("100")] == ["100% prepared"]
    assert store.read.search_lessons('"') == []


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text())
def test_any_typed_query_is_a_safe_search(store: Store, query: str) -> None:
    assert isinstance(store.read.search_lessons(query), list)


def test_schema_1_lessons_are_searchable_after_migration(tmp_path: Path, clock) -> None:
    path = tmp_path / "bounce.db"
    shutil.copy(FIXTURES / "schema_v1.db", path)
    store = Store(path, now=clock)
    try:
        assert [x.text for x in store.read.search_lessons("final round")] == [
            "Ask about the team before the final round"
        ]
    finally:
        store.close()
    conn = sqlite3.connect(path)
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert {"lesson_fts", "lesson_fts_insert", "lesson_fts_delete"} <= names


def test_lessons_page_walks_back_in_time(store: Store, clock: Clock) -> None:
    for number in range(7):
        store.lessons.add_lesson(f"lesson {number}")
        clock.advance(seconds=1)
    first = store.read.lessons_page(limit=3)
    assert [x.text for x in first] == ["lesson 6", "lesson 5", "lesson 4"]
    second = store.read.lessons_page(before=first[-1].created_at, limit=3)
    assert [x.text for x in second] == ["lesson 3", "lesson 2", "lesson 1"]


def test_interviews_are_announced_from_the_day_before(store: Store, clock: Clock) -> None:
    acme = store.rejections.log_rejection("Acme", stage="final")
    store.lessons.add_lesson("Ask about the roadmap", category="research", rejection_id=acme)
    other = store.rejections.log_rejection("Other", stage="final")
    store.lessons.add_lesson("Final rounds: the story", category="interview", rejection_id=other)
    soon = store.interviews.add_interview("acme", clock.moment + timedelta(days=1), stage="final")
    store.interviews.add_interview("Later Inc", clock.moment + timedelta(days=5))
    (view,) = store.read.upcoming_interviews()
    assert view.company == "acme" and view.matching_lessons == 2
    cards = store.read.drill_for_interview(soon)
    assert cards[0].company == "Acme"  # same company first, then same stage
    clock.advance(days=2)
    assert [v.company for v in store.read.upcoming_interviews()] == []
    with pytest.raises(DomainError):
        store.interviews.add_interview("Past", clock.moment - timedelta(days=2))


def test_drills_match_non_ascii_company_and_tag(store: Store) -> None:
    rejection = store.rejections.log_rejection("Ärzte GmbH")
    store.lessons.add_lesson("Bring the portfolio", tags=["café"], rejection_id=rejection)
    assert len(store.read.drill_lessons(DrillFilter(company="ärzte gmbh"))) == 1
    assert len(store.read.drill_lessons(DrillFilter(company="Ärzte GmbH"))) == 1
    assert len(store.read.drill_lessons(DrillFilter(tag="CAFÉ"))) == 1


def test_undo_takes_back_the_latest_grade_even_at_the_same_moment(store: Store) -> None:
    lesson = store.lessons.add_lesson("Slow down", category="mindset")
    store.reviews.grade_lesson(lesson, 1)
    after_first = store.read.due_lessons()[0].due if store.read.due_lessons() else None
    store.reviews.grade_lesson(lesson, 4)
    store.reviews.undo_last_grade(lesson)
    with store.db.reading() as session:
        grades = [r.grade for r in session.exec(select(LessonReview))]
    assert grades == [1]
    card = next(c for c in store.read.drill_lessons(DrillFilter(category="mindset")))
    assert after_first is None or card.due == after_first
