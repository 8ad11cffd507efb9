"""The mourning period: lengths, wall-clock ends across DST, phases, extend, end early."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.mourning import (
    CHANNELS,
    DEFAULT_DAYS,
    MAX_DAYS,
    MAX_EXTENSIONS,
    STAGES,
    Mourning,
    Phase,
    default_days,
    end_early,
    ended_at,
    extend,
    format_countdown,
    phase,
    planned_end,
    progress,
    remaining,
    validate_channel,
    validate_days,
    validate_stage,
)

NY = ZoneInfo("America/New_York")
UTC = timezone.utc
START = datetime(2026, 6, 1, 18, 0, tzinfo=UTC)


def period(days: int = 2, start: datetime = START) -> Mourning:
    return Mourning(started_at=start, planned_end=planned_end(start, days, UTC), days=days)


def test_constants() -> None:
    assert STAGES == ("applied", "screen", "interview", "final")
    assert CHANNELS == ("email", "call", "silence")
    assert DEFAULT_DAYS == {"applied": 1, "screen": 1, "interview": 2, "final": 3}
    assert (MAX_DAYS, MAX_EXTENSIONS) == (14, 2)


def test_validate_stage_and_channel() -> None:
    assert validate_stage(" Final ") == "final"
    assert validate_channel("EMAIL") == "email"
    with pytest.raises(
        DomainError, match="stage must be one of: applied, screen, interview, final"
    ):
        validate_stage("offer")
    with pytest.raises(DomainError, match="channel must be one of: email, call, silence"):
        validate_channel("carrier pigeon")


def test_default_days() -> None:
    assert [default_days(s) for s in STAGES] == [1, 1, 2, 3]
    assert default_days("FINAL", {"final": 5}) == 5
    assert default_days("final", {"final": 40}) == MAX_DAYS
    assert default_days("screen", {"final": 5}) == 1
    assert default_days("screen", {"screen": 0}) == 1  # a nonsense override is ignored
    with pytest.raises(DomainError):
        default_days("offer")


def test_validate_days() -> None:
    assert validate_days(1) == 1
    assert validate_days("14") == 14
    for bad in (0, 15, -3, "two", "1.5", 2.0, True):
        with pytest.raises(DomainError, match="^days must be a whole number from 1 to 14$"):
            validate_days(bad)  # type: ignore[arg-type]


def test_planned_end_spring_forward_is_23_hours() -> None:
    start = datetime(2026, 3, 7, 20, 0, tzinfo=NY)
    end = planned_end(start, 1, NY)
    assert end.tzinfo is UTC
    assert end.astimezone(NY).replace(tzinfo=None) == datetime(2026, 3, 8, 20, 0)
    assert end - start == timedelta(hours=23)


def test_planned_end_fall_back_is_25_hours() -> None:
    start = datetime(2026, 10, 31, 20, 0, tzinfo=NY)
    end = planned_end(start, 1, NY)
    assert end.astimezone(NY).replace(tzinfo=None) == datetime(2026, 11, 1, 20, 0)
    assert end - start == timedelta(hours=25)


def test_planned_end_system_zone(system_tz_new_york: None) -> None:
    start = datetime(2026, 3, 8, 1, 0, tzinfo=UTC)  # 2026-03-07 20:00 EST
    assert planned_end(start, 1) - start == timedelta(hours=23)


def test_planned_end_validates_days() -> None:
    with pytest.raises(DomainError):
        planned_end(START, 0, UTC)
    with pytest.raises(DomainError):
        planned_end(START, 15, UTC)


def test_phases_and_remaining() -> None:
    m = period(2)
    assert phase(m, START) is Phase.RUNNING
    assert remaining(m, START) == timedelta(days=2)
    assert progress(m, START) == 0.0
    assert progress(m, START + timedelta(days=1)) == pytest.approx(0.5)
    end = START + timedelta(days=2)
    assert phase(m, end - timedelta(seconds=1)) is Phase.RUNNING
    assert phase(m, end) is Phase.ENDED
    assert remaining(m, end + timedelta(hours=5)) == timedelta(0)
    assert progress(m, end + timedelta(hours=5)) == 1.0
    assert ended_at(m) == end
    assert Phase.ENDED == "ended"


def test_end_early() -> None:
    m = period(3)
    now = START + timedelta(hours=5)
    done = end_early(m, now)
    assert done.moved_on_at == now
    assert phase(done, now) is Phase.MOVED_ON
    assert phase(done, now + timedelta(days=10)) is Phase.MOVED_ON
    assert phase(done, now - timedelta(minutes=1)) is Phase.RUNNING
    assert remaining(done, now) == timedelta(0)
    assert progress(done, now) == 1.0
    assert ended_at(done) == now
    with pytest.raises(DomainError):
        end_early(done, now + timedelta(minutes=1))
    with pytest.raises(DomainError):
        end_early(m, m.planned_end)


def test_end_early_stores_utc() -> None:
    done = end_early(period(2), datetime(2026, 6, 1, 16, 0, tzinfo=NY))
    assert done.moved_on_at is not None and done.moved_on_at.tzinfo is UTC


def test_extend_adds_a_wall_clock_day_at_most_twice() -> None:
    m = period(1)
    now = START + timedelta(hours=1)
    once = extend(m, now, UTC)
    assert (once.days, once.extensions) == (2, 1)
    assert once.planned_end == m.planned_end + timedelta(days=1)
    twice = extend(once, now, UTC)
    assert (twice.days, twice.extensions) == (3, 2)
    with pytest.raises(DomainError, match="at most 2 times"):
        extend(twice, now, UTC)


def test_extend_never_over_14_days() -> None:
    m = period(14)
    with pytest.raises(DomainError, match="14 days"):
        extend(m, START, UTC)
    thirteen = extend(period(13), START, UTC)
    assert thirteen.days == 14
    with pytest.raises(DomainError):
        extend(thirteen, START, UTC)


def test_extend_only_while_running() -> None:
    m = period(1)
    with pytest.raises(DomainError, match="running"):
        extend(m, m.planned_end, UTC)
    with pytest.raises(DomainError):
        extend(end_early(m, START), START + timedelta(hours=1), UTC)


def test_extend_across_dst_keeps_wall_clock() -> None:
    start = datetime(2026, 3, 6, 20, 0, tzinfo=NY)
    m = Mourning(start, planned_end(start, 1, NY), 1)
    longer = extend(m, start, NY)
    assert longer.planned_end.astimezone(NY).replace(tzinfo=None) == datetime(2026, 3, 8, 20, 0)
    assert longer.planned_end - m.planned_end == timedelta(hours=23)


@pytest.mark.parametrize(
    ("td", "text"),
    [
        (timedelta(0), "00:00:00"),
        (timedelta(hours=3, minutes=12, seconds=9), "03:12:09"),
        (timedelta(days=2, hours=3, minutes=12, seconds=9), "2d 03:12:09"),
        (timedelta(days=1), "1d 00:00:00"),
        (timedelta(seconds=59, microseconds=999_999), "00:00:59"),
        (timedelta(hours=23, minutes=59, seconds=59), "23:59:59"),
        (timedelta(days=14), "14d 00:00:00"),
        (timedelta(seconds=-5), "00:00:00"),
        (timedelta(days=-3), "00:00:00"),
    ],
)
def test_format_countdown(td: timedelta, text: str) -> None:
    assert format_countdown(td) == text


ORDER = {Phase.RUNNING: 0, Phase.ENDED: 1, Phase.MOVED_ON: 1}
moments = st.integers(min_value=-3 * 86_400, max_value=20 * 86_400).map(
    lambda s: START + timedelta(seconds=s)
)


@given(
    days=st.integers(min_value=1, max_value=MAX_DAYS),
    moved_after=st.one_of(st.none(), st.integers(min_value=0, max_value=20 * 86_400)),
    times=st.lists(moments, min_size=2, max_size=8),
)
def test_phase_is_monotonic_in_time(days: int, moved_after: int | None, times: list) -> None:
    m = period(days)
    if moved_after is not None:
        m = Mourning(m.started_at, m.planned_end, days, 0, START + timedelta(seconds=moved_after))
    phases = [phase(m, t) for t in sorted(times)]
    for earlier, later in zip(phases, phases[1:], strict=False):
        assert ORDER[earlier] <= ORDER[later]
        if earlier is not Phase.RUNNING:
            assert later is earlier
    for t in times:
        assert timedelta(0) <= remaining(m, t)
        assert 0.0 <= progress(m, t) <= 1.0


@given(st.integers(min_value=1, max_value=MAX_DAYS), st.lists(st.integers(0, 3), max_size=6))
def test_extensions_stay_within_limits(days: int, attempts: list[int]) -> None:
    m = period(days)
    for hours in attempts:
        with contextlib.suppress(DomainError):
            m = extend(m, START + timedelta(hours=hours), UTC)
    assert m.extensions <= MAX_EXTENSIONS
    assert m.days <= MAX_DAYS
    assert m.days == days + m.extensions
