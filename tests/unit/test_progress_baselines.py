"""Bounce-back's two baselines (`domain/bounce_back.py`) on fixed histories.

The two weeks before a rejection when there are 3 check-ins in them; else the
person's usual (the median outside every mourning period, from 7 such days).
The central case is someone who installs bounce on the day of their first
rejection and checks in daily after.
"""

from __future__ import annotations

from datetime import date, timedelta

from bounce_tui.domain.bounce_back import (
    BounceBack,
    RejectionFact,
    bounce_back,
    bounce_backs,
    summarise,
    usual_mood,
)
from bounce_tui.domain.progress import PeriodFact, build_report

R = date(2026, 4, 15)
MOURNING = (R, R + timedelta(days=7))  # a week of mourning, both ends included
#: Days after R: a hard first week, then ordinary days (one at 3, the rest at 4).
FIRST_WEEKS = [1, 2, 2, 3, 3, 4, 4, 4, 4, 4, 3, 4, 4, 4, 4, 4]


def on(offset: int) -> date:
    return R + timedelta(days=offset)


def installed_on_rejection_day(up_to: int) -> dict[date, float]:
    """Daily check-ins from the rejection day R to R+up_to, none before."""
    return {on(i): float(FIRST_WEEKS[i]) for i in range(up_to + 1)}


def result_on(day: int) -> BounceBack:
    moods = installed_on_rejection_day(day)
    backs = bounce_backs(moods, [RejectionFact("r", "Acme", R)], on(day), [MOURNING])
    return backs[0].result


def test_a_first_rejection_says_what_is_missing_until_there_is_a_usual() -> None:
    # Days R .. R+7 are mourning; day 8 is the first ordinary check-in.
    assert result_on(0) == BounceBack("undefined", needs=7)
    assert result_on(7).missing == "needs 7 more check-ins outside a mourning period"
    assert result_on(10) == BounceBack("undefined", needs=4)
    assert result_on(10).missing == "needs 4 more check-ins outside a mourning period"
    assert str(result_on(10)) == "—"
    assert result_on(13).missing == "needs 1 more check-in outside a mourning period"


def test_a_first_rejection_gets_a_figure_once_there_are_seven_ordinary_days() -> None:
    # Days 8..14 give a usual of 4.0; the mean of days 5, 6, 7 is 4.0 >= 3.75.
    result = result_on(14)
    assert result == BounceBack("days", 7, "usual")
    assert result.describe() == (
        "back to your usual in 7 days (your usual: the days outside mourning)"
    )


def test_the_usual_is_the_median_outside_every_mourning_period() -> None:
    moods = installed_on_rejection_day(14)
    usual = usual_mood(moods, [MOURNING], on(14))
    assert usual.value == 4.0 and usual.days == 7 and usual.needs == 0
    # Later days do not count before they come, nor do days after today.
    assert usual_mood(moods, [MOURNING], on(12)).value is None
    assert usual_mood(moods, [MOURNING], on(12)).needs == 2
    # A second mourning period takes its days out too.
    assert usual_mood(moods, [MOURNING, (on(8), on(9))], on(14)).days == 5


def test_the_two_weeks_before_win_when_there_are_three_check_ins() -> None:
    moods = {on(-9): 5.0, on(-5): 5.0, on(-1): 5.0} | installed_on_rejection_day(14)
    backs = bounce_backs(moods, [RejectionFact("r", "Acme", R)], on(14), [MOURNING])
    # 4s never reach 5 - 0.25: measured against the week before, not the usual.
    assert backs[0].result == BounceBack("not_yet", baseline="before")
    assert backs[0].result.describe() == (
        "not back to where you were yet (compared with the two weeks before)"
    )
    with_two = {on(-5): 5.0, on(-1): 5.0} | installed_on_rejection_day(14)
    assert bounce_back(with_two, R, on(14), usual_mood(with_two, [MOURNING], on(14))).baseline == (
        "usual"
    )


def test_no_usual_given_means_no_fallback() -> None:
    moods = installed_on_rejection_day(14)
    assert bounce_back(moods, R, on(14)) == BounceBack("undefined")
    assert bounce_back(moods, R, on(14)).missing == "needs check-ins before or after the rejection"


def test_the_median_counts_both_baselines_and_says_what_it_left_out() -> None:
    results = [
        BounceBack("days", 7, "usual"),
        BounceBack("days", 2, "before"),
        BounceBack("days", 4, "before"),
        BounceBack("not_yet", baseline="before"),
        BounceBack("undefined", needs=3),
    ]
    summary = summarise(results)
    assert summary.median == 4.0
    assert (summary.before, summary.usual, summary.not_yet, summary.undefined) == (2, 1, 1, 1)
    assert summary.detail() == (
        "median of 3 rejections (1 against your usual) · 1 not yet · 1 waiting for check-ins"
    )
    assert summarise([]).median is None and summarise([]).detail() == ""


def test_the_report_measures_a_first_rejection_against_the_usual() -> None:
    period = PeriodFact("p", "r", "Acme", MOURNING[0], MOURNING[1], planned_days=7, actual_days=7)
    rejection = RejectionFact("r", "Acme", R)
    early = build_report(
        today=on(10),
        window_days=30,
        moods=installed_on_rejection_day(10),
        rejections=[rejection],
        periods=[period],
    )
    assert early.median_bounce_back is None
    assert early.bounce_backs[0].result.needs == 4
    later = build_report(
        today=on(14),
        window_days=30,
        moods=installed_on_rejection_day(14),
        rejections=[rejection],
        periods=[period],
    )
    assert later.median_bounce_back == 7.0
    assert later.median is not None and later.median.usual == 1
