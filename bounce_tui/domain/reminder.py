"""When the app reminds the person to check in: once a day, from the reminder hour on."""

from __future__ import annotations

from datetime import date, datetime

#: The local hour from which a missing check-in is mentioned, unless a setting says otherwise.
DEFAULT_REMINDER_HOUR = 19


def reminder_hour(setting: str | None) -> int:
    """The reminder hour from its stored setting (the default when unset or unreadable)."""
    try:
        hour = int(setting) if setting is not None else DEFAULT_REMINDER_HOUR
    except ValueError:
        return DEFAULT_REMINDER_HOUR
    return hour if 0 <= hour <= 23 else DEFAULT_REMINDER_HOUR


def check_in_reminder_due(
    local_now: datetime,
    snapshot_day: date,
    checked_in: bool,
    reminded_on: date | None,
    hour_setting: str | None,
) -> bool:
    """Whether to remind now: no check-in on a current snapshot's day, not yet today,
    and the local time has reached the reminder hour."""
    today = local_now.date()
    if checked_in or today != snapshot_day or reminded_on == today:
        return False
    return local_now.hour >= reminder_hour(hour_setting)
