"""The domain rules imports share with entry: date range, zones, tags, FSRS cards, settings."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain import lessons, settings
from bounce_tui.domain.dates import (
    CLOCK_SKEW,
    check_day_in_range,
    check_moment_in_range,
    days_of_moment,
    local_day,
)
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import MAX_TAGS, clean_tags

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1969, 12, 31), date(2101, 1, 1), date.max])
def test_days_outside_1970_to_2100_are_refused(day: date) -> None:
    with pytest.raises(DomainError, match="from 1970 to 2100"):
        check_day_in_range(day, "day")


def test_a_moment_may_be_a_day_ahead_of_the_clock_and_no_more() -> None:
    assert check_moment_in_range(NOW + CLOCK_SKEW, "at", now=NOW)
    with pytest.raises(DomainError, match="at is in the future"):
        check_moment_in_range(NOW + CLOCK_SKEW + timedelta(seconds=1), "at", now=NOW)


@given(
    st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 12, 30)),
    st.integers(min_value=-12 * 4, max_value=14 * 4),
)
def test_the_day_in_any_zone_is_among_the_days_of_a_moment(wall: datetime, quarters: int) -> None:
    moment = wall.replace(tzinfo=timezone.utc)
    zone = timezone(timedelta(minutes=15 * quarters))
    first, last = days_of_moment(moment)
    assert first <= local_day(moment, zone) <= last


def test_more_than_max_tags_are_refused_and_duplicates_do_not_count() -> None:
    assert len(clean_tags([f"t{i}" for i in range(MAX_TAGS)] + ["t0", "T1"])) == MAX_TAGS
    with pytest.raises(DomainError, match=f"at most {MAX_TAGS} tags"):
        clean_tags([f"t{i}" for i in range(MAX_TAGS + 1)])


def _card(**changes: object) -> lessons.CardState:
    base = lessons.CardState(due=NOW, stability=2.3, difficulty=5.0, state=2, step=None)
    return base._replace(**changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"state": 0}, "card_state"),
        ({"state": 7}, "card_state"),
        ({"state": True}, "card_state"),
        ({"step": -1}, "card_step"),
        ({"stability": -5.0}, "stability"),
        ({"stability": math.nan}, "stability"),
        ({"stability": math.inf}, "stability"),
        ({"difficulty": 0.5}, "difficulty"),
        ({"stability": None}, "stability"),
        ({"state": 1, "stability": None}, "stability"),
    ],
)
def test_a_card_fsrs_cannot_grade_is_refused(changes: dict[str, object], field: str) -> None:
    with pytest.raises(DomainError, match=field):
        lessons.check_card(_card(**changes))


@given(st.sampled_from(list(lessons.Grade)), st.integers(min_value=0, max_value=5))
def test_every_card_fsrs_makes_passes_the_check(grade: lessons.Grade, reviews: int) -> None:
    card = lessons.new_card(NOW)
    for _ in range(reviews):
        card = lessons.check_card(lessons.grade(card, grade, card.due))
    lessons.check_card(card)


def test_card_before_is_read_back_or_refused() -> None:
    card = _card()
    kept = {"due": NOW.isoformat(), "stability": 2.3, "difficulty": 5.0, "state": 2,
            "step": None, "last_review": None}  # fmt: skip
    assert lessons.card_from_dict(kept) == card
    for broken in ({}, {"due": "soon"}, {**kept, "due": "2026-03-10T09:30"}, {**kept, "x": 1}, []):
        with pytest.raises(DomainError, match="card_before"):
            lessons.card_from_dict(broken)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("mourning.final", "²"),
        ("mourning.final", "15"),
        ("mourning.final", " 3"),
        ("mourning.offer", "3"),
        ("reminder_hour", "24"),
        ("reminder_hour", "٣"),
        ("theme", ""),
        ("theme", "[bold]x"),
        ("gentle_prompt.dismissed_until", "someday"),
        ("gentle_prompt.dismissed_until", "9999-12-31"),
        ("surprise", "1"),
    ],
)
def test_settings_outside_their_rules_are_refused(key: str, value: str) -> None:
    with pytest.raises(DomainError):
        settings.check_setting(key, value)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("mourning.final", "3"),
        ("mourning.applied", "14"),
        ("reminder_hour", "0"),
        ("reminder_hour", "23"),
        ("theme", "catppuccin-mocha"),
        ("gentle_prompt.dismissed_until", "2026-03-16"),
    ],
)
def test_settings_the_app_writes_are_accepted(key: str, value: str) -> None:
    assert settings.check_setting(key, value) == value
