"""Lessons that read alike are offered; the person groups them into themes."""

from __future__ import annotations

import pytest

from bounce_tui.domain.errors import DomainError
from bounce_tui.store.read import repeats
from bounce_tui.store.repository import Store
from tests.conftest import Clock

STORY = "Prepare a crisp story about influencing a senior stakeholder, with the outcome"
STORIES = "Prepare two concrete stakeholder-management stories (conflict, pushback) with outcomes"


def practise_items(store: Store) -> list[str]:
    return [i.title for i in store.read.main_snapshot().items if i.title.startswith("practise:")]


def test_a_paraphrase_is_offered_with_its_company_and_day(store: Store, clock: Clock) -> None:
    northwind = store.rejections.log_rejection("Northwind")
    old = store.lessons.add_lesson(STORY, rejection_id=northwind)
    store.lessons.add_lesson("Sleep properly the night before a final round")
    clock.advance(days=3)
    found = store.lessons.similar_lessons("", STORIES)
    assert [s.lesson_id for s in found] == [old]
    assert found[0].company == "Northwind" and found[0].text == STORY
    assert found[0].theme_id is None and found[0].score >= 0.5
    # Nothing is marked until the person says so.
    assert not any(lesson.recurring for lesson in store.read.main_snapshot().lessons)


def test_the_lesson_itself_and_its_theme_are_left_out(store: Store) -> None:
    a = store.lessons.add_lesson(STORY)
    b = store.lessons.add_lesson(STORIES)
    assert [s.lesson_id for s in store.lessons.similar_lessons("", STORIES, exclude_id=b)] == [a]
    store.lessons.join_theme(b, a)
    assert store.lessons.similar_lessons("", STORIES, exclude_id=b) == []


def test_typed_query_syntax_is_only_words(store: Store) -> None:
    store.lessons.add_lesson('Say "NEAR" and * and -x about the salary range')
    found = store.lessons.similar_lessons("", 'say "NEAR" (salary) range* -x: OR AND')
    assert len(found) == 1
    assert store.lessons.similar_lessons("", "the and of 42") == []


def test_without_a_search_index_the_newest_lessons_are_scored(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = store.lessons.add_lesson(STORY)
    monkeypatch.setattr(repeats, "has_index", lambda session: False)
    assert [s.lesson_id for s in store.lessons.similar_lessons("", STORIES)] == [old]


def test_joining_a_theme_marks_both_and_adds_one_practise_item(store: Store) -> None:
    rejection = store.rejections.log_rejection("Acme")
    a = store.lessons.add_lesson(STORY)
    b = store.lessons.add_lesson(STORIES, rejection_id=rejection)
    theme = store.lessons.join_theme(b, a)
    assert theme == a
    c = store.lessons.add_lesson("Prepare stakeholder stories with outcomes")
    assert store.lessons.join_theme(c, b) == a
    lessons = {v.lesson_id: v for v in store.read.main_snapshot().lessons}
    assert all(lessons[x].recurring and lessons[x].theme_id == a for x in (a, b, c))
    assert all(lessons[x].theme_size == 3 for x in (a, b, c))
    assert len(practise_items(store)) == 1
    items = store.read.main_snapshot().items_for(rejection)
    assert [i.title for i in items if i.title.startswith("practise:")] == ["practise: " + STORY]


def test_leaving_a_theme_of_two_ends_it(store: Store) -> None:
    a = store.lessons.add_lesson(STORY)
    b = store.lessons.add_lesson(STORIES)
    store.lessons.join_theme(b, a)
    store.lessons.leave_theme(b)
    lessons = store.read.main_snapshot().lessons
    assert all(not v.recurring and v.theme_id is None and v.theme_size == 0 for v in lessons)


def test_moving_to_another_theme_ends_a_theme_left_alone(store: Store) -> None:
    a, b, c = (store.lessons.add_lesson(t) for t in (STORY, STORIES, "Sleep well"))
    store.lessons.join_theme(b, a)
    store.lessons.join_theme(b, c)
    lessons = {v.lesson_id: v for v in store.read.main_snapshot().lessons}
    assert lessons[a].theme_id is None and not lessons[a].recurring
    assert lessons[b].theme_id == lessons[c].theme_id == c
    assert len(practise_items(store)) == 2  # each confirmed theme got its item once


def test_a_lesson_is_not_its_own_repeat(store: Store) -> None:
    a = store.lessons.add_lesson(STORY)
    with pytest.raises(DomainError):
        store.lessons.join_theme(a, a)


def test_an_edit_into_a_repeat_is_found(store: Store) -> None:
    a = store.lessons.add_lesson(STORY)
    b = store.lessons.add_lesson("Sleep well")
    assert store.lessons.similar_lessons("", "Sleep well", exclude_id=b) == []
    store.lessons.edit_lesson(b, text=STORIES, category="interview")
    assert [s.lesson_id for s in store.lessons.similar_lessons("", STORIES, exclude_id=b)] == [a]
