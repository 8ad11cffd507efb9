"""Mood check-ins: validation, labels, day means and the streak."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.checkins import (
    MOOD_LABELS,
    day_moods,
    mood_label,
    streak,
    validate_energy,
    validate_mood,
)
from bounce_tui.domain.errors import DomainError

TODAY = date(2026, 5, 20)


def days_ago(*offsets: int) -> list[date]:
    return [TODAY - timedelta(days=n) for n in offsets]


@pytest.mark.parametrize(("value", "expected"), [(1, 1), (5, 5), ("3", 3), (" 4 ", 4)])
def test_validate_mood_accepts(value: int | str, expected: int) -> None:
    assert validate_mood(value) == expected


@pytest.mark.parametrize("value", [0, 6, -1, "0", "6", "three", "3.5", 3.0, "", True, False, None])
def test_validate_mood_rejects(value: object) -> None:
    with pytest.raises(DomainError, match="^mood must be a whole number from 1 to 5$"):
        validate_mood(value)  # type: ignore[arg-type]


def test_validate_energy() -> None:
    assert validate_energy(None) is None
    assert validate_energy("2") == 2
    assert validate_energy(5) == 5
    for bad in (0, 6, "x", True):
        with pytest.raises(DomainError, match="^energy must be a whole number from 1 to 5$"):
            validate_energy(bad)  # type: ignore[arg-type]


def test_mood_labels() -> None:
    assert MOOD_LABELS == {1: "awful", 2: "low", 3: "okay", 4: "good", 5: "great"}
    assert [mood_label(m) for m in (1, 2, 3, 4, 5)] == ["awful", "low", "okay", "good", "great"]


def test_mood_label_rounds_half_up() -> None:
    assert mood_label(2.5) == "okay"
    assert mood_label(2.49) == "low"
    assert mood_label(3.5) == "good"
    assert mood_label(4.5) == "great"
    assert mood_label(1.49) == "awful"
    assert mood_label(10 / 3) == "okay"
    assert mood_label(3.4999999999999996) == "good"  # float noise of a true 3.5


def test_mood_label_clamps_and_rejects_nan() -> None:
    assert mood_label(0.2) == "awful"
    assert mood_label(9) == "great"
    with pytest.raises(DomainError):
        mood_label(float("nan"))


def test_day_moods_is_the_mean_of_the_day() -> None:
    d1, d2 = date(2026, 5, 1), date(2026, 5, 2)
    moods = day_moods([(d2, 4), (d1, 2), (d1, 3), (d1, 5), (d2, 4)])
    assert moods == {d1: pytest.approx(10 / 3), d2: 4.0}
    assert list(moods) == [d1, d2]
    assert day_moods([]) == {}


def test_streak_counts_back_from_today() -> None:
    assert streak(days_ago(0, 1, 2), [], TODAY) == 3


def test_streak_today_not_over_yet() -> None:
    assert streak(days_ago(1, 2, 3), [], TODAY) == 3
    assert streak(days_ago(2, 3), [], TODAY) == 0


def test_streak_skip_bridges_but_does_not_count() -> None:
    assert streak(days_ago(0, 2, 3), days_ago(1), TODAY) == 3
    assert streak(days_ago(1, 2), days_ago(0), TODAY) == 2
    assert streak([], days_ago(0, 1, 2), TODAY) == 0


def test_streak_stops_at_a_gap() -> None:
    assert streak(days_ago(0, 1, 3, 4, 5), [], TODAY) == 2


def test_streak_ignores_future_and_duplicates() -> None:
    future = [TODAY + timedelta(days=1), TODAY + timedelta(days=2)]
    assert streak(future + days_ago(0, 0, 1), future, TODAY) == 2
    assert streak(future, [], TODAY) == 0


def test_streak_at_the_start_of_the_calendar() -> None:
    assert streak([date.min], [], date.min) == 1
    assert streak([], [], date.min) == 0


day_offsets = st.sets(st.integers(min_value=-5, max_value=60), max_size=40)


@given(day_offsets, day_offsets)
def test_streak_is_bounded(checkins: set[int], skips: set[int]) -> None:
    checkin_days = [TODAY - timedelta(days=n) for n in checkins]
    skipped_days = [TODAY - timedelta(days=n) for n in skips]
    result = streak(checkin_days, skipped_days, TODAY)
    assert 0 <= result <= len({d for d in checkin_days if d <= TODAY})


@given(day_offsets, day_offsets)
def test_adding_a_checkin_today_never_lowers_the_streak(
    checkins: set[int], skips: set[int]
) -> None:
    checkin_days = [TODAY - timedelta(days=n) for n in checkins]
    skipped_days = [TODAY - timedelta(days=n) for n in skips]
    before = streak(checkin_days, skipped_days, TODAY)
    assert streak([*checkin_days, TODAY], skipped_days, TODAY) >= before
