"""Calendar days and moments typed by the user, and conversions between local and UTC.

Nothing here reads the clock: callers pass ``today`` or ``now``. A ``tz`` of None
means the system's local zone (resolved by the OS rules, DST included); a
``zoneinfo.ZoneInfo`` means that zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from bounce_tui.domain.errors import DomainError

__all__ = [
    "parse_day",
    "parse_moment",
    "local_day",
    "local_time",
    "to_utc",
    "from_local",
    "DAY_FORMAT_HELP",
    "MOMENT_FORMAT_HELP",
]

DAY_FORMAT_HELP = "date must be YYYY-MM-DD, today or yesterday"
MOMENT_FORMAT_HELP = "date must be YYYY-MM-DD, YYYY-MM-DD HH:MM, today or yesterday"

_DAY_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MOMENT_RE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ T]+)([0-9]{1,2}):([0-9]{2})")
_NOON = time(12, 0)


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("expected a timezone-aware datetime")


def to_utc(moment: datetime) -> datetime:
    """Return the aware datetime ``moment`` expressed in UTC (naive input is a ValueError)."""
    _require_aware(moment)
    return moment.astimezone(timezone.utc)


def local_time(moment: datetime, tz: tzinfo | None = None) -> datetime:
    """Return the aware datetime ``moment`` in local time (``tz``, or the system zone)."""
    _require_aware(moment)
    return moment.astimezone() if tz is None else moment.astimezone(tz)


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """Return the local calendar day of the aware datetime ``moment``."""
    return local_time(moment, tz).date()


def from_local(wall: datetime, tz: tzinfo | None = None) -> datetime:
    """Interpret the naive local wall-clock time ``wall`` in ``tz`` and return it in UTC.

    With ``tz`` None the system's rules resolve DST; with a ZoneInfo, a wall time
    in a DST gap or fold follows ZoneInfo's ``fold=0`` convention.
    """
    naive = wall.replace(tzinfo=None)
    if tz is None:
        return naive.astimezone(timezone.utc)
    return naive.replace(tzinfo=tz).astimezone(timezone.utc)


def _iso_day(text: str) -> date | None:
    match = _DAY_RE.fullmatch(text)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_day(text: str, today: date) -> date:
    """Parse "YYYY-MM-DD", "today" or "yesterday" (any case, outer spaces ignored).

    Raises DomainError with a one-line explanation for anything else.
    """
    if not isinstance(text, str):
        raise DomainError(DAY_FORMAT_HELP)
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    day = _iso_day(word)
    if day is None:
        raise DomainError(DAY_FORMAT_HELP)
    return day


def parse_moment(text: str, now: datetime, tz: tzinfo | None = None) -> datetime:
    """Parse a moment typed by the user and return it as an aware UTC datetime.

    Accepts what :func:`parse_day` accepts, plus "YYYY-MM-DD HH:MM" in local wall
    time. A bare day that is today means ``now``; any other bare day means 12:00
    local time on that day.
    """
    _require_aware(now)
    if not isinstance(text, str):
        raise DomainError(MOMENT_FORMAT_HELP)
    stripped = text.strip()
    match = _MOMENT_RE.fullmatch(stripped)
    if match is not None:
        day = _iso_day(match[1])
        hour, minute = int(match[2]), int(match[3])
        if day is None:
            raise DomainError(MOMENT_FORMAT_HELP)
        if hour > 23 or minute > 59:
            raise DomainError("time must be HH:MM, from 00:00 to 23:59")
        return _from_local_checked(datetime.combine(day, time(hour, minute)), tz)
    today = local_day(now, tz)
    try:
        day = parse_day(stripped, today)
    except DomainError:
        raise DomainError(MOMENT_FORMAT_HELP) from None
    if day == today:
        return to_utc(now)
    return _from_local_checked(datetime.combine(day, _NOON), tz)


def _from_local_checked(wall: datetime, tz: tzinfo | None) -> datetime:
    try:
        return from_local(wall, tz)
    except (OverflowError, OSError, ValueError):
        raise DomainError("date is out of the supported range") from None
