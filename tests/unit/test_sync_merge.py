"""The per-record merge rule of sync: descent, concurrent edits, ties, histories, wrong clocks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain import lessons
from bounce_tui.domain.hlc import Stamp, tick, witness
from bounce_tui.domain.sync_merge import (
    MAX_HISTORY,
    Outcome,
    Version,
    decide,
    is_conflict,
    joined_history,
    next_history,
)

HOUR = 3_600_000


def s(wall: int, device: str = "a", counter: int = 0) -> Stamp:
    return Stamp(wall, counter, device)


def test_a_record_not_known_here_is_applied() -> None:
    remote = Version(s(10), (s(5),))
    decision = decide(None, remote)
    assert decision.outcome is Outcome.APPLY and not decision.concurrent
    assert decision.history == (s(5),)


def test_the_same_version_changes_nothing() -> None:
    local = Version(s(10), (s(5),))
    assert decide(local, Version(s(10), ())).outcome is Outcome.SAME


def test_a_version_made_on_top_of_ours_replaces_it() -> None:
    local = Version(s(10, "a"))
    remote = Version(s(20, "b"), next_history(local))
    decision = decide(local, remote)
    assert decision.outcome is Outcome.APPLY and not decision.concurrent
    assert not is_conflict(decision, same_content=False)


def test_an_older_version_we_already_replaced_is_kept_out() -> None:
    old = Version(s(10, "b"))
    local = Version(s(20, "a"), next_history(old))
    decision = decide(local, old)
    assert decision.outcome is Outcome.KEEP and not decision.concurrent


def test_descent_wins_even_against_a_clock_far_ahead() -> None:
    # b's clock runs a day ahead; a saw its version and edited after, with a slow clock.
    ahead = Version(s(100 * HOUR, "b"))
    clock = witness(None, ahead.stamp, 1 * HOUR, "a")
    edit = Version(tick(clock, 2 * HOUR, "a"), next_history(ahead))
    assert edit.stamp > ahead.stamp
    assert decide(ahead, edit).outcome is Outcome.APPLY
    assert decide(edit, ahead).outcome is Outcome.KEEP


def test_concurrent_edits_the_higher_stamp_wins_on_both_sides() -> None:
    base = Version(s(10, "a"))
    mine = Version(s(30, "a"), next_history(base))
    theirs = Version(s(20, "b"), next_history(base))
    here, there = decide(mine, theirs), decide(theirs, mine)
    assert here.outcome is Outcome.KEEP and there.outcome is Outcome.APPLY
    assert here.concurrent and there.concurrent
    assert is_conflict(here, same_content=False)
    assert not is_conflict(here, same_content=True)
    # Both sides keep a history that shows the loser was replaced.
    assert s(20, "b") in here.history and s(20, "b") in there.history


def test_a_tie_in_wall_time_and_counter_is_broken_by_device_alike_everywhere() -> None:
    x, y = Version(s(10, "a")), Version(s(10, "b"))
    assert decide(x, y).outcome is Outcome.APPLY  # "b" > "a"
    assert decide(y, x).outcome is Outcome.KEEP


def test_after_a_merge_the_loser_is_seen_as_an_ancestor() -> None:
    mine, theirs = Version(s(30, "a")), Version(s(20, "b"))
    merged = Version(mine.stamp, decide(mine, theirs).history)
    # A third device that still has `theirs` sees the winner as its descendant: no conflict.
    decision = decide(theirs, merged)
    assert decision.outcome is Outcome.APPLY and not decision.concurrent


def test_a_deletion_is_a_version_like_any_other() -> None:
    live = Version(s(10, "a"))
    gone = Version(s(20, "b"), next_history(live), deleted=True)
    assert decide(live, gone).outcome is Outcome.APPLY
    late_edit = Version(s(30, "a"), next_history(live))
    decision = decide(gone, late_edit)
    assert decision.outcome is Outcome.APPLY and decision.concurrent


def test_histories_are_newest_first_and_capped() -> None:
    stamps = [s(n) for n in range(40)]
    history = joined_history(stamps[:25], stamps[20:], without=s(39))
    assert len(history) == MAX_HISTORY
    assert list(history) == sorted(history, reverse=True)
    assert s(39) not in history and history[0] == s(38)


versions = st.builds(
    Version,
    st.builds(Stamp, st.integers(0, 50), st.integers(0, 3), st.sampled_from("abc")),
    st.lists(
        st.builds(Stamp, st.integers(0, 50), st.integers(0, 3), st.sampled_from("abc")),
        max_size=4,
    ).map(lambda found: joined_history(found)),
    st.booleans(),
)


def _result(local: Version, remote: Version) -> Stamp:
    decision = decide(local, remote)
    return remote.stamp if decision.outcome is Outcome.APPLY else local.stamp


@given(versions, versions)
def test_both_sides_end_with_the_same_version(x: Version, y: Version) -> None:
    if y.stamp in x.history and x.stamp in y.history:
        return  # impossible between real versions: each would descend from the other
    assert _result(x, y) == _result(y, x)


@given(versions, versions, versions)
def test_order_does_not_matter_for_the_version_that_stands(
    x: Version, y: Version, z: Version
) -> None:
    def fold(first: Version, *rest: Version) -> Stamp:
        current = first
        for other in rest:
            decision = decide(current, other)
            if decision.outcome is Outcome.APPLY:
                current = Version(other.stamp, decision.history, other.deleted)
        return current.stamp

    # Real versions: a descendant is always above its ancestors (the clock saw them).
    for a in (x, y, z):
        if any(h >= a.stamp for h in a.history):
            return
    assert fold(x, y, z) == fold(x, z, y) == max(x.stamp, y.stamp, z.stamp)


def test_replaying_grades_gives_the_card_grading_one_by_one_gave() -> None:
    start = datetime(2026, 3, 1, 9, tzinfo=timezone.utc)
    card = lessons.new_card(start)
    grades = [(start + timedelta(days=d), g) for d, g in ((0, 3), (2, 1), (3, 4), (9, 2))]
    for moment, given_grade in grades:
        card = lessons.grade(card, lessons.parse_grade(given_grade), moment)
    assert lessons.replay(lessons.new_card(start), grades) == card


def test_replaying_takes_grades_out_of_order_without_failing() -> None:
    start = datetime(2026, 3, 1, 9, tzinfo=timezone.utc)
    later, earlier = start + timedelta(days=5), start - timedelta(days=2)
    card = lessons.replay(lessons.new_card(start), [(later, 3), (earlier, 2)])
    assert card.last_review == later
