"""The progress figures (domain/progress.py) and the pure helpers the progress widgets draw with.

Properties (Hypothesis) for the rules that must hold for any data, and one test
per edge case the module docstring decides: no data, one check-in, gaps of
months, several check-ins a day, no mood before or after a rejection, a mood
that never comes back, days fixed at check-in time, and the gentle prompt.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain import checkins
from bounce_tui.domain.mourning import Mourning
from bounce_tui.domain.progress import (
    SKIPPED,
    BounceBack,
    Completion,
    PeriodFact,
    RejectionFact,
    actual_days,
    bounce_back,
    build_report,
    gentle_prompt_due,
    mean_actual_days,
    mean_planned_days,
    mean_urges,
    mood_level,
    mood_series,
    overall_completion,
    reviews_this_week,
    year_in_pixels,
)

TODAY = date(2026, 3, 10)


def on(offset: int) -> date:
    return TODAY + timedelta(days=offset)


day_offsets = st.integers(min_value=-60, max_value=5)
mood_values = st.integers(min_value=1, max_value=5)
mood_maps = st.dictionaries(day_offsets.map(on), mood_values.map(float), max_size=60)


# -- properties -----------------------------------------------------------------------------


@given(st.sets(day_offsets.map(on)), st.sets(day_offsets.map(on)), day_offsets.map(on))
def test_streak_is_never_negative_nor_more_than_the_days(
    checked: set[date], skipped: set[date], today: date
) -> None:
    count = checkins.streak(checked, skipped, today)
    assert 0 <= count <= len([d for d in checked if d <= today])


@given(mood_maps, st.integers(min_value=-30, max_value=0).map(on), st.integers(0, 20))
def test_bounce_back_is_defined_only_when_the_data_allows(
    moods: dict[date, float], rejection: date, later: int
) -> None:
    today = rejection + timedelta(days=later)
    result = bounce_back(moods, rejection, today)
    baseline = [moods[d] for k in range(1, 15) if (d := rejection - timedelta(days=k)) in moods]
    assert (result.status == "undefined") == (len(baseline) < 3)
    if result.status == "days":
        assert result.days is not None and 1 <= result.days <= later
        back = rejection + timedelta(days=result.days)
        window = [moods[d] for k in range(3) if (d := back - timedelta(days=k)) in moods]
        assert len(window) >= 2  # 2 of 3 days in the window have check-ins
        assert sum(window) / len(window) >= sum(baseline) / len(baseline) - 0.25 - 1e-9
    else:
        assert result.days is None


@given(st.lists(st.tuples(day_offsets.map(on), mood_values), max_size=40))
def test_the_day_mood_is_the_mean_of_its_check_ins(entries: list[tuple[date, int]]) -> None:
    moods = checkins.day_moods(entries)
    assert set(moods) == {day for day, _ in entries}
    for day, mood in moods.items():
        values = [m for d, m in entries if d == day]
        assert mood == pytest.approx(sum(values) / len(values))
        assert 1 <= mood <= 5


@given(mood_maps, st.sampled_from([1, 7, 30, 90, 365]), day_offsets.map(on))
def test_the_mood_series_has_exactly_window_points(
    moods: dict[date, float], window: int, today: date
) -> None:
    series = mood_series(moods, today, window, from_first=False)
    assert len(series.points) == window
    assert series.end == today and series.day(window - 1) == today
    assert series.start == today - timedelta(days=window - 1)
    for index, point in enumerate(series.points):
        assert point == moods.get(series.day(index))


@given(mood_maps, st.integers(min_value=1, max_value=400), day_offsets.map(on))
def test_a_long_range_starts_at_the_first_check_in(
    moods: dict[date, float], window: int, today: date
) -> None:
    series = mood_series(moods, today, window, from_first=True)
    window_start = today - timedelta(days=window - 1)
    in_range = [day for day in moods if window_start <= day <= today]
    assert series.end == today
    assert series.start == (min(in_range) if in_range else window_start)
    assert len(series.points) == (today - series.start).days + 1
    for index, point in enumerate(series.points):
        assert point == moods.get(series.day(index))


def test_a_window_needs_a_day() -> None:
    with pytest.raises(ValueError):
        mood_series({}, TODAY, 0)


# -- edge cases ------------------------------------------------------------------------------


def test_no_data_at_all() -> None:
    report = build_report(today=TODAY, window_days=30, moods={})
    assert report.is_empty
    assert report.streak == 0
    assert report.median_bounce_back is None
    assert report.series.points == (None,) * 30 and not report.series.has_data
    assert set(report.pixels.cells) == {None} and len(report.pixels.cells) == 365
    assert report.checklist == Completion(None, "all", 0, 0)
    assert report.checklist.fraction is None
    assert report.reviews_this_week == 0 and not report.gentle_prompt


def test_one_check_in() -> None:
    report = build_report(
        today=TODAY,
        window_days=30,
        moods={TODAY: 3.0},
        rejections=[RejectionFact("r", "Acme", TODAY)],
    )
    assert not report.is_empty
    assert report.streak == 1
    assert [p for p in report.series.points if p is not None] == [3.0]
    assert str(report.bounce_backs[0].result) == "—"  # no baseline: undefined
    assert report.median_bounce_back is None


def test_gaps_of_months_stay_gaps() -> None:
    moods = {on(-200 + i): 4.0 for i in range(10)} | {on(-2): 2.0, on(-1): 3.0, on(0): 4.0}
    report = build_report(
        today=TODAY,
        window_days=365,
        moods=moods,
        rejections=[RejectionFact("r", "Acme", on(-3))],
    )
    assert report.streak == 3
    series = report.series_for(365)
    assert sum(p is not None for p in series.points) == 13
    assert series.points[-10] is None  # nothing is interpolated
    assert report.pixels.pixel(on(-100)) is None
    # The months-old check-ins are not the two weeks before; with no mourning period
    # logged, all 13 days count as the person's usual (4.0), which 3.0 is not back to.
    assert report.bounce_backs[0].result == BounceBack("not_yet", baseline="usual")


def test_several_check_ins_a_day_count_as_their_mean() -> None:
    moods = checkins.day_moods([(on(-1), 1), (on(-1), 4), (on(-1), 4), (on(0), 5)])
    report = build_report(today=TODAY, window_days=7, moods=moods)
    assert report.series.points[-2:] == (3.0, 5.0)
    assert report.pixels.pixel(on(-1)) == 3.0
    assert report.streak == 2


def test_no_mood_before_the_rejection_is_undefined_and_none_after_is_not_yet() -> None:
    before_only = {on(-10 + i): 4.0 for i in range(5)}
    after_only = {on(1 + i): 4.0 for i in range(5)}
    rejection = [RejectionFact("r", "Acme", on(-3))]
    report = build_report(today=TODAY, window_days=30, moods=after_only, rejections=rejection)
    assert report.bounce_backs[0].result.status == "undefined"
    report = build_report(today=TODAY, window_days=30, moods=before_only, rejections=rejection)
    assert report.bounce_backs[0].result == BounceBack("not_yet", baseline="before")


def test_a_mood_that_never_comes_back_is_not_yet_never_a_number() -> None:
    moods = {on(-20 + i): 5.0 for i in range(10)} | {on(-9 + i): 2.0 for i in range(10)}
    report = build_report(
        today=TODAY, window_days=30, moods=moods, rejections=[RejectionFact("r", "A", on(-10))]
    )
    result = report.bounce_backs[0].result
    assert result == BounceBack("not_yet", baseline="before") and result.days is None
    assert str(result) == "not yet"
    assert report.median_bounce_back is None


def test_days_are_the_ones_stored_with_each_check_in() -> None:
    # Two check-ins 23:30 in Berlin and 18:00 in New York are the same UTC instant on
    # different local days: the figures use the day each carries, not the instant.
    entries = [(date(2026, 3, 9), 4), (date(2026, 3, 8), 2)]
    moods = checkins.day_moods(entries)
    report = build_report(today=date(2026, 3, 9), window_days=7, moods=moods)
    assert report.series.points[-2:] == (2.0, 4.0)


def test_bounce_backs_and_median_over_rejections() -> None:
    moods = {on(-30 + i): 4.0 for i in range(30)}
    moods.update({on(-20): 1.0, on(-19): 2.0, on(-18): 4.0, on(-17): 4.0})
    moods.update({on(-5): 1.0, on(-4): 1.0, on(-3): 1.0, on(-2): 1.0, on(-1): 1.0, on(0): 1.0})
    rejections = [RejectionFact("b", "B", on(-5)), RejectionFact("a", "A", on(-20))]
    report = build_report(today=TODAY, window_days=30, moods=moods, rejections=rejections)
    assert [b.rejection.company for b in report.bounce_backs] == ["A", "B"]  # oldest first
    # D = R+4 is the first day whose window (R+2, R+3, R+4) reaches 4.0 - 0.25.
    assert [str(b.result) for b in report.bounce_backs] == ["4 days", "not yet"]
    assert report.median_bounce_back == 4.0


# -- mourning, checklist, reviews, urges --------------------------------------------------------

START = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def test_actual_days_is_ended_at_minus_started_at() -> None:
    planned = Mourning(START, START + timedelta(days=2), 2)
    assert actual_days(planned, START + timedelta(days=1)) is None  # still running
    assert actual_days(planned, START + timedelta(days=5)) == 2.0
    early = Mourning(START, START + timedelta(days=2), 2, moved_on_at=START + timedelta(hours=12))
    assert actual_days(early, START + timedelta(days=1)) == 0.5


def period(planned: int, actual: float | None, urges: int = 0) -> PeriodFact:
    return PeriodFact("p", "r", "Acme", on(-9), on(-8), planned, actual, urges)


def test_mourning_means_compare_ended_periods_only() -> None:
    periods = [period(1, 1.0, 2), period(3, 1.5, 0), period(2, None, 1)]
    assert mean_planned_days(periods) == 2.0
    assert mean_actual_days(periods) == 1.25
    assert mean_urges(periods) == 1.0  # urges count for running periods too
    assert mean_planned_days([period(2, None)]) is None
    assert mean_urges([]) is None


def test_checklist_completion_overall_and_per_rejection() -> None:
    parts = [Completion("a", "A", 3, 10), Completion(None, "", 1, 2)]
    overall = overall_completion(parts)
    assert (overall.done, overall.total) == (4, 12)
    assert overall.fraction == pytest.approx(1 / 3)
    report = build_report(today=TODAY, window_days=30, moods={}, checklists=parts)
    assert report.checklist == overall and report.checklists == tuple(parts)


def test_reviews_this_week_are_the_last_seven_local_days() -> None:
    days = [on(0), on(-6), on(-7), on(1), on(-3), on(-3)]
    assert reviews_this_week(days, TODAY) == 4  # today, -6 and -3 twice; not -7 nor tomorrow


# -- year in pixels ------------------------------------------------------------------------------


def test_year_in_pixels_last_365_days() -> None:
    grid = year_in_pixels({on(0): 4.5, on(-1): 2.0, on(-400): 3.0}, [on(-1), on(-2)], TODAY)
    assert grid.start == on(-364) and grid.end == TODAY and len(grid.cells) == 365
    assert grid.pixel(on(0)) == 4.5
    assert grid.pixel(on(-1)) == 2.0  # a check-in wins over a skip
    assert grid.pixel(on(-2)) == SKIPPED
    assert grid.pixel(on(-3)) is None
    assert grid.pixel(on(-400)) is None  # outside the grid


def test_year_in_pixels_for_a_calendar_year() -> None:
    grid = year_in_pixels(
        {date(2024, 2, 29): 5.0, date(2024, 12, 1): 3.0}, [], date(2024, 6, 1), year=2024
    )
    assert len(grid.cells) == 366  # a leap year
    assert grid.pixel(date(2024, 2, 29)) == 5.0
    assert grid.pixel(date(2024, 12, 1)) is None  # the future stays empty


@pytest.mark.parametrize(
    ("mood", "level"), [(1.0, 1), (1.49, 1), (1.5, 2), (2.5, 3), (3.49, 3), (4.6, 5)]
)
def test_mood_level_rounds_half_up(mood: float, level: int) -> None:
    assert mood_level(mood) == level


# -- the gentle prompt -------------------------------------------------------------------------

ENDED = [on(-10)]


def lows(*offsets: int, mood: float = 1.0) -> dict[date, float]:
    return {on(k): mood for k in offsets}


def test_prompt_two_low_days_are_not_enough() -> None:
    assert not gentle_prompt_due(lows(-1, 0), ENDED, TODAY, None)


def test_prompt_three_low_days_after_a_period_are() -> None:
    assert gentle_prompt_due(lows(-2, -1, 0), ENDED, TODAY, None)
    assert gentle_prompt_due(lows(-3, -2, -1), ENDED, TODAY, None)  # today not checked in yet
    assert gentle_prompt_due(lows(-4, -2, 0), ENDED, TODAY, None)  # days without data: no break


def test_prompt_a_day_of_two_in_between_breaks_it() -> None:
    moods = lows(-3, -1, 0) | {on(-2): 2.0}
    assert not gentle_prompt_due(moods, ENDED, TODAY, None)
    moods[on(-2)] = 1.0
    assert gentle_prompt_due(moods, ENDED, TODAY, None)


def test_prompt_means_a_day_of_one_and_two_is_not_one() -> None:
    moods = lows(-2, -1) | checkins.day_moods([(on(0), 1), (on(0), 2)])
    assert not gentle_prompt_due(moods, ENDED, TODAY, None)


def test_prompt_days_before_the_period_ended_do_not_count() -> None:
    assert not gentle_prompt_due(lows(-2, -1, 0), [on(-2)], TODAY, None)
    assert gentle_prompt_due(lows(-2, -1, 0), [on(-3)], TODAY, None)
    assert not gentle_prompt_due(lows(-2, -1, 0), [], TODAY, None)  # no period: no prompt


def test_prompt_dismissed_hides_it_until_the_date() -> None:
    moods = lows(-2, -1, 0)
    assert not gentle_prompt_due(moods, ENDED, TODAY, on(0))
    assert not gentle_prompt_due(moods, ENDED, TODAY, on(6))
    assert gentle_prompt_due(moods, ENDED, TODAY, on(-1))


def test_prompt_old_lows_are_not_now() -> None:
    moods = lows(-30, -29, -28)
    assert not gentle_prompt_due(moods, [on(-40)], TODAY, None)
    assert not gentle_prompt_due(lows(-14, -1, 0), [on(-40)], TODAY, None)
    assert gentle_prompt_due(lows(-13, -1, 0), [on(-40)], TODAY, None)


def test_prompt_ignores_future_days() -> None:
    assert not gentle_prompt_due(lows(-1, 0) | {on(1): 1.0}, ENDED, TODAY, None)


def test_report_carries_the_prompt() -> None:
    report = build_report(
        today=TODAY,
        window_days=30,
        moods=lows(-2, -1, 0),
        periods=[PeriodFact("p", "r", "A", on(-5), on(-4), 1, 1.0)],
    )
    assert report.gentle_prompt
    running = PeriodFact("p", "r", "A", on(-5), on(3), 8, None)
    report = build_report(today=TODAY, window_days=30, moods=lows(-2, -1, 0), periods=[running])
    assert not report.gentle_prompt  # only a period that has ended counts


# -- what the widgets draw (pure helpers) ---------------------------------------------------------


def test_chart_runs_split_at_gaps_and_smoothing_keeps_long_gaps() -> None:
    from bounce_tui.widgets.mood_chart import runs, smooth

    points = [1.0, 2.0, None, 4.0, None, None, None, None, None, None, None, None, 3.0, 5.0]
    assert runs(points) == [(0, [1.0, 2.0]), (3, [4.0]), (12, [3.0, 5.0])]
    smoothed = smooth(points)
    assert len(smoothed) == len(points)
    assert smoothed[0] == pytest.approx((1.0 + 2.0 + 4.0) / 3)
    assert smoothed[8] is None  # the middle of a long gap stays a gap


def test_calendar_columns_are_weeks_monday_first() -> None:
    from bounce_tui.widgets.year_in_pixels import week_columns

    grid = year_in_pixels({}, [], TODAY)
    columns = week_columns(grid)
    assert all(len(week) == 7 for week in columns)
    assert columns[0][grid.start.weekday()] == grid.start
    assert all(d is None or d.weekday() == i for week in columns for i, d in enumerate(week))
    days = [d for week in columns for d in week if d is not None]
    assert days == [grid.start + timedelta(days=i) for i in range(365)]


def test_calendar_reads_without_colour() -> None:
    from bounce_tui.widgets.year_in_pixels import YearInPixels, cell_glyph

    moods = {on(-k): float(k) for k in range(1, 6)}
    grid = year_in_pixels(moods, [on(-6)], TODAY)
    glyphs = [cell_glyph(grid, on(-k))[0] for k in range(0, 7)]
    # today empty, five moods, one skipped: seven different glyphs
    assert len(set(glyphs)) == 7
    assert cell_glyph(grid, on(1))[0] == " "  # the future is blank
    plain = YearInPixels.draw(grid).plain
    assert "× skipped" in plain and "awful" in plain and "great" in plain
    assert len(plain.splitlines()) == 9  # months, seven weekdays, legend
