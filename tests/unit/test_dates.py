"""Parsing days and moments typed by the user; local/UTC conversions."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.dates import (
    DAY_FORMAT_HELP,
    Direction,
    WrongSide,
    from_local,
    local_day,
    parse_day,
    parse_moment,
    to_utc,
)
from bounce_tui.domain.errors import DomainError

NY = ZoneInfo("America/New_York")
TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-31", date(2026, 1, 31)),
        ("  2024-02-29 ", date(2024, 2, 29)),
        ("today", TODAY),
        ("TODAY", TODAY),
        (" Yesterday ", date(2026, 3, 9)),
    ],
)
def test_parse_day_accepts(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026-1-5",
        "2026/01/05",
        "20260105",
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
        "2026-01-05 10:00",
        "２０２６-01-05",
        "today please",
        "fr",
        "+3",
        "+3x",
        "next",
        "next week",
    ],
)
def test_parse_day_rejects(text: str) -> None:
    with pytest.raises(DomainError, match=f"^{re.escape(DAY_FORMAT_HELP)}$"):
        parse_day(text, TODAY)


# TODAY, 2026-03-10, is a Tuesday.
@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [
        ("tomorrow", "any", date(2026, 3, 11)),
        ("Tomorrow", "future", date(2026, 3, 11)),
        ("+3d", "any", date(2026, 3, 13)),
        ("+ 2w", "future", date(2026, 3, 24)),
        ("-1w", "past", date(2026, 3, 3)),
        ("3d ago", "past", date(2026, 3, 7)),
        ("2 w ago", "any", date(2026, 2, 24)),
        ("fri", "future", date(2026, 3, 13)),
        ("friday", "any", date(2026, 3, 13)),
        ("fri", "past", date(2026, 3, 6)),
        ("tue", "future", date(2026, 3, 17)),  # the next one: today is Tuesday
        ("tues", "past", date(2026, 3, 3)),
        ("next mon", "any", date(2026, 3, 16)),
        ("last  mon", "any", date(2026, 3, 9)),
        ("wed", "any", date(2026, 3, 11)),
    ],
)
def test_words_people_type_for_a_day(text: str, direction: Direction, expected: date) -> None:
    assert parse_day(text, TODAY, direction) == expected


@pytest.mark.parametrize(
    ("text", "direction"),
    [("tomorrow", "past"), ("+1d", "past"), ("yesterday", "future"), ("2026-03-01", "future")],
)
def test_a_day_on_the_wrong_side_is_refused_with_a_reason(text: str, direction: Direction) -> None:
    with pytest.raises(WrongSide, match="future|passed"):
        parse_day(text, TODAY, direction)


def test_moments_with_words_and_a_time() -> None:
    now = datetime(2026, 3, 10, 15, 30, tzinfo=NY)
    assert parse_moment("tomorrow 14:00", now, NY) == datetime(2026, 3, 11, 14, 0, tzinfo=NY)
    assert parse_moment("fri 9:30", now, NY, "future") == datetime(2026, 3, 13, 9, 30, tzinfo=NY)
    assert parse_moment("mon 18:00", now, NY, "past") == datetime(2026, 3, 9, 18, 0, tzinfo=NY)
    assert parse_moment("today 08:00", now, NY, "future") == datetime(2026, 3, 10, 8, 0, tzinfo=NY)
    with pytest.raises(WrongSide, match="later than now"):
        parse_moment("today 16:00", now, NY, "past")
    with pytest.raises(WrongSide):
        parse_moment("yesterday 10:00", now, NY, "future")


@given(
    offset=st.integers(min_value=-3000, max_value=3000),
    direction=st.sampled_from(["past", "future", "any"]),
)
def test_iso_days_parse_to_themselves_or_are_refused_for_their_side(
    offset: int, direction: Direction
) -> None:
    day = TODAY + timedelta(days=offset)
    wrong = (direction == "past" and day > TODAY) or (direction == "future" and day < TODAY)
    if wrong:
        with pytest.raises(WrongSide):
            parse_day(day.isoformat(), TODAY, direction)
    else:
        assert parse_day(day.isoformat(), TODAY, direction) == day


@given(
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    weekday=st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
    direction=st.sampled_from(["past", "future"]),
)
def test_a_weekday_is_the_nearest_one_on_its_side(
    today: date, weekday: str, direction: Direction
) -> None:
    day = parse_day(weekday, today, direction)
    assert day.strftime("%a").lower() == weekday
    distance = (day - today).days if direction == "future" else (today - day).days
    assert 1 <= distance <= 7


def test_parse_moment_today_is_now() -> None:
    now = datetime(2026, 3, 10, 15, 30, 12, tzinfo=NY)
    result = parse_moment("today", now, NY)
    assert result == now
    assert result.tzinfo is timezone.utc


def test_parse_moment_other_day_is_local_noon() -> None:
    now = datetime(2026, 3, 10, 15, 30, tzinfo=NY)
    assert parse_moment("yesterday", now, NY) == datetime(2026, 3, 9, 12, 0, tzinfo=NY)
    assert parse_moment("2026-03-01", now, NY) == datetime(2026, 3, 1, 17, 0, tzinfo=timezone.utc)


def test_parse_moment_today_uses_local_day() -> None:
    # 03:00 UTC on the 11th is still the evening of the 10th in New York.
    now = datetime(2026, 3, 11, 3, 0, tzinfo=timezone.utc)
    assert parse_moment("2026-03-10", now, NY) == now
    assert parse_moment("2026-03-11", now, NY) == datetime(2026, 3, 11, 12, 0, tzinfo=NY)


def test_parse_moment_with_time_is_local_wall_time() -> None:
    now = datetime(2026, 3, 10, 15, 30, tzinfo=NY)
    result = parse_moment("2026-07-04 09:05", now, NY)
    assert result == datetime(2026, 7, 4, 13, 5, tzinfo=timezone.utc)  # EDT is UTC-4
    assert result.tzinfo is timezone.utc
    assert parse_moment("2026-01-04 9:05", now, NY) == datetime(
        2026, 1, 4, 14, 5, tzinfo=timezone.utc
    )


def test_parse_moment_system_zone(system_tz_new_york: None) -> None:
    now = datetime(2026, 3, 10, 20, 0, tzinfo=timezone.utc)
    assert parse_moment("2026-07-04 09:05", now) == datetime(2026, 7, 4, 13, 5, tzinfo=timezone.utc)
    assert parse_moment("2026-01-04", now) == datetime(2026, 1, 4, 17, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "text",
    ["", "soon", "2026-03-10 24:00", "2026-03-10 12:60", "2026-02-30 10:00", "2026-03-10 10"],
)
def test_parse_moment_rejects(text: str) -> None:
    now = datetime(2026, 3, 10, 15, 30, tzinfo=NY)
    with pytest.raises(DomainError):
        parse_moment(text, now, NY)


def test_parse_moment_needs_aware_now() -> None:
    with pytest.raises(ValueError):
        parse_moment("today", datetime(2026, 3, 10, 12, 0), NY)


def test_local_day_and_to_utc() -> None:
    moment = datetime(2026, 3, 11, 3, 0, tzinfo=timezone.utc)
    assert local_day(moment, NY) == date(2026, 3, 10)
    assert local_day(moment, timezone.utc) == date(2026, 3, 11)
    assert to_utc(datetime(2026, 3, 10, 23, 0, tzinfo=NY)) == moment
    assert to_utc(moment).tzinfo is timezone.utc
    with pytest.raises(ValueError):
        to_utc(datetime(2026, 3, 10))


def test_from_local_in_fixed_offset() -> None:
    plus_two = timezone(timedelta(hours=2))
    assert from_local(datetime(2026, 1, 1, 12, 0), plus_two) == datetime(
        2026, 1, 1, 10, 0, tzinfo=timezone.utc
    )
