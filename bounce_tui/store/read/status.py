"""Read models for the faces: the status summary, built from one query per figure."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from sqlmodel import Session, col, func, select

from bounce_tui.domain import bounce_back, checkins, mourning
from bounce_tui.domain.dates import local_day, local_time, to_utc
from bounce_tui.domain.status import MONTHS, ActiveTimer, Status, UpcomingInterview
from bounce_tui.store.models import (
    CheckIn,
    ChecklistItem,
    Interview,
    Lesson,
    MourningPeriod,
    Rejection,
    SkipDay,
)
from bounce_tui.store.read.views import period_value

__all__ = [
    "MONTHS", "ActiveTimer", "Status", "UpcomingInterview", "as_date", "build_status",
    "day_moods", "mourning_spans",
]  # fmt: skip


def day_moods(session: Session) -> dict[date, float]:
    """Mean mood per local day, in one grouped query."""
    rows = session.exec(
        select(col(CheckIn.day), func.avg(CheckIn.mood)).group_by(col(CheckIn.day))
    ).all()
    return {as_date(day): float(avg) for day, avg in rows}


def build_status(session: Session, now: datetime, tz: tzinfo | None) -> Status:
    """Everything `bounce status` and the main screen's strip show."""
    now = to_utc(now)
    today = local_day(now, tz)
    moods = day_moods(session)
    skipped = {as_date(d) for d in session.exec(select(col(SkipDay.day))).all()}
    today_moods = tuple(session.exec(select(CheckIn.mood).where(CheckIn.day == today)).all())
    timers = _active_timers(session, now)
    open_items = session.exec(
        select(func.count()).select_from(ChecklistItem).where(col(ChecklistItem.done_at).is_(None))
    ).one()
    lessons_due = session.exec(
        select(func.count()).select_from(Lesson).where(Lesson.due <= now)
    ).one()
    lessons_total = session.exec(select(func.count()).select_from(Lesson)).one()
    received = session.exec(
        select(Rejection.company, Rejection.received_at).order_by(col(Rejection.received_at))
    ).all()
    usual = bounce_back.usual_mood(moods, mourning_spans(session, tz), today)
    backs = tuple(
        (company, bounce_back.bounce_back(moods, local_day(at, tz), today, usual))
        for company, at in received
    )
    interview = session.exec(
        select(Interview).where(Interview.at >= now).order_by(col(Interview.at)).limit(1)
    ).first()
    return Status(
        today=today,
        today_moods=today_moods,
        streak=checkins.streak(moods.keys(), skipped, today),
        timers=timers,
        open_items=open_items,
        lessons_due=lessons_due,
        lessons_total=lessons_total,
        rejections=len(received),
        bounce_back_median=bounce_back.median_bounce_back(b for _, b in backs),
        bounce_backs=backs,
        next_interview=(
            UpcomingInterview(
                interview.company, interview.role, interview.at, local_time(interview.at, tz)
            )
            if interview
            else None
        ),
    )


def mourning_spans(session: Session, tz: tzinfo | None) -> list[tuple[date, date]]:
    """Every mourning period as (start day, end day), local; a running one to its planned end."""
    return [
        (local_day(period.started_at, tz), local_day(mourning.ended_at(period_value(period)), tz))
        for period in session.exec(select(MourningPeriod))
    ]


def _active_timers(session: Session, now: datetime) -> tuple[ActiveTimer, ...]:
    rows = session.exec(
        select(MourningPeriod, Rejection)
        .join(Rejection, isouter=True)
        .where(MourningPeriod.planned_end > now, col(MourningPeriod.moved_on_at).is_(None))
        .order_by(col(MourningPeriod.planned_end))
    ).all()
    timers = []
    for period, rejection in rows:
        value = period_value(period)
        timers.append(
            ActiveTimer(
                period_id=period.id,
                company=rejection.company if rejection else "",
                role=rejection.role if rejection else "",
                remaining=mourning.remaining(value, now),
                progress=mourning.progress(value, now),
            )
        )
    return tuple(timers)


def as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)
