"""Parsing days and moments typed by the user; local/UTC conversions."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bounce_tui.domain.dates import from_local, local_day, parse_day, parse_moment, to_utc
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
        "tomorrow",
        "2026-1-5",
        "2026/01/05",
        "20260105",
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
        "2026-01-05 10:00",
        "２０２６-01-05",
        "today please",
    ],
)
def test_parse_day_rejects(text: str) -> None:
    with pytest.raises(DomainError, match="^date must be YYYY-MM-DD, today or yesterday$"):
        parse_day(text, TODAY)


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
