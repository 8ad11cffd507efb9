"""What the main screen shows, read from one open connection (one transaction, one moment).

The app reads this at start and after every write, so it runs on plain `sqlite3`
(see `store/rows.py`): the first content never waits for SQLAlchemy. One query
per kind of row (rejections, timers, urges, lessons, items, today's check-ins,
skipped days, day moods, settings), plus the upcoming interviews with their drill
counts and the gentle prompt, all in the caller's read transaction.
tests/store/test_plain_snapshot.py compares it on random data with the ORM read
it replaced. `upcoming_interviews` and `gentle_prompt_due` are the store's only
reads of those two (`Reads` runs them on its session's connection).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date, datetime, tzinfo
from typing import Any

from bounce_tui.domain import checkins
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.lessons import ROUND_LIMIT
from bounce_tui.domain.snapshot import InterviewView, LessonView, MainSnapshot, TodayView
from bounce_tui.store.read.gentle_prompt import gentle_prompt_due as gentle_prompt_due
from bounce_tui.store.read.gentle_prompt import prompt_due_on
from bounce_tui.store.read.views import (
    item_view,
    lesson_view,
    rejection_view,
    timer_view,
)
from bounce_tui.store.rows import read_day, select_rows
from bounce_tui.store.stamps import day_text, utc_text

#: The newest lessons the main screen starts with; older ones load as the list scrolls.
LESSON_PAGE = 300


def load_main_snapshot(conn: sqlite3.Connection, now: datetime, tz: tzinfo | None) -> MainSnapshot:
    """Today's check-ins and streak, every timer, lesson, item, rejection and interview."""
    now = to_utc(now)
    today = local_day(now, tz)
    rejections = {r.id: r for r in select_rows(conn, "rejection", "ORDER BY received_at DESC")}
    urges = dict(
        conn.execute("SELECT mourning_id, count(*) FROM urge GROUP BY mourning_id").fetchall()
    )
    periods = select_rows(conn, "mourning_period", "ORDER BY started_at DESC")
    timers = tuple(
        timer_view(period, rejections.get(period.rejection_id or ""), urges.get(period.id, 0))
        for period in periods
    )
    page = select_rows(conn, "lesson", "ORDER BY created_at DESC, id LIMIT ?", (LESSON_PAGE,))
    lessons = _with_theme_sizes(
        conn, [lesson_view(lesson, rejections.get(lesson.rejection_id or "")) for lesson in page]
    )
    (lessons_total,) = conn.execute("SELECT count(*) FROM lesson").fetchone()
    items = tuple(
        item_view(item, rejections.get(item.rejection_id or ""))
        for item in select_rows(conn, "checklist_item", "ORDER BY position, created_at")
    )
    todays = select_rows(conn, "checkin", "WHERE day = ? ORDER BY at", (day_text(today),))
    skipped = {row.day for row in select_rows(conn, "skip_day")}
    days = _checkin_days(conn)
    (interviews,) = conn.execute("SELECT EXISTS (SELECT 1 FROM interview)").fetchone()
    (due,) = conn.execute("SELECT count(*) FROM lesson WHERE due <= ?", (utc_text(now),)).fetchone()
    settings = {s.key: s.value for s in select_rows(conn, "setting")}
    return MainSnapshot(
        today=TodayView(
            day=today,
            moods=tuple(c.mood for c in todays),
            last_note=next((c.note for c in reversed(todays) if c.note), ""),
            streak=checkins.streak(days, skipped, today),
            lessons_due=due,
        ),
        timers=timers,
        lessons=tuple(lessons),
        items=items,
        rejections=tuple(rejection_view(r) for r in rejections.values()),
        settings=settings,
        lessons_total=lessons_total,
        interviews=tuple(upcoming_interviews(conn, now, tz, rejections.values())),
        gentle_prompt=prompt_due_on(conn, periods, settings, today, tz),
        has_entries=bool(rejections or lessons_total or items or days or skipped or interviews),
    )


def _checkin_days(conn: sqlite3.Connection) -> list[date]:
    return [read_day(day) for (day,) in conn.execute("SELECT DISTINCT day FROM checkin")]


def _with_theme_sizes(conn: sqlite3.Connection, views: list[LessonView]) -> list[LessonView]:
    """The views with `theme_size` filled in (one query), as `repeats.with_theme_sizes`."""
    wanted = sorted({v.theme_id for v in views if v.theme_id})
    if not wanted:
        return views
    marks = ", ".join("?" * len(wanted))
    sizes = dict(
        conn.execute(
            f"SELECT theme_id, count(*) FROM lesson WHERE theme_id IN ({marks}) GROUP BY theme_id",
            wanted,
        ).fetchall()
    )
    if not sizes:
        return views
    return [v._replace(theme_size=sizes.get(v.theme_id, 0)) if v.theme_id else v for v in views]


def upcoming_interviews(
    conn: sqlite3.Connection,
    now: datetime,
    tz: tzinfo | None,
    rejections: Iterable[Any] | None = None,
) -> list[InterviewView]:
    """Interviews from the day before until they have passed, with their matching lessons.

    `rejections`: every rejection row, when the caller has read them already.
    """
    now = to_utc(now)
    today = local_day(now, tz)
    if rejections is None:
        rejections = select_rows(conn, "rejection")
    rows = select_rows(conn, "interview", "WHERE at >= ? ORDER BY at", (utc_text(now),))
    soon = [i for i in rows if (local_day(i.at, tz) - today).days <= 1]
    return [
        InterviewView(
            interview_id=i.id,
            company=i.company,
            role=i.role,
            stage=i.stage,
            at=i.at,
            matching_lessons=_interview_card_count(conn, rejections, i.company, i.stage),
        )
        for i in soon
    ]


def _interview_card_count(
    conn: sqlite3.Connection, rejections: Iterable[Any], company: str, stage: str
) -> int:
    """How many lessons an interview's drill offers (see `lessons.interview_cards`): those
    of the same company, a confirmed theme, the same stage, or no rejection at all."""
    wanted = company.strip().casefold()
    ids = [r.id for r in rejections if r.company.strip().casefold() == wanted]
    marks = ", ".join("?" * len(ids))
    same_company = f"lesson.rejection_id IN ({marks}) OR " if ids else ""
    same_stage = "rejection.stage = ? OR " if stage.strip() else ""
    params: list[object] = [*ids] + ([stage.strip().lower()] if stage.strip() else [])
    (found,) = conn.execute(
        "SELECT count(*) FROM lesson LEFT OUTER JOIN rejection "
        "ON rejection.id = lesson.rejection_id WHERE "
        f"{same_company}lesson.theme_id IS NOT NULL OR {same_stage}lesson.rejection_id IS NULL",
        params,
    ).fetchone()
    return min(int(found), ROUND_LIMIT)
