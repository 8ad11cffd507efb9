"""The injected clock every use case and read model shares: the moment and the local zone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo
from typing import TypedDict

from bounce_tui.domain.dates import local_day, to_utc


class Stamp(TypedDict):
    """The two timestamps every new row carries."""

    created_at: datetime
    updated_at: datetime


def utc_now() -> datetime:
    """The real clock, in UTC."""
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Clock:
    """What time it is (`read`, an aware-datetime callable) and which zone decides the day.

    `tz` None means the system's zone. Tests pass a clock they move by hand.
    """

    read: Callable[[], datetime] = utc_now
    tz: tzinfo | None = None

    def now(self) -> datetime:
        """The current moment, in UTC."""
        return to_utc(self.read())

    def today(self) -> date:
        """The local calendar day of the current moment."""
        return local_day(self.read(), self.tz)

    def stamp(self) -> Stamp:
        """`created_at` and `updated_at` for a new row."""
        moment = self.now()
        return Stamp(created_at=moment, updated_at=moment)
