"""Daily mood check-ins: validation, labels, day means and the check-in streak."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from bounce_tui.domain.errors import DomainError

__all__ = [
    "MOOD_LABELS",
    "MOOD_MIN",
    "MOOD_MAX",
    "validate_mood",
    "validate_energy",
    "mood_label",
    "day_moods",
    "streak",
]

MOOD_MIN = 1
MOOD_MAX = 5
MOOD_LABELS: dict[int, str] = {1: "awful", 2: "low", 3: "okay", 4: "good", 5: "great"}

_INT_RE = re.compile(r"[+-]?[0-9]+")


def _scale_value(value: object, field: str) -> int:
    """A whole number from 1 to 5, given as an int or a string of digits."""
    message = f"{field} must be a whole number from {MOOD_MIN} to {MOOD_MAX}"
    if isinstance(value, bool):
        raise DomainError(message)
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _INT_RE.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        raise DomainError(message)
    if not MOOD_MIN <= number <= MOOD_MAX:
        raise DomainError(message)
    return number


def validate_mood(value: int | str) -> int:
    """Return the mood as an int from 1 to 5; "3" is accepted, booleans are not."""
    return _scale_value(value, "mood")


def validate_energy(value: int | str | None) -> int | None:
    """Return the energy as an int from 1 to 5, or None when it was not given."""
    if value is None:
        return None
    return _scale_value(value, "energy")


def mood_label(mood: float) -> str:
    """Return the label of a (mean) mood, rounded half up: 2.5 -> "okay", 2.49 -> "low"."""
    if isinstance(mood, bool) or not isinstance(mood, (int, float)) or math.isnan(mood):
        raise DomainError("mood must be a number from 1 to 5")
    if math.isinf(mood):
        return MOOD_LABELS[MOOD_MAX if mood > 0 else MOOD_MIN]
    # A tiny tolerance so that a mean like 3.4999999999999996 still rounds up.
    rounded = math.floor(mood + 0.5 + 1e-9)
    return MOOD_LABELS[min(max(rounded, MOOD_MIN), MOOD_MAX)]


def day_moods(entries: Iterable[tuple[date, int]]) -> dict[date, float]:
    """Return each day's mood: the mean of that day's check-ins, keyed by day in order."""
    totals: dict[date, list[int]] = defaultdict(list)
    for day, mood in entries:
        totals[day].append(mood)
    return {day: sum(values) / len(values) for day, values in sorted(totals.items())}


def streak(checkin_days: Iterable[date], skipped_days: Iterable[date], today: date) -> int:
    """Count consecutive days with a check-in, counting back from ``today``.

    If today has neither a check-in nor a skip, counting starts from yesterday
    (the day is not over yet). A skipped day bridges the run without adding to
    it. The run stops at the first day with neither. Future days are ignored.
    """
    checked = {day for day in checkin_days if day <= today}
    skipped = {day for day in skipped_days if day <= today}
    one_day = timedelta(days=1)
    day = today
    if day not in checked and day not in skipped:
        if day == date.min:
            return 0
        day -= one_day
    count = 0
    while day in checked or day in skipped:
        if day in checked:
            count += 1
        if day == date.min:
            break
        day -= one_day
    return count


#: Said when the last days have been heavy (see `progress.gentle_prompt_due`).
HEAVY_DAYS_NOTE = (
    "The last days have been heavy. Talking to someone you trust can help — "
    "a friend, family, or a professional."
)


#: Energy, 1 to 5, in words.
ENERGY_LABELS = {1: "drained", 2: "tired", 3: "steady", 4: "lively", 5: "energised"}


def energy_label(energy: int) -> str:
    """ "drained" … "energised" for an energy of 1 … 5."""
    return ENERGY_LABELS[validate_energy(energy) or 3]
