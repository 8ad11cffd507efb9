"""The hybrid logical clock: consistent order, ties broken alike, a runaway clock overtaken."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.hlc import (
    MAX_COUNTER,
    Stamp,
    StampError,
    decode,
    encode,
    tick,
    witness,
)

devices = st.from_regex(r"[0-9a-z][0-9a-z-]{0,12}", fullmatch=True)
walls = st.integers(0, 10**13)
stamps = st.builds(Stamp, walls, st.integers(0, MAX_COUNTER), devices)


@given(stamps, stamps)
def test_text_sorts_as_stamps_compare_and_reads_back(a: Stamp, b: Stamp) -> None:
    assert decode(encode(a)) == a
    assert (encode(a) < encode(b)) == (a < b)


@given(st.one_of(st.none(), stamps), walls, devices)
def test_a_local_change_is_above_the_clock_and_never_behind_the_wall(
    last: Stamp | None, now: int, device: str
) -> None:
    stamp = tick(last, now, device)
    assert last is None or stamp > last
    assert stamp.wall_ms >= now or (last is not None and stamp.wall_ms >= last.wall_ms)


@given(st.one_of(st.none(), stamps), stamps, walls, devices, walls)
def test_after_reading_a_stamp_every_later_change_is_newer(
    last: Stamp | None, seen: Stamp, now: int, device: str, later: int
) -> None:
    state = witness(last, seen, now, device)
    assert state > seen and (last is None or state > last)
    assert tick(state, later, device) > seen


def test_a_clock_years_ahead_wins_only_until_its_stamp_is_seen() -> None:
    ahead = tick(None, 4_000_000_000_000, "laptop")  # the year 2096
    mine = tick(None, 1_800_000_000_000, "desktop")
    assert ahead > mine
    state = witness(mine, ahead, 1_800_000_000_500, "desktop")
    assert tick(state, 1_800_000_001_000, "desktop") > ahead


def test_equal_times_are_ordered_by_device_the_same_way_everywhere() -> None:
    a, b = Stamp(5, 0, "alpha"), Stamp(5, 0, "beta")
    assert sorted([b, a]) == [a, b] and max(a, b) == b


def test_a_full_counter_moves_to_the_next_millisecond() -> None:
    full = Stamp(7, MAX_COUNTER, "d1")
    assert tick(full, 7, "d1") == Stamp(8, 0, "d1")


@pytest.mark.parametrize(
    "text", ["", "12-3-d", "000000000000001-000001-", "000000000000001-000001-Dev", 7, None]
)
def test_what_is_not_a_stamp_is_one_error(text: object) -> None:
    with pytest.raises(StampError):
        decode(text)  # type: ignore[arg-type]


@given(st.one_of(st.text(max_size=40), stamps.map(encode).map(lambda t: t.replace("0", "٠"))))
def test_random_text_is_a_stamp_written_by_encode_or_one_error(text: str) -> None:
    try:
        stamp = decode(text)
    except StampError:
        return
    assert encode(stamp) == text
