"""Derived progress figures; the headline one is bounce-back time (see DESIGN.md)."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "BASELINE_DAYS",
    "BASELINE_MIN_DAYS",
    "TOLERANCE",
    "BounceBack",
    "bounce_back",
    "median_bounce_back",
]

BASELINE_DAYS = 14  # the baseline is the mean over R-14 .. R-1
BASELINE_MIN_DAYS = 3  # days with check-ins needed for a baseline
WINDOW_DAYS = 3  # D-2, D-1 and D
WINDOW_MIN_DAYS = 2  # days with check-ins needed in the window
TOLERANCE = 0.25  # "back" means at least baseline - 0.25
_EPSILON = 1e-9  # float noise in means must not decide the day

_STATUSES = ("days", "not_yet", "undefined")


@dataclass(frozen=True)
class BounceBack:
    """Bounce-back time for one rejection.

    ``status`` is "days" (then ``days`` is set), "not_yet" or "undefined" (no baseline).
    """

    status: str
    days: int | None = None

    def __post_init__(self) -> None:
        if self.status not in _STATUSES:
            raise ValueError(f"status must be one of {_STATUSES}")
        if (self.status == "days") != (self.days is not None):
            raise ValueError("days is given exactly when status is 'days'")

    def __str__(self) -> str:
        if self.status == "days":
            return "1 day" if self.days == 1 else f"{self.days} days"
        return "not yet" if self.status == "not_yet" else "—"


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def bounce_back(moods: Mapping[date, float], rejection_day: date, today: date) -> BounceBack:
    """Return the bounce-back time for a rejection on ``rejection_day`` (R).

    ``moods`` maps days to daily mood (the mean of that day's check-ins). The
    baseline is the mean over R-14 .. R-1 and needs at least 3 days with data,
    else the result is "undefined". The person is back on the first day D with
    R < D <= today where the mean of D-2, D-1 and D (at least 2 of them with
    data) is at least baseline - 0.25; the result is D - R days, or "not_yet".
    """
    one_day = timedelta(days=1)
    baseline_values = [
        moods[day]
        for offset in range(BASELINE_DAYS, 0, -1)
        if (day := rejection_day - offset * one_day) in moods
    ]
    if len(baseline_values) < BASELINE_MIN_DAYS:
        return BounceBack("undefined")
    target = _mean(baseline_values) - TOLERANCE - _EPSILON

    # Only days within two days after a day with data can have a full enough window.
    candidates: set[date] = set()
    for day in moods:
        gap = (today - day).days
        for offset in range(min(WINDOW_DAYS, gap + 1)):
            candidate = day + offset * one_day  # never past today, so never overflows
            if candidate > rejection_day:
                candidates.add(candidate)
    for day in sorted(candidates):
        window = [
            moods[d] for offset in range(WINDOW_DAYS) if (d := day - offset * one_day) in moods
        ]
        if len(window) >= WINDOW_MIN_DAYS and _mean(window) >= target:
            return BounceBack("days", (day - rejection_day).days)
    return BounceBack("not_yet")


def median_bounce_back(results: Iterable[BounceBack]) -> float | None:
    """Return the median bounce-back time in days over the "days" results, or None."""
    days = [r.days for r in results if r.status == "days" and r.days is not None]
    if not days:
        return None
    return float(statistics.median(days))
