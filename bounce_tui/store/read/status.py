"""Read models for the faces: the status summary, built from one query per figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from sqlmodel import Session, col, func, select

from bounce_tui.domain import bounce_back, checkins, mourning
from bounce_tui.domain.dates import local_day, local_time, to_utc
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


@dataclass(frozen=True)
class ActiveTimer:
    """A running mourning period as the status shows it."""

    period_id: str
    company: str
    role: str
    remaining: timedelta
    progress: float


@dataclass(frozen=True)
class UpcomingInterview:
    """The next interview on the calendar."""

    company: str
    role: str
    at: datetime
    #: ``at`` in the local zone (what people read).
    local_at: datetime | None = None

    @property
    def when(self) -> str:
        """The local day and time, e.g. "Tue 12 Mar 14:30" (English names, any locale)."""
        moment = self.local_at or self.at
        day = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[moment.weekday()]
        month = MONTHS[moment.month - 1]
        return f"{day} {moment.day} {month} {moment:%H:%M}"


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Status:
    """The headline figures: today's check-in, streak, timers, open items, lessons due."""

    today: date
    today_moods: tuple[int, ...]
    streak: int
    timers: tuple[ActiveTimer, ...]
    open_items: int
    lessons_due: int
    lessons_total: int
    rejections: int
    bounce_back_median: float | None
    bounce_backs: tuple[tuple[str, bounce_back.BounceBack], ...] = field(default_factory=tuple)
    next_interview: UpcomingInterview | None = None

    @property
    def bounce_summary(self) -> bounce_back.MedianSummary:
        """The median with what went into it (figures per baseline, rejections left out)."""
        return bounce_back.summarise(b for _, b in self.bounce_backs)

    @property
    def today_mood(self) -> float | None:
        """Mean of today's check-ins, if any."""
        if not self.today_moods:
            return None
        return sum(self.today_moods) / len(self.today_moods)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form (for `bounce status --json`)."""
        mood = self.today_mood
        return {
            "today": self.today.isoformat(),
            "checked_in_today": bool(self.today_moods),
            "today_mood": round(mood, 2) if mood is not None else None,
            "today_mood_label": checkins.mood_label(mood) if mood is not None else None,
            "streak": self.streak,
            "active_timers": [
                {
                    "id": t.period_id,
                    "company": t.company,
                    "role": t.role,
                    "remaining_seconds": int(t.remaining.total_seconds()),
                    "remaining": mourning.format_countdown(t.remaining),
                }
                for t in self.timers
            ],
            "open_items": self.open_items,
            "lessons_due": self.lessons_due,
            "lessons_total": self.lessons_total,
            "rejections": self.rejections,
            "bounce_back_median_days": self.bounce_back_median,
            "bounce_backs": [
                {
                    "company": company,
                    "status": result.status,
                    "days": result.days,
                    "baseline": result.baseline,
                    "needs_check_ins": result.needs,
                    "text": result.describe(),
                }
                for company, result in self.bounce_backs
            ],
            "next_interview": (
                {
                    "company": self.next_interview.company,
                    "role": self.next_interview.role,
                    "at": self.next_interview.at.isoformat(),
                    "local": (self.next_interview.local_at or self.next_interview.at).isoformat(),
                }
                if self.next_interview
                else None
            ),
        }


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
