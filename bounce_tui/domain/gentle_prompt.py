"""When to suggest, gently, talking to someone: a run of the lowest days after a mourning period.

Its own small module because every `bounce checkin` asks it, and the rest of the
progress rules (`progress.py`, which re-exports these) are much more to import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

#: The gentle prompt needs this many check-in days in a row at mood 1 …
PROMPT_RUN_DAYS = 3
#: … all of them within this many days up to today (older lows are not "now").
PROMPT_LOOKBACK_DAYS = 14
#: What the app says when :func:`gentle_prompt_due` is True (plain text, no markup).
GENTLE_PROMPT = (
    "The last few days have felt heavy. That happens, and it isn't a failing. "
    "It can help to talk to someone — a friend, family, or a counsellor. "
    "If you might be in danger, please call your local emergency number."
)

_EPSILON = 1e-9  # float noise in means must not decide the day


def gentle_prompt_due(
    day_moods: Mapping[date, float],
    period_ends: Iterable[date],
    today: date,
    dismissed_until: date | None,
) -> bool:
    """True when the app should gently suggest talking to someone.

    The last :data:`PROMPT_RUN_DAYS` (3) days that have check-ins, up to ``today``,
    must each have a daily mood of 1 (mean <= 1.0); days without check-ins neither
    count nor break the run, but all three must lie within the last
    :data:`PROMPT_LOOKBACK_DAYS` days, and each must come after (strictly) the end
    day of some mourning period in ``period_ends`` — lows during the first
    mourning are expected. A running period does not hide it. Hidden while
    ``dismissed_until`` >= ``today``.
    """
    if dismissed_until is not None and dismissed_until >= today:
        return False
    first_end = min(period_ends, default=None)
    if first_end is None:
        return False
    recent = sorted((day for day in day_moods if day <= today), reverse=True)[:PROMPT_RUN_DAYS]
    if len(recent) < PROMPT_RUN_DAYS:
        return False
    oldest = recent[-1]
    if (today - oldest).days >= PROMPT_LOOKBACK_DAYS or oldest <= first_end:
        return False
    return all(day_moods[day] <= 1.0 + _EPSILON for day in recent)
