"""The check-in reminder rule: once a day, from the reminder hour, only without a check-in."""

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.reminder import (
    DEFAULT_REMINDER_HOUR,
    check_in_reminder_due,
    reminder_hour,
)

DAY = date(2026, 3, 9)


def at(hour: int, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 30)


def test_reminds_from_the_default_hour_on() -> None:
    assert not check_in_reminder_due(at(DEFAULT_REMINDER_HOUR - 1), DAY, False, None, None)
    assert check_in_reminder_due(at(DEFAULT_REMINDER_HOUR), DAY, False, None, None)


def test_a_check_in_or_an_earlier_reminder_today_keeps_it_quiet() -> None:
    assert not check_in_reminder_due(at(21), DAY, True, None, None)
    assert not check_in_reminder_due(at(21), DAY, False, DAY, None)
    assert check_in_reminder_due(at(21), DAY, False, DAY - timedelta(days=1), None)


def test_a_stale_snapshot_does_not_remind() -> None:
    # After midnight the snapshot still shows yesterday until it is read again.
    assert not check_in_reminder_due(at(21, DAY + timedelta(days=1)), DAY, False, None, None)


def test_the_setting_moves_the_hour() -> None:
    assert check_in_reminder_due(at(8), DAY, False, None, "8")
    assert not check_in_reminder_due(at(7), DAY, False, None, "8")


@given(st.one_of(st.none(), st.text(max_size=4), st.integers(-50, 50).map(str)))
def test_any_stored_setting_gives_an_hour_of_the_day(setting: str | None) -> None:
    hour = reminder_hour(setting)
    assert 0 <= hour <= 23
    try:
        stored = int(setting) if setting is not None else None
    except ValueError:
        stored = None
    assert hour == (stored if stored is not None and 0 <= stored <= 23 else DEFAULT_REMINDER_HOUR)
