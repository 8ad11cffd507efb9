"""Calendar days and moments typed by the user, and conversions between local and UTC.

Nothing here reads the clock: callers pass ``today`` or ``now``. A ``tz`` of None
means the system's local zone (resolved by the OS rules, DST included); a
``zoneinfo.ZoneInfo`` means that zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Literal

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
    "DAY_WORDS",
    "Direction",
    "WrongSide",
    "EARLIEST_DAY",
    "LATEST_DAY",
    "CLOCK_SKEW",
    "check_day_in_range",
    "check_moment_in_range",
    "days_of_moment",
]


class WrongSide(DomainError):
    """A typed date on the wrong side of now (a future check-in, a past interview)."""


#: Which side of today a typed date must be on, and which way a bare weekday points.
Direction = Literal["past", "future", "any"]

DAY_WORDS = "YYYY-MM-DD, today, yesterday, tomorrow, a weekday (fri), +3d, +2w or 3d ago"
DAY_FORMAT_HELP = f"date must be {DAY_WORDS}"
MOMENT_FORMAT_HELP = f"date must be {DAY_WORDS}, with HH:MM after it if you like"

#: The days bounce keeps records for: earlier or later is a typo or a broken clock,
#: and a date near year 9999 would overflow when shown in a zone east of UTC.
EARLIEST_DAY = date(1970, 1, 1)
LATEST_DAY = date(2100, 12, 31)
#: How far ahead of this machine's clock another machine's may run (records that
#: say "now" are accepted up to this far in the future, and no further).
CLOCK_SKEW = timedelta(days=1)
#: The widest offsets from UTC of any zone (UTC-12 to UTC+14).
_ZONE_OFFSETS = (timedelta(hours=-12), timedelta(hours=14))


def check_day_in_range(day: date, field: str) -> date:
    """Return ``day`` when it lies from EARLIEST_DAY to LATEST_DAY; DomainError otherwise."""
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise DomainError(
            f"{field} must be from {EARLIEST_DAY.year} to {LATEST_DAY.year}, not {day.isoformat()}"
        )
    return day


def check_moment_in_range(moment: datetime, field: str, *, now: datetime | None = None) -> datetime:
    """Return the aware ``moment`` when its UTC day is in range and, given ``now``, it is
    no later than ``now`` plus CLOCK_SKEW; DomainError with one line otherwise."""
    check_day_in_range(to_utc(moment).date(), field)  # to_utc refuses a naive moment
    if now is not None and moment > now + CLOCK_SKEW:
        raise DomainError(f"{field} is in the future ({to_utc(moment):%Y-%m-%d %H:%M} UTC)")
    return moment


def days_of_moment(moment: datetime) -> tuple[date, date]:
    """The first and last local day ``moment`` falls on in any zone of the world."""
    utc = to_utc(moment).replace(tzinfo=None)
    return (utc + _ZONE_OFFSETS[0]).date(), (utc + _ZONE_OFFSETS[1]).date()


_DAY_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MOMENT_RE = re.compile(r"(.+?)(?:[ T]+)([0-9]{1,2}):([0-9]{2})")
_OFFSET_RE = re.compile(r"([+-])\s*([0-9]{1,4})\s*([dw])")
_AGO_RE = re.compile(r"([0-9]{1,4})\s*([dw])\s+ago")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
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
    try:
        return moment.astimezone() if tz is None else moment.astimezone(tz)
    except OverflowError:
        # Only a damaged or hostile row holds a time at the calendar's very edge; show
        # it at the edge (a day inside it, so later sums stay in range), never crash.
        edge = datetime.max if moment.year > 5000 else datetime.min
        inside = edge - timedelta(days=1) if edge is datetime.max else edge + timedelta(days=1)
        return inside.replace(tzinfo=tz if tz is not None else timezone.utc)


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """Return the local calendar day of the aware datetime ``moment``."""
    return local_time(moment, tz).date()


def from_local(wall: datetime, tz: tzinfo | None = None) -> datetime:
    """Interpret the naive local wall-clock time ``wall`` in ``tz`` and return it in UTC.

    With ``tz`` None the system's zone is used. A wall time that happens twice (the
    hour the clocks go back) is the first one; a wall time that never happens (the
    hour they go forward) moves forward by the gap, so it stays on the typed day.
    """
    naive = wall.replace(tzinfo=None)
    candidates = [_to_utc_with_fold(naive.replace(fold=fold), tz) for fold in (0, 1)]
    for moment in candidates:
        if _wall(moment, tz) == naive:
            return moment
    return max(candidates)  # in a gap: neither reading exists; the later one is forward


def _to_utc_with_fold(naive: datetime, tz: tzinfo | None) -> datetime:
    if tz is None:
        return naive.astimezone(timezone.utc)
    return naive.replace(tzinfo=tz).astimezone(timezone.utc)


def _wall(moment: datetime, tz: tzinfo | None) -> datetime:
    local = moment.astimezone() if tz is None else moment.astimezone(tz)
    return local.replace(tzinfo=None, fold=0)


def _iso_day(text: str) -> date | None:
    match = _DAY_RE.fullmatch(text)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _weekday(word: str) -> int | None:
    """0 for "mon", "tues", "monday" … 6 for "sun"; None for anything else."""
    if len(word) < 3:
        return None
    for number, name in enumerate(_WEEKDAYS):
        if name.startswith(word):
            return number
    return None


def _relative_day(word: str, today: date, direction: Direction) -> date | None:
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if word == "tomorrow":
        return today + timedelta(days=1)
    ago = _AGO_RE.fullmatch(word)
    if ago is not None:
        return today - timedelta(days=int(ago[1]) * (7 if ago[2] == "w" else 1))
    offset = _OFFSET_RE.fullmatch(word)
    if offset is not None:
        days = int(offset[2]) * (7 if offset[3] == "w" else 1)
        return today + timedelta(days=days if offset[1] == "+" else -days)
    pointing = direction
    for prefix, way in (("next ", "future"), ("last ", "past")):
        if word.startswith(prefix):
            word, pointing = word.removeprefix(prefix).strip(), way  # type: ignore[assignment]
    weekday = _weekday(word)
    if weekday is None:
        return None
    if pointing == "past":  # the most recent one before today
        return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)  # the next one


def parse_day(text: str, today: date, direction: Direction = "any") -> date:
    """Parse a typed day: YYYY-MM-DD, today, yesterday, tomorrow, +3d/-2w or a weekday.

    A bare weekday ("fri", "friday") is the next one after today, or with
    ``direction="past"`` the last one before today; "next fri" and "last fri" say
    so themselves. ``direction`` also refuses a day on the wrong side of today
    ("past": today or earlier; "future": today or later), with a one-line reason.
    Any case, outer spaces ignored; DomainError with one line for anything else.
    """
    if not isinstance(text, str):
        raise DomainError(DAY_FORMAT_HELP)
    word = " ".join(text.strip().lower().split())
    day = _relative_day(word, today, direction)
    if day is None:
        day = _iso_day(word)
    if day is None:
        raise DomainError(DAY_FORMAT_HELP)
    check_day_in_range(day, "the date")
    if direction == "past" and day > today:
        raise WrongSide(f"{day:%a %d %b %Y} is in the future; give today or an earlier day")
    if direction == "future" and day < today:
        raise WrongSide(f"{day:%a %d %b %Y} has passed; give today or a later day")
    return day


def parse_moment(
    text: str, now: datetime, tz: tzinfo | None = None, direction: Direction = "any"
) -> datetime:
    """Parse a moment typed by the user and return it as an aware UTC datetime.

    Accepts any day :func:`parse_day` accepts, optionally followed by "HH:MM" in
    local wall time ("tomorrow 14:00", "fri 9:30", "2026-03-02 18:00"). A bare day
    that is today means ``now``; any other bare day means 12:00 local time. With
    ``direction="past"`` a moment after ``now`` is refused; with "future" a day
    before today is (an interview earlier today is still today's).
    """
    _require_aware(now)
    if not isinstance(text, str):
        raise DomainError(MOMENT_FORMAT_HELP)
    stripped = " ".join(text.strip().split())
    today = local_day(now, tz)
    match = _MOMENT_RE.fullmatch(stripped)
    day_text = match[1] if match is not None else stripped
    try:
        day = parse_day(day_text, today, direction)
    except DomainError as error:
        if str(error) == DAY_FORMAT_HELP:
            raise DomainError(MOMENT_FORMAT_HELP) from None
        raise
    if match is not None:
        hour, minute = int(match[2]), int(match[3])
        if hour > 23 or minute > 59:
            raise DomainError("time must be HH:MM, from 00:00 to 23:59")
        moment = _from_local_checked(datetime.combine(day, time(hour, minute)), tz)
    elif day == today:
        moment = to_utc(now)
    else:
        moment = _from_local_checked(datetime.combine(day, _NOON), tz)
    if direction == "past" and moment > to_utc(now):
        raise WrongSide(f"{local_time(moment, tz):%a %d %b %H:%M} is later than now")
    return moment


def _from_local_checked(wall: datetime, tz: tzinfo | None) -> datetime:
    try:
        return from_local(wall, tz)
    except (OverflowError, OSError, ValueError):
        raise DomainError("date is out of the supported range") from None
