"""The main snapshot as the ORM read it before it moved to plain sqlite3: the oracle that
tests/store/test_plain_snapshot.py compares `store/read/snapshot.py` with.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from sqlmodel import Session, col, func, select

from bounce_tui.domain import checkins, mourning, progress
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.snapshot import InterviewView, MainSnapshot, TodayView
from bounce_tui.store.models import (
    CheckIn,
    ChecklistItem,
    Interview,
    Lesson,
    MourningPeriod,
    Rejection,
    Setting,
    SkipDay,
    Urge,
)
from bounce_tui.store.read.lessons import ROUND_LIMIT, _interview_group
from bounce_tui.store.read.progress import _dismissed_until
from bounce_tui.store.read.repeats import with_theme_sizes
from bounce_tui.store.read.status import as_date, day_moods
from bounce_tui.store.read.views import (
    item_view,
    lesson_view,
    period_value,
    rejection_view,
    timer_view,
)

#: The newest lessons the main screen starts with; older ones load as the list scrolls.
LESSON_PAGE = 300  # as store/read/snapshot.py


def load_main_snapshot(session: Session, now: datetime, tz: tzinfo | None) -> MainSnapshot:
    """Today's check-ins and streak, every timer, lesson, item, rejection and interview."""
    now = to_utc(now)
    today = local_day(now, tz)
    rejections = {
        r.id: r for r in session.exec(select(Rejection).order_by(col(Rejection.received_at).desc()))
    }
    urges = dict(
        session.exec(select(Urge.mourning_id, func.count()).group_by(col(Urge.mourning_id))).all()
    )
    timers = tuple(
        timer_view(period, rejections.get(period.rejection_id or ""), urges.get(period.id, 0))
        for period in session.exec(
            select(MourningPeriod).order_by(col(MourningPeriod.started_at).desc())
        )
    )
    lessons = tuple(
        with_theme_sizes(
            session,
            [
                lesson_view(lesson, rejections.get(lesson.rejection_id or ""))
                for lesson in session.exec(
                    select(Lesson)
                    .order_by(col(Lesson.created_at).desc(), col(Lesson.id))
                    .limit(LESSON_PAGE)
                )
            ],
        )
    )
    lessons_total = session.exec(select(func.count()).select_from(Lesson)).one()
    items = tuple(
        item_view(item, rejections.get(item.rejection_id or ""))
        for item in session.exec(
            select(ChecklistItem).order_by(
                col(ChecklistItem.position), col(ChecklistItem.created_at)
            )
        )
    )
    todays = session.exec(
        select(CheckIn).where(CheckIn.day == today).order_by(col(CheckIn.at))
    ).all()
    skipped = set(session.exec(select(col(SkipDay.day))).all())
    days = day_moods(session).keys()
    interviews = session.exec(select(func.count()).select_from(Interview)).one()
    due = session.exec(select(func.count()).select_from(Lesson).where(Lesson.due <= now)).one()
    return MainSnapshot(
        today=TodayView(
            day=today,
            moods=tuple(c.mood for c in todays),
            last_note=next((c.note for c in reversed(todays) if c.note), ""),
            streak=checkins.streak(days, skipped, today),
            lessons_due=due,
        ),
        timers=timers,
        lessons=lessons,
        items=items,
        rejections=tuple(rejection_view(r) for r in rejections.values()),
        settings={s.key: s.value for s in session.exec(select(Setting))},
        lessons_total=lessons_total,
        interviews=tuple(upcoming_interviews(session, now, tz)),
        gentle_prompt=gentle_prompt_due(session, now, tz),
        has_entries=bool(rejections or lessons_total or items or days or skipped or interviews),
    )


def interview_card_count(session: Session, company: str, stage: str) -> int:
    """How many lessons `interview_cards` would offer (up to ROUND_LIMIT)."""
    group = _interview_group(session, company, stage)
    found = session.exec(
        select(func.count()).select_from(Lesson).join(Rejection, isouter=True).where(group < 9)
    ).one()
    return min(int(found), ROUND_LIMIT)


def upcoming_interviews(session: Session, now: datetime, tz: tzinfo | None) -> list[InterviewView]:
    """Interviews from the day before until they have passed, with their matching lessons."""
    now = to_utc(now)
    today = local_day(now, tz)
    rows = session.exec(
        select(Interview).where(Interview.at >= now).order_by(col(Interview.at))
    ).all()
    soon = [i for i in rows if (local_day(i.at, tz) - today).days <= 1]
    return [
        InterviewView(
            interview_id=i.id,
            company=i.company,
            role=i.role,
            stage=i.stage,
            at=i.at,
            matching_lessons=interview_card_count(session, i.company, i.stage),
        )
        for i in soon
    ]


def gentle_prompt_due(session: Session, now: datetime, tz: tzinfo | None) -> bool:
    """True when the gentle "talk to someone" prompt should show (see the domain rule).

    Three small queries: the recent day moods, the periods, the dismissal.
    """
    today = local_day(now, tz)
    first = today - timedelta(days=progress.PROMPT_LOOKBACK_DAYS)
    rows = session.exec(
        select(col(CheckIn.day), func.avg(CheckIn.mood))
        .where(CheckIn.day >= first)
        .group_by(col(CheckIn.day))
    ).all()
    moods = {as_date(day): float(mean) for day, mean in rows}
    # A period still running ends after every day so far: it cannot count.
    ends = [
        local_day(mourning.ended_at(period_value(period)), tz)
        for period in session.exec(select(MourningPeriod))
    ]
    return progress.gentle_prompt_due(moods, ends, today, _dismissed_until(session))
