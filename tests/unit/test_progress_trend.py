"""The trend sentence (`domain/trend.py`): computed from the check-ins, never canned."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.trend import RISING_SLOPE, TREND_DAYS, mood_trend, slope

TODAY = date(2026, 3, 10)


def on(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def series(values: list[float], gaps: list[int] | None = None) -> dict[date, float]:
    """``values`` on the days ending today, oldest first; ``gaps`` spaces them (default 1)."""
    steps = gaps or [1] * len(values)
    days: list[int] = []
    offset = 0
    for step in reversed(steps[: len(values)]):
        days.append(offset)
        offset -= step
    return {on(d): v for d, v in zip(reversed(days), values, strict=True)}


def test_too_little_data_says_nothing() -> None:
    assert mood_trend({}, TODAY) is None
    assert mood_trend(series([2.0, 4.0]), TODAY) is None
    # Old check-ins are not "lately".
    assert mood_trend({on(-30): 1.0, on(-29): 3.0, on(-28): 5.0}, TODAY) is None


def test_wording_follows_the_slope() -> None:
    rising = mood_trend(series([1.0, 2.0, 2.0, 3.0, 4.0]), TODAY)
    assert rising is not None and rising.direction == "rising"
    assert rising.sentence() == "your mood has been rising over your last 5 check-ins"
    dipping = mood_trend(series([4.0, 4.0, 3.0, 2.0]), TODAY)
    assert dipping is not None and dipping.direction == "dipping"
    assert "dipped a little" in dipping.sentence() and "up" not in dipping.sentence()
    steady = mood_trend(series([3.0, 3.0, 4.0, 3.0, 3.0]), TODAY)
    assert steady is not None and steady.direction == "steady"


def test_only_the_last_seven_check_in_days_count() -> None:
    moods = series([5.0, 5.0, 5.0] + [1.0, 2.0, 3.0, 3.0, 4.0, 4.0, 5.0])
    trend = mood_trend(moods, TODAY)
    assert trend is not None and trend.days == TREND_DAYS and trend.direction == "rising"


def test_slope_is_least_squares() -> None:
    assert slope([(0, 1), (1, 2), (2, 3)]) == pytest.approx(1.0)
    assert slope([(0, 1), (2, 1), (4, 4)]) == pytest.approx(0.75)
    with pytest.raises(ValueError):
        slope([(1, 2), (1, 3)])


steps = st.lists(st.integers(min_value=1, max_value=3), min_size=7, max_size=7)
#: Daily moods are means of whole moods; hundredths cover every mean a day can have.
moods = st.lists(
    st.integers(min_value=100, max_value=500).map(lambda n: n / 100),
    min_size=3,
    max_size=7,
    unique=True,
)


@given(moods, steps)
def test_a_strictly_rising_series_never_reads_as_falling(
    values: list[float], gaps: list[int]
) -> None:
    trend = mood_trend(series(sorted(values), gaps), TODAY)
    assert trend is not None
    assert trend.slope > 0 and trend.direction != "dipping"
    assert "dipped" not in trend.sentence()


@given(moods, steps)
def test_a_strictly_falling_series_never_reads_as_rising(
    values: list[float], gaps: list[int]
) -> None:
    trend = mood_trend(series(sorted(values, reverse=True), gaps), TODAY)
    assert trend is not None
    assert trend.slope < 0 and trend.direction != "rising"
    assert "rising" not in trend.sentence()


@given(st.dictionaries(st.integers(-20, 0).map(on), st.integers(1, 5).map(float)))
def test_the_direction_matches_the_sign_of_the_slope(data: dict[date, float]) -> None:
    trend = mood_trend(data, TODAY)
    if trend is None:
        return
    if trend.direction == "rising":
        assert trend.slope >= RISING_SLOPE
    elif trend.direction == "dipping":
        assert trend.slope <= -RISING_SLOPE
    else:
        assert abs(trend.slope) < RISING_SLOPE
