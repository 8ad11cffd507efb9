"""Bounce-back time, exactly as `domain.progress.bounce_back` defines it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.progress import BounceBack, bounce_back, median_bounce_back

R = date(2026, 4, 15)


def on(offset: int) -> date:
    return R + timedelta(days=offset)


def with_baseline(value: float = 4.0, days: tuple[int, ...] = (-10, -5, -1)) -> dict[date, float]:
    return {on(d): value for d in days}


def test_str() -> None:
    assert str(BounceBack("days", 3)) == "3 days"
    assert str(BounceBack("days", 1)) == "1 day"
    assert str(BounceBack("not_yet")) == "not yet"
    assert str(BounceBack("undefined")) == "—"


def test_bounce_back_checks_its_fields() -> None:
    with pytest.raises(ValueError):
        BounceBack("soon")
    with pytest.raises(ValueError):
        BounceBack("days")
    with pytest.raises(ValueError):
        BounceBack("not_yet", 2)


def test_undefined_without_three_baseline_days() -> None:
    data = with_baseline(days=(-3, -1))
    data.update({on(1): 5, on(2): 5, on(3): 5})
    assert bounce_back(data, R, on(10)) == BounceBack("undefined")


def test_baseline_window_is_the_14_days_before() -> None:
    # Days R-15 and R itself are outside the baseline window.
    data = {on(-15): 4.0, on(-14): 4.0, on(-2): 4.0, on(0): 4.0}
    assert bounce_back(data, R, on(10)).status == "undefined"
    data[on(-1)] = 4.0
    assert bounce_back(data, R, on(10)).status != "undefined"


def test_not_yet_while_mood_stays_low() -> None:
    data = with_baseline(4.0)
    data.update({on(0): 1, on(1): 2, on(2): 2, on(3): 3, on(4): 3})
    assert bounce_back(data, R, on(4)) == BounceBack("not_yet", baseline="before")
    assert bounce_back(with_baseline(4.0), R, on(4)) == BounceBack("not_yet", baseline="before")


def test_exact_day() -> None:
    data = with_baseline(4.0, days=(-6, -4, -2))  # baseline 4.0, target 3.75
    data.update({on(0): 1, on(1): 2, on(2): 3, on(3): 4, on(4): 4, on(5): 4})
    # D=3: mean(2, 3, 4) = 3.0; D=4: mean(3, 4, 4) = 3.67; D=5: mean(4, 4, 4) = 4.
    assert bounce_back(data, R, on(10)) == BounceBack("days", 5, "before")
    assert bounce_back(data, R, on(4)) == BounceBack(
        "not_yet", baseline="before"
    )  # D must be <= today


def test_threshold_is_baseline_minus_a_quarter() -> None:
    data = with_baseline(4.0, days=(-9, -8, -7))
    data.update({on(0): 2, on(1): 2, on(2): 3.75, on(3): 3.75, on(4): 3.75})
    # D=4: mean(3.75, 3.75, 3.75) = 3.75 >= 3.75; D=3: mean(2, 3.75, 3.75) = 3.17.
    assert bounce_back(data, R, on(6)) == BounceBack("days", 4, "before")


def test_window_needs_two_of_three_days() -> None:
    data = with_baseline(3.0, days=(-12, -11, -10))
    data.update({on(0): 1, on(3): 5})
    # D=3: only D has data (D-1, D-2 are empty), so it does not count.
    # D=4: D-1 has data, D-2 and D do not.
    assert bounce_back(data, R, on(20)) == BounceBack("not_yet", baseline="before")
    data[on(5)] = 5
    # D=5: D-2 (5) and D (5) have data: 2 of 3 is enough.
    assert bounce_back(data, R, on(20)) == BounceBack("days", 5, "before")


def test_window_may_reach_back_before_the_rejection() -> None:
    # D = R+1 uses R-1, R, R+1 (per the definition); good days around R count.
    data = with_baseline(3.0, days=(-4, -3, -2))
    data.update({on(-1): 3, on(1): 3})
    assert bounce_back(data, R, on(3)) == BounceBack("days", 1, "before")


def test_future_moods_are_ignored() -> None:
    data = with_baseline(4.0)
    data.update({on(5): 5, on(6): 5})
    assert bounce_back(data, R, on(4)) == BounceBack("not_yet", baseline="before")
    assert bounce_back(data, R, on(6)) == BounceBack("days", 6, "before")


def test_median() -> None:
    results = [BounceBack("days", 3), BounceBack("not_yet"), BounceBack("days", 8)]
    assert median_bounce_back(results) == 5.5
    assert median_bounce_back([*results, BounceBack("days", 1, "before")]) == 3.0
    assert median_bounce_back([BounceBack("undefined"), BounceBack("not_yet")]) is None
    assert median_bounce_back([]) is None


mood_maps = st.dictionaries(
    st.integers(min_value=-20, max_value=30).map(on),
    st.integers(min_value=1, max_value=5).map(float),
    max_size=40,
)


def reference(data: dict[date, float], today: date) -> BounceBack:
    """A literal, day-by-day reading of the definition in `bounce_back`'s docstring."""
    base = [data[on(-k)] for k in range(1, 15) if on(-k) in data]
    if len(base) < 3:
        return BounceBack("undefined")
    baseline = sum(base) / len(base)
    day = on(1)
    while day <= today:
        window = [
            data[day - timedelta(days=k)] for k in range(3) if day - timedelta(days=k) in data
        ]
        if len(window) >= 2 and sum(window) / len(window) >= baseline - 0.25 - 1e-9:
            return BounceBack("days", (day - R).days, "before")
        day += timedelta(days=1)
    return BounceBack("not_yet", baseline="before")


@given(mood_maps, st.integers(min_value=-5, max_value=35))
def test_matches_the_literal_definition(data: dict[date, float], today_offset: int) -> None:
    today = on(today_offset)
    result = bounce_back(data, R, today)
    assert result == reference(data, today)
    if result.status == "days":
        assert result.days is not None and 1 <= result.days <= today_offset
