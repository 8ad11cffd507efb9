"""Lessons: categories, grades, FSRS scheduling, drill filters."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.lessons import (
    CATEGORIES,
    CardState,
    DrillFilter,
    Grade,
    LessonFacts,
    grade,
    is_due,
    matches,
    new_card,
    parse_grade,
    validate_category,
)

UTC = timezone.utc
NOW = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)


def test_validate_category() -> None:
    assert len(CATEGORIES) == 8
    assert validate_category(" Interview ") == "interview"
    with pytest.raises(DomainError, match="category must be one of: resume, preparation"):
        validate_category("luck")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, Grade.AGAIN),
        ("2", Grade.HARD),
        ("good", Grade.GOOD),
        ("EASY", Grade.EASY),
        (Grade.GOOD, Grade.GOOD),
    ],
)
def test_parse_grade(value: object, expected: Grade) -> None:
    assert parse_grade(value) is expected


@pytest.mark.parametrize("value", [0, 5, "5", "great", True, None, 3.0])
def test_parse_grade_rejects(value: object) -> None:
    with pytest.raises(DomainError, match="grade"):
        parse_grade(value)


def test_new_card_is_due_now() -> None:
    card = new_card(datetime(2026, 2, 1, 4, 0, tzinfo=ZoneInfo("America/New_York")))
    assert card.due == NOW
    assert card.due.tzinfo is UTC
    assert card.state == 1 and card.step == 0 and card.stability is None
    assert is_due(card, NOW)
    assert not is_due(card, NOW - timedelta(seconds=1))


def test_grade_schedules_in_whole_days_after_now() -> None:
    card = grade(new_card(NOW), Grade.GOOD, NOW)
    assert card.state == 2 and card.step is None
    assert card.last_review == NOW
    assert card.due > NOW
    assert (card.due - NOW) % timedelta(days=1) == timedelta(0)
    assert card.stability is not None and card.difficulty is not None
    assert not is_due(card, NOW)


def test_grade_accepts_other_zones_and_returns_utc() -> None:
    card = grade(new_card(NOW), Grade.EASY, NOW.astimezone(ZoneInfo("Asia/Tokyo")))
    assert card.due.tzinfo is UTC and card.last_review == NOW


def test_grade_is_deterministic() -> None:
    a = grade(grade(new_card(NOW), Grade.GOOD, NOW), Grade.HARD, NOW + timedelta(days=3))
    b = grade(grade(new_card(NOW), Grade.GOOD, NOW), Grade.HARD, NOW + timedelta(days=3))
    assert a == b


def test_intervals_grow_under_repeated_good() -> None:
    card, now, intervals = new_card(NOW), NOW, []
    for _ in range(6):
        card = grade(card, Grade.GOOD, now)
        intervals.append(card.due - now)
        now = card.due
    assert intervals == sorted(intervals)
    assert all(a < b for a, b in zip(intervals, intervals[1:], strict=False))


def test_first_grades_are_ordered() -> None:
    due = [grade(new_card(NOW), g, NOW).due for g in Grade]
    assert due == sorted(due)
    assert due[0] < due[-1]


def test_grade_rejects_a_corrupt_state() -> None:
    with pytest.raises(DomainError):
        grade(CardState(due=NOW, state=7), Grade.GOOD, NOW)


@given(
    goods=st.integers(min_value=1, max_value=4),
    delays=st.lists(st.integers(min_value=0, max_value=90 * 24), min_size=5, max_size=5),
)
def test_again_after_goods_is_shorter_than_good(goods: int, delays: list[int]) -> None:
    card, now = new_card(NOW), NOW
    for hours in delays[:goods]:
        now += timedelta(hours=hours)
        card = grade(card, Grade.GOOD, now)
        assert card.due > now
    now += timedelta(hours=delays[goods])
    again = grade(card, Grade.AGAIN, now)
    good = grade(card, Grade.GOOD, now)
    assert now < again.due < good.due
    assert again.last_review == now


@given(st.lists(st.tuples(st.sampled_from(list(Grade)), st.integers(0, 400 * 24)), max_size=8))
def test_due_is_always_after_the_review(reviews: list[tuple[Grade, int]]) -> None:
    card, now = new_card(NOW), NOW
    for g, hours in reviews:
        now += timedelta(hours=hours)
        card = grade(card, g, now)
        assert card.due > now
        assert card.last_review == now


LESSON = LessonFacts(
    text="Prepare two questions about the team",
    category="preparation",
    tags=("questions", "prep"),
    company="Acme Corp",
    stage="interview",
)


def test_drill_filter_empty() -> None:
    assert DrillFilter().is_empty
    assert DrillFilter(company="  ").is_empty
    assert not DrillFilter(tag="prep").is_empty
    assert matches(DrillFilter(), LESSON)


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (DrillFilter(company="  acme corp "), True),
        (DrillFilter(company="ACME CORP", stage="Interview"), True),
        (DrillFilter(company="Acme"), False),
        (DrillFilter(stage="final"), False),
        (DrillFilter(category="PREPARATION"), True),
        (DrillFilter(category="resume"), False),
        (DrillFilter(tag="Prep"), True),
        (DrillFilter(tag="salary"), False),
        (DrillFilter(company="acme corp", category="preparation", tag="questions"), True),
        (DrillFilter(company="acme corp", category="resume"), False),
    ],
)
def test_matches(f: DrillFilter, expected: bool) -> None:
    assert matches(f, LESSON) is expected


def test_matches_lesson_without_company_or_stage() -> None:
    bare = LessonFacts("text", "mindset")
    assert not matches(DrillFilter(company="Acme"), bare)
    assert not matches(DrillFilter(stage="final"), bare)
    assert matches(DrillFilter(category="mindset"), bare)
