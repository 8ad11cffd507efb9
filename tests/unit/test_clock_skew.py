"""A wrong clock and a DST gap never give impossible times: clamped countdowns, forward gaps."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.dates import from_local, local_day, local_time
from bounce_tui.domain.mourning import (
    Mourning,
    end_early,
    format_countdown,
    planned_end,
    progress,
    remaining,
)
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, Clock

UTC = timezone.utc
START = datetime(2026, 6, 1, 18, 0, tzinfo=UTC)
SANTIAGO = ZoneInfo("America/Santiago")
ZONES = [BERLIN, SANTIAGO, ZoneInfo("Australia/Lord_Howe"), ZoneInfo("America/New_York")]


def _three_days() -> Mourning:
    return Mourning(START, planned_end(START, 3, BERLIN), 3)


def test_a_clock_behind_the_start_shows_the_whole_plan_not_more() -> None:
    m = _three_days()
    behind = START - timedelta(days=2)
    assert remaining(m, behind) == m.planned_end - m.started_at
    assert format_countdown(remaining(m, behind)).startswith("3d 00:00")
    assert progress(m, behind) == 0.0


def test_moving_on_with_a_clock_behind_the_start_ends_at_the_start() -> None:
    m = end_early(_three_days(), START - timedelta(days=2))
    assert m.moved_on_at == START


@given(st.integers(min_value=-10 * 86_400, max_value=10 * 86_400))
def test_the_countdown_is_never_negative_nor_above_the_plan(offset: int) -> None:
    m = _three_days()
    left = remaining(m, START + timedelta(seconds=offset))
    assert timedelta(0) <= left <= m.planned_end - m.started_at
    assert 0.0 <= progress(m, START + timedelta(seconds=offset)) <= 1.0


def test_a_wall_time_in_the_gap_moves_forward_onto_the_typed_day() -> None:
    # Santiago skips 00:00-01:00 on 6 Sep 2026; Berlin skips 02:00-03:00 on 29 Mar 2026
    moment = from_local(datetime(2026, 9, 6, 0, 30), SANTIAGO)
    assert local_time(moment, SANTIAGO).replace(tzinfo=None) == datetime(2026, 9, 6, 1, 30)
    moment = from_local(datetime(2026, 3, 29, 2, 30), BERLIN)
    assert local_time(moment, BERLIN).replace(tzinfo=None) == datetime(2026, 3, 29, 3, 30)


def test_a_wall_time_that_happens_twice_is_the_first() -> None:
    moment = from_local(datetime(2026, 10, 25, 2, 30), BERLIN)
    assert moment == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # still summer time (+2)


def test_the_system_zone_resolves_the_gap_forward_too(monkeypatch: pytest.MonkeyPatch) -> None:
    import time as time_module

    monkeypatch.setenv("TZ", "America/Santiago")
    time_module.tzset()
    try:
        moment = from_local(datetime(2026, 9, 6, 0, 30), None)
        assert local_day(moment, SANTIAGO) == date(2026, 9, 6)
    finally:
        monkeypatch.undo()
        time_module.tzset()


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.times(),
    st.sampled_from(ZONES),
)
def test_every_wall_time_lands_on_its_own_day(day: date, wall: time, zone: ZoneInfo) -> None:
    typed = datetime.combine(day, wall.replace(tzinfo=None, fold=0))
    moment = from_local(typed, zone)
    assert local_day(moment, zone) == day
    back = local_time(moment, zone).replace(tzinfo=None)
    assert back >= typed and back - typed <= timedelta(hours=1)  # equal unless in a gap


def test_the_store_never_ends_a_period_before_it_began(db_path: Path, clock: Clock) -> None:
    store = Store(db_path, now=clock, tz=BERLIN)
    try:
        rid = store.rejections.log_rejection("Acme", stage="final")
        period = next(t for t in store.read.main_snapshot().timers if t.rejection_id == rid)
        clock.advance(days=-2)  # the clock was put back
        ended = store.mourning.end_mourning(period.period_id)
        assert ended.moved_on_at is not None and ended.moved_on_at >= ended.started_at
    finally:
        store.close()
