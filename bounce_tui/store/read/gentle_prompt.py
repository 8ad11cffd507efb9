"""Whether the gentle "talk to someone" prompt is due, read from the file with sqlite3.

Shared by the main snapshot and `bounce checkin` (store/quick/checkins.py), which
imports this alone rather than the whole snapshot reader.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from bounce_tui.domain import gentle_prompt, mourning
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.settings import DISMISSED_UNTIL_KEY
from bounce_tui.store.rows import read_day, select_rows
from bounce_tui.store.stamps import day_text


def gentle_prompt_due(conn: sqlite3.Connection, now: datetime, tz: tzinfo | None) -> bool:
    """True when the gentle "talk to someone" prompt should show (see the domain rule)."""
    settings = {s.key: s.value for s in select_rows(conn, "setting")}
    periods = select_rows(conn, "mourning_period")
    return prompt_due_on(conn, periods, settings, local_day(to_utc(now), tz), tz)


def prompt_due_on(
    conn: sqlite3.Connection,
    periods: list[Any],
    settings: dict[str, str],
    today: date,
    tz: tzinfo | None,
) -> bool:
    """`gentle_prompt.gentle_prompt_due` on the recent day moods and the periods' ends."""
    first = today - timedelta(days=gentle_prompt.PROMPT_LOOKBACK_DAYS)
    rows = conn.execute(
        "SELECT day, avg(mood) FROM checkin WHERE day >= ? GROUP BY day", (day_text(first),)
    )
    means = {read_day(day): float(mean) for day, mean in rows}
    # A period still running ends after every day so far: it cannot count.
    ends = [local_day(mourning.ended_at(period_value(p)), tz) for p in periods]
    return gentle_prompt.gentle_prompt_due(means, ends, today, _dismissed_until(settings))


def _dismissed_until(settings: dict[str, str]) -> date | None:
    value = settings.get(DISMISSED_UNTIL_KEY)
    if not value:
        return None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def period_value(period: Any) -> mourning.Mourning:
    """A mourning_period row as the value the mourning rules work on."""
    return mourning.Mourning(
        started_at=period.started_at,
        planned_end=period.planned_end,
        days=period.days,
        extensions=period.extensions,
        moved_on_at=period.moved_on_at,
    )
