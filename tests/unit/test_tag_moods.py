"""Tags and your days (`domain/tag_moods.py`): mean mood with and without each tag."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.progress import build_report
from bounce_tui.domain.tag_moods import MIN_TAG_DAYS, MIN_WITHOUT_DAYS, tag_moods

TODAY = date(2026, 3, 10)


def on(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def twenty_days(
    good: set[int], mood_good: float = 5.0, mood_else: float = 2.0
) -> dict[date, float]:
    """Days -19..0, each with a mood: ``good`` offsets at ``mood_good``, others ``mood_else``."""
    return {on(d): (mood_good if d in good else mood_else) for d in range(-19, 1)}


def test_a_tag_on_five_good_days_and_nowhere_else() -> None:
    good = {-18, -15, -10, -4, -1}
    moods = twenty_days(good)
    result = tag_moods(moods, {on(d): ["walk"] for d in good})
    assert result.days == 20 and result.nearest is None
    (walk,) = result.tags
    assert walk.tag == "walk"
    assert walk.with_mean == pytest.approx(5.0) and walk.with_days == 5
    assert walk.without_mean == pytest.approx(2.0) and walk.without_days == 15
    assert walk.difference == pytest.approx(3.0)


def test_a_tag_on_four_days_is_not_listed_and_is_named_as_nearest() -> None:
    days = {-9, -6, -3, 0}
    result = tag_moods(twenty_days(days), {on(d): ["work"] for d in days})
    assert result.tags == ()
    assert result.nearest == ("work", 4) and not result.too_common


def test_tags_compare_case_folded_and_count_each_day_once() -> None:
    moods = twenty_days(set())
    day_tags = {on(-1): ["Walk"], on(-2): ["WALK", "walk"], on(-3): [" walk "], on(-4): ["wAlk"]}
    day_tags[on(-5)] = ["walk"]
    result = tag_moods(moods, day_tags)
    assert [(t.tag, t.with_days) for t in result.tags] == [("walk", 5)]


def test_a_tag_on_nearly_every_day_is_left_out_as_too_common() -> None:
    moods = twenty_days(set())
    everywhere = {on(d): ["coffee"] for d in range(-19, 1) if d not in (-3, -7)}
    result = tag_moods(moods, everywhere)
    assert result.tags == ()
    assert result.nearest == ("coffee", 18) and result.too_common


def test_only_days_of_the_range_with_a_check_in_count() -> None:
    good = {-18, -15, -10, -4, -1}
    moods = twenty_days(good)
    tags = {on(d): ["walk"] for d in good}
    tags[on(5)] = tags[on(-40)] = ["walk"]  # no mood those days: ignored
    assert tag_moods(moods, tags).tags[0].with_days == 5
    # From day -12 on only three of the walks are in range: not listed.
    recent = tag_moods(moods, tags, first=on(-12), last=TODAY)
    assert recent.tags == () and recent.nearest == ("walk", 3) and recent.days == 13


def test_sorted_by_difference_better_days_first() -> None:
    moods = {on(d): float(1 + d % 5) for d in range(-29, 1)}  # 1..5 in turn
    by_mood: dict[date, list[str]] = {}
    for day, mood in moods.items():
        by_mood[day] = ["high"] if mood >= 4 else ["low"] if mood <= 2 else ["mid"]
    result = tag_moods(moods, by_mood)
    assert [t.tag for t in result.tags] == ["high", "mid", "low"]
    assert result.tags[0].difference > 0 > result.tags[-1].difference


def test_the_report_follows_the_chart_ranges() -> None:
    moods = {on(d): 3.0 for d in range(-80, 1)}
    day_tags = {on(d): ["walk"] for d in (-70, -60, -50, -40, -35, -2)}
    report = build_report(today=TODAY, window_days=30, moods=moods, day_tags=day_tags)
    assert report.tags_for(30).tags == () and report.tags_for(30).nearest == ("walk", 1)
    assert report.tags_for(90).tags[0].with_days == 6
    assert report.tags_for(90).days == 81


day_offsets = st.integers(min_value=-60, max_value=0)


@given(
    st.dictionaries(day_offsets, st.floats(min_value=1.0, max_value=5.0), max_size=61),
    st.dictionaries(day_offsets, st.lists(st.sampled_from(["a", "A", "b", "c "]), max_size=3)),
)
def test_means_stay_within_the_scale_and_days_add_up(
    moods_by_offset: dict[int, float], tags_by_offset: dict[int, list[str]]
) -> None:
    moods = {on(d): m for d, m in moods_by_offset.items()}
    result = tag_moods(moods, {on(d): t for d, t in tags_by_offset.items()})
    assert result.days == len(moods)
    for tag in result.tags:
        assert 1.0 - 1e-9 <= tag.with_mean <= 5.0 + 1e-9
        assert 1.0 - 1e-9 <= tag.without_mean <= 5.0 + 1e-9
        assert tag.with_days + tag.without_days == len(moods)
        assert tag.with_days >= MIN_TAG_DAYS and tag.without_days >= MIN_WITHOUT_DAYS
    differences = [t.difference for t in result.tags]
    assert all(a >= b - 1e-9 for a, b in zip(differences, differences[1:], strict=False))
