"""The mood chart never draws a day before the first check-in (pure helpers, no app)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.progress import WINDOWS, mood_series
from bounce_tui.widgets.mood_chart import drawn_points

TODAY = date(2026, 3, 10)


def on(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def first_drawn(moods: dict[date, float], window: int, *, from_first: bool | None = None) -> date:
    series = mood_series(moods, TODAY, window, from_first=from_first)
    points = drawn_points(series, window)
    return series.day(next(i for i, p in enumerate(points) if p is not None))


def test_long_ranges_start_at_the_first_check_in() -> None:
    moods = {on(-20 + i): 1.0 + i % 5 for i in range(21)}
    for window in WINDOWS[1:]:
        series = mood_series(moods, TODAY, window)
        assert series.start == on(-20)
        assert first_drawn(moods, window) == on(-20)
    assert mood_series(moods, TODAY, WINDOWS[0]).start == on(-29)  # a month shows every day


@given(
    st.dictionaries(st.integers(-400, 0).map(on), st.integers(1, 5).map(float), min_size=1),
    st.sampled_from(WINDOWS),
    st.booleans(),
)
def test_the_first_drawn_day_is_never_before_the_first_check_in(
    moods: dict[date, float], window: int, from_first: bool
) -> None:
    series = mood_series(moods, TODAY, window, from_first=from_first)
    points = drawn_points(series, window)
    drawn = [series.day(i) for i, p in enumerate(points) if p is not None]
    in_range = [day for day in moods if series.start <= day <= TODAY]
    if not drawn:
        return
    assert drawn[0] >= min(in_range)
    assert drawn[-1] <= max(in_range)
