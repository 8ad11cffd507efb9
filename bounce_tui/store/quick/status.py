"""`bounce status` on the quick path: the `Status` that `store/read/status.build_status`
builds, from the same queries in one deferred transaction."""

from __future__ import annotations

import sqlite3
from datetime import date, tzinfo
from pathlib import Path

from bounce_tui.domain import bounce_back, checkins, mourning
from bounce_tui.domain.dates import local_day, local_time
from bounce_tui.domain.status import ActiveTimer, Status, UpcomingInterview
from bounce_tui.store import stamps
from bounce_tui.store.clock import Clock
from bounce_tui.store.quick.connection import is_current, reading

SELECT_DAY_MEANS = "SELECT day, avg(mood) FROM checkin GROUP BY day"
SELECT_SKIP_DAYS = "SELECT day FROM skip_day"
SELECT_MOODS_OF_DAY = "SELECT mood FROM checkin WHERE day = ?"
SELECT_RUNNING = (
    "SELECT mourning_period.id, mourning_period.started_at, mourning_period.planned_end, "
    "mourning_period.days, mourning_period.extensions, mourning_period.moved_on_at, "
    "rejection.company, rejection.role FROM mourning_period "
    "LEFT OUTER JOIN rejection ON rejection.id = mourning_period.rejection_id "
    "WHERE mourning_period.planned_end > ? AND mourning_period.moved_on_at IS NULL "
    "ORDER BY mourning_period.planned_end"
)
SELECT_OPEN_ITEMS = "SELECT count(*) FROM checklist_item WHERE done_at IS NULL"
SELECT_LESSONS_DUE = "SELECT count(*) FROM lesson WHERE due <= ?"
SELECT_LESSONS = "SELECT count(*) FROM lesson"
SELECT_RECEIVED = "SELECT company, received_at FROM rejection ORDER BY received_at"
SELECT_ALL_PERIODS = (
    "SELECT started_at, planned_end, days, extensions, moved_on_at FROM mourning_period"
)
SELECT_NEXT_INTERVIEW = "SELECT company, role, at FROM interview WHERE at >= ? ORDER BY at LIMIT 1"

STATEMENTS = (
    SELECT_DAY_MEANS,
    SELECT_SKIP_DAYS,
    SELECT_MOODS_OF_DAY,
    SELECT_RUNNING,
    SELECT_OPEN_ITEMS,
    SELECT_LESSONS_DUE,
    SELECT_LESSONS,
    SELECT_RECEIVED,
    SELECT_ALL_PERIODS,
    SELECT_NEXT_INTERVIEW,
)


def status(path: Path, clock: Clock | None = None) -> Status | None:
    """Everything `bounce status` shows, as `Reads.status` reads it.

    None: the file needs the ORM path (an older schema), or a stored value is out of
    the ordinary and the ORM reports it as it always has.
    """
    clock = clock or Clock()
    if not is_current(path):
        return None
    try:
        with reading(path) as conn:
            return _build(conn, clock)
    except (ValueError, TypeError, OverflowError, ArithmeticError):
        return None


def _period(
    started: str, planned: str, days: int, extensions: int, moved_on: str | None
) -> mourning.Mourning:
    return mourning.Mourning(
        started_at=stamps.utc_from_text(started),
        planned_end=stamps.utc_from_text(planned),
        days=days,
        extensions=extensions,
        moved_on_at=None if moved_on is None else stamps.utc_from_text(moved_on),
    )


def _build(conn: sqlite3.Connection, clock: Clock) -> Status:
    now, tz = clock.now(), clock.tz
    today = local_day(now, tz)
    at_now = stamps.utc_text(now)
    moods = {stamps.day_from_text(day): float(mean) for day, mean in conn.execute(SELECT_DAY_MEANS)}
    skipped = {stamps.day_from_text(d) for (d,) in conn.execute(SELECT_SKIP_DAYS)}
    today_moods = tuple(m for (m,) in conn.execute(SELECT_MOODS_OF_DAY, (stamps.day_text(today),)))
    if not all(isinstance(m, int) for m in today_moods):
        raise TypeError("an out-of-the-ordinary mood")
    timers = []
    for period_id, *period, company, role in conn.execute(SELECT_RUNNING, (at_now,)):
        value = _period(*period)
        timers.append(
            ActiveTimer(
                period_id=period_id,
                company=company if company is not None else "",
                role=role if role is not None else "",
                remaining=mourning.remaining(value, now),
                progress=mourning.progress(value, now),
            )
        )
    (open_items,) = conn.execute(SELECT_OPEN_ITEMS).fetchone()
    (lessons_due,) = conn.execute(SELECT_LESSONS_DUE, (at_now,)).fetchone()
    (lessons_total,) = conn.execute(SELECT_LESSONS).fetchone()
    received = [
        (company, stamps.utc_from_text(at)) for company, at in conn.execute(SELECT_RECEIVED)
    ]
    usual = bounce_back.usual_mood(moods, _spans(conn, tz), today)
    backs = tuple(
        (company, bounce_back.bounce_back(moods, local_day(at, tz), today, usual))
        for company, at in received
    )
    found = conn.execute(SELECT_NEXT_INTERVIEW, (at_now,)).fetchone()
    interview = None
    if found is not None:
        at = stamps.utc_from_text(found[2])
        interview = UpcomingInterview(found[0], found[1], at, local_time(at, tz))
    return Status(
        today=today,
        today_moods=today_moods,
        streak=checkins.streak(moods.keys(), skipped, today),
        timers=tuple(timers),
        open_items=open_items,
        lessons_due=lessons_due,
        lessons_total=lessons_total,
        rejections=len(received),
        bounce_back_median=bounce_back.median_bounce_back(b for _, b in backs),
        bounce_backs=backs,
        next_interview=interview,
    )


def _spans(conn: sqlite3.Connection, tz: tzinfo | None) -> list[tuple[date, date]]:
    """`status.mourning_spans`: every period as (start day, end day), local."""
    spans = []
    for row in conn.execute(SELECT_ALL_PERIODS):
        value = _period(*row)
        spans.append((local_day(value.started_at, tz), local_day(mourning.ended_at(value), tz)))
    return spans
