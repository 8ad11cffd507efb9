"""Which way the mood has been going lately, computed from the check-ins.

The trend is the least-squares slope of the daily mood (1 … 5) against the day,
over the last :data:`TREND_DAYS` (7) days that have check-ins, all within the
last :data:`TREND_LOOKBACK_DAYS` (14) days up to today. Days without a check-in
are neither invented nor counted; the x axis is the real day, so a gap spreads
the points apart. With fewer than :data:`TREND_MIN_DAYS` (3) such days there is
no trend and nothing is said.

A slope of at least :data:`RISING_SLOPE` (+0.1 a day, about 0.7 of a mood step a
week) is "rising", at most -0.1 is "dipping", anything between is "steady". So
a falling line never reads as "up", nor a rising one as "down".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = [
    "TREND_DAYS",
    "TREND_MIN_DAYS",
    "TREND_LOOKBACK_DAYS",
    "RISING_SLOPE",
    "Trend",
    "slope",
    "mood_trend",
]

TREND_DAYS = 7
TREND_MIN_DAYS = 3
TREND_LOOKBACK_DAYS = 14
RISING_SLOPE = 0.1  # mood steps a day

Direction = Literal["rising", "steady", "dipping"]


def slope(points: list[tuple[float, float]]) -> float:
    """The least-squares slope of (x, y) ``points`` (at least two distinct x)."""
    count = len(points)
    mean_x = sum(x for x, _ in points) / count
    mean_y = sum(y for _, y in points) / count
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        raise ValueError("slope needs at least two distinct x")
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


@dataclass(frozen=True)
class Trend:
    """The recent direction: ``slope`` in mood steps a day over ``days`` check-in days."""

    direction: Direction
    slope: float
    days: int

    def sentence(self) -> str:
        """A warm, plain sentence about the direction (no markup)."""
        if self.direction == "rising":
            return f"your mood has been rising over your last {self.days} check-ins"
        if self.direction == "dipping":
            return (
                f"your last {self.days} check-ins dipped a little; "
                "that's allowed, and it isn't the whole picture"
            )
        return f"your mood has held steady over your last {self.days} check-ins"


def mood_trend(moods: Mapping[date, float], today: date) -> Trend | None:
    """The trend of the recent daily moods (see the module docstring), or None."""
    recent = sorted(
        (day for day in moods if day <= today and (today - day).days < TREND_LOOKBACK_DAYS),
        reverse=True,
    )[:TREND_DAYS]
    if len(recent) < TREND_MIN_DAYS:
        return None
    value = slope([(float(day.toordinal()), moods[day]) for day in recent])
    if value >= RISING_SLOPE:
        direction: Direction = "rising"
    elif value <= -RISING_SLOPE:
        direction = "dipping"
    else:
        direction = "steady"
    return Trend(direction, value, len(recent))
