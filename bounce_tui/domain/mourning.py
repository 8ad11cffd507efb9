"""The mourning period: a bounded, wall-clock timer for the disappointment.

Its state is derived only from the ``now`` passed in, so it is correct while the
app is closed, and monotonic: RUNNING, then ENDED or MOVED_ON, never back.
Lengths are counted in local calendar days, so a period started at 20:00 ends
at 20:00 local time even across a DST change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo
from enum import Enum
from typing import NamedTuple

from bounce_tui.domain.dates import from_local, local_time, to_utc
from bounce_tui.domain.errors import DomainError

__all__ = [
    "STAGES",
    "CHANNELS",
    "DEFAULT_DAYS",
    "MAX_DAYS",
    "MAX_EXTENSIONS",
    "validate_stage",
    "validate_channel",
    "default_days",
    "validate_days",
    "planned_end",
    "Mourning",
    "Phase",
    "phase",
    "remaining",
    "progress",
    "ended_at",
    "extend",
    "end_early",
    "format_countdown",
]

STAGES = ("applied", "screen", "interview", "final")
CHANNELS = ("email", "call", "silence")
DEFAULT_DAYS = {"applied": 1, "screen": 1, "interview": 2, "final": 3}
MAX_DAYS = 14
MAX_EXTENSIONS = 2

_INT_RE = re.compile(r"[+-]?[0-9]+")


def _one_of(value: object, allowed: tuple[str, ...], field: str) -> str:
    if isinstance(value, str):
        word = value.strip().lower()
        if word in allowed:
            return word
    raise DomainError(f"{field} must be one of: {', '.join(allowed)}")


def validate_stage(s: str) -> str:
    """Return the stage reached, lowercased; DomainError unless it is one of STAGES."""
    return _one_of(s, STAGES, "stage")


def validate_channel(s: str) -> str:
    """Return how the rejection arrived, lowercased; DomainError unless one of CHANNELS."""
    return _one_of(s, CHANNELS, "channel")


def _whole_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _INT_RE.fullmatch(value.strip()):
        return int(value.strip())
    return None


def validate_days(days: int | str) -> int:
    """Return a mourning length as an int from 1 to MAX_DAYS; "3" is accepted."""
    number = _whole_number(days)
    if number is None or not 1 <= number <= MAX_DAYS:
        raise DomainError(f"days must be a whole number from 1 to {MAX_DAYS}")
    return number


def default_days(stage: str, overrides: Mapping[str, int] | None = None) -> int:
    """Return the default mourning length for the stage reached.

    ``overrides`` (from a setting) replaces the built-in default for a stage; an
    override above MAX_DAYS is capped, and one that is not a whole number of at
    least 1 is ignored.
    """
    key = validate_stage(stage)
    days = DEFAULT_DAYS[key]
    if overrides and key in overrides:
        wanted = _whole_number(overrides[key])
        if wanted is not None and wanted >= 1:
            days = wanted
    return min(days, MAX_DAYS)


def _add_local_days(moment: datetime, days: int, tz: tzinfo | None) -> datetime:
    """``moment`` plus ``days`` calendar days on the local wall clock, in UTC."""
    wall = local_time(moment, tz).replace(tzinfo=None)
    return from_local(wall + timedelta(days=days), tz)


def planned_end(start: datetime, days: int, tz: tzinfo | None = None) -> datetime:
    """Return ``start`` plus ``days`` local calendar days (same wall-clock time), in UTC.

    Across a DST change the real length is 23 or 25 hours per day crossed.
    """
    return _add_local_days(start, validate_days(days), tz)


class Mourning(NamedTuple):
    """A mourning period: when it started, when it is planned to end, and how it went.

    ``moved_on_at`` is set when the user ended it early ("ready to move on").
    """

    started_at: datetime
    planned_end: datetime
    days: int
    extensions: int = 0
    moved_on_at: datetime | None = None


class Phase(str, Enum):
    """Where a mourning period stands at a given moment."""

    RUNNING = "running"
    ENDED = "ended"  # the planned end has passed
    MOVED_ON = "moved_on"  # ended early by the user


def _moved_on_early(m: Mourning) -> bool:
    return m.moved_on_at is not None and m.moved_on_at < m.planned_end


def ended_at(m: Mourning) -> datetime:
    """Return when the period ends or ended: ``moved_on_at`` if ended early, else the planned end.

    A ``moved_on_at`` at or after the planned end (odd imported data) does not count as early.
    """
    if _moved_on_early(m):
        assert m.moved_on_at is not None
        return m.moved_on_at
    return m.planned_end


def phase(m: Mourning, now: datetime) -> Phase:
    """Return the phase of ``m`` at ``now``: RUNNING before its end, then MOVED_ON or ENDED."""
    if now < ended_at(m):
        return Phase.RUNNING
    return Phase.MOVED_ON if _moved_on_early(m) else Phase.ENDED


def remaining(m: Mourning, now: datetime) -> timedelta:
    """Return the time left until the planned end; zero once it is not running.

    Never more than the whole period: a clock that reads earlier than the start
    (set back, or a timer logged on another machine) shows the full plan, not more.
    """
    if phase(m, now) is not Phase.RUNNING:
        return timedelta(0)
    whole = max(m.planned_end - m.started_at, timedelta(0))
    return min(max(m.planned_end - now, timedelta(0)), whole)


def progress(m: Mourning, now: datetime) -> float:
    """Return the fraction of the period elapsed at ``now``, in [0, 1]; 1 once not running."""
    if phase(m, now) is not Phase.RUNNING:
        return 1.0
    total = (m.planned_end - m.started_at).total_seconds()
    if total <= 0:
        return 1.0
    elapsed = (now - m.started_at).total_seconds()
    return min(max(elapsed / total, 0.0), 1.0)


def extend(m: Mourning, now: datetime, tz: tzinfo | None = None) -> Mourning:
    """Return ``m`` one local calendar day longer (days + 1, extensions + 1).

    Raises DomainError if it is not running at ``now``, if it was already
    extended MAX_EXTENSIONS times, or if it would exceed MAX_DAYS.
    """
    if phase(m, now) is not Phase.RUNNING:
        raise DomainError("only a running mourning period can be extended")
    if m.extensions >= MAX_EXTENSIONS:
        raise DomainError(f"a mourning period can be extended at most {MAX_EXTENSIONS} times")
    if m.days + 1 > MAX_DAYS:
        raise DomainError(f"a mourning period cannot be longer than {MAX_DAYS} days")
    return m._replace(
        planned_end=_add_local_days(m.planned_end, 1, tz),
        days=m.days + 1,
        extensions=m.extensions + 1,
    )


def end_early(m: Mourning, now: datetime) -> Mourning:
    """Return ``m`` ended at ``now`` by the user; DomainError if it is not running.

    A clock that reads earlier than the start ends it at its start, never before it.
    """
    if phase(m, now) is not Phase.RUNNING:
        raise DomainError("this mourning period has already ended")
    return m._replace(moved_on_at=max(to_utc(now), to_utc(m.started_at)))


def format_countdown(td: timedelta) -> str:
    """Format a duration as "2d 03:12:09", or "03:12:09" under a day; negative is zero."""
    seconds = max(td // timedelta(seconds=1), 0)
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, seconds = divmod(rest, 60)
    clock = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    return f"{days}d {clock}" if days else clock
