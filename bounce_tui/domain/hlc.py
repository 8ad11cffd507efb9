"""Hybrid logical clock stamps: which of two versions of a record is newer, on any device.

A stamp is (wall time in ms, counter, device id). Each device keeps the last stamp
it issued or saw: a local change gets a stamp above both that stamp and the
wall clock (`tick`), and reading another device's stamp moves the clock past it
(`witness`). So stamps order changes consistently with what each device had
seen, ties are broken the same way everywhere (by device id), and a device
whose clock runs ahead wins only until another device has seen its stamp: the
next change anywhere gets a higher one. Stamps are stored as text that sorts as
they compare (`encode`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Wall times are kept to 15 digits of milliseconds (past the year 30000).
_WALL_DIGITS = 15
_COUNTER_DIGITS = 6
MAX_COUNTER = 10**_COUNTER_DIGITS - 1
_DEVICE = re.compile(r"[0-9a-z][0-9a-z-]{0,63}")
_TEXT = re.compile(rf"([0-9]{{{_WALL_DIGITS}}})-([0-9]{{{_COUNTER_DIGITS}}})-({_DEVICE.pattern})")


class StampError(ValueError):
    """A stamp that cannot be read, or a clock that cannot move on."""


@dataclass(frozen=True, order=True)
class Stamp:
    """One point of the hybrid logical clock; stamps compare as (wall, counter, device)."""

    wall_ms: int
    counter: int
    device: str

    def __post_init__(self) -> None:
        if not 0 <= self.wall_ms < 10**_WALL_DIGITS:
            raise StampError(f"wall time out of range: {self.wall_ms}")
        if not 0 <= self.counter <= MAX_COUNTER:
            raise StampError(f"counter out of range: {self.counter}")
        if not _DEVICE.fullmatch(self.device):
            raise StampError(f"not a device id: {self.device!r}")


def encode(stamp: Stamp) -> str:
    """The stamp as text; texts sort exactly as their stamps compare."""
    return f"{stamp.wall_ms:0{_WALL_DIGITS}d}-{stamp.counter:0{_COUNTER_DIGITS}d}-{stamp.device}"


def decode(text: str) -> Stamp:
    """A stamp from `encode`'s text (StampError for anything else)."""
    found = _TEXT.fullmatch(text) if isinstance(text, str) else None
    if found is None:
        raise StampError(f"not a clock stamp: {str(text)[:80]!r}")
    return Stamp(int(found.group(1)), int(found.group(2)), found.group(3))


def tick(last: Stamp | None, now_ms: int, device: str) -> Stamp:
    """The stamp for a change made now on `device`, above `last` (the clock's state)."""
    now_ms = max(0, now_ms)
    if last is None or now_ms > last.wall_ms:
        return Stamp(now_ms, 0, device)
    return _next(last.wall_ms, last.counter, device)


def witness(last: Stamp | None, seen: Stamp, now_ms: int, device: str) -> Stamp:
    """The clock's state after reading another device's `seen` stamp at `now_ms`.

    The result is above `last` and `seen`, so a change made here afterwards wins
    over what was read, however far ahead the other device's wall clock was.
    """
    now_ms = max(0, now_ms)
    wall = max(now_ms, seen.wall_ms, last.wall_ms if last is not None else 0)
    counter = -1
    if wall == seen.wall_ms:
        counter = max(counter, seen.counter)
    if last is not None and wall == last.wall_ms:
        counter = max(counter, last.counter)
    if counter < 0:
        return Stamp(wall, 0, device)
    return _next(wall, counter, device)


def _next(wall_ms: int, counter: int, device: str) -> Stamp:
    if counter < MAX_COUNTER:
        return Stamp(wall_ms, counter + 1, device)
    # A million changes within one millisecond: borrow the next millisecond.
    return Stamp(wall_ms + 1, 0, device)
