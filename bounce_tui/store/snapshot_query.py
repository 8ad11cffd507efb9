"""Reading what the main screen shows, in one read transaction and one query per kind."""

from __future__ import annotations

from datetime import datetime, tzinfo

from sqlmodel import Session, col, func, select

from bounce_tui.domain import checkins
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.snapshot import (
    ItemView,
    MainSnapshot,
    RejectionView,
    TimerView,
    TodayView,
)
from bounce_tui.store.models import (
    CheckIn,
    ChecklistItem,
    Lesson,
    MourningPeriod,
    Rejection,
    Setting,
    SkipDay,
    Urge,
)
from bounce_tui.store.reports import day_moods
from bounce_tui.store.review_cases import lesson_view

#: The newest lessons the main screen starts with; older ones load as the list scrolls.
LESSON_PAGE = 300


def load_main_snapshot(session: Session, now: datetime, tz: tzinfo | None) -> MainSnapshot:
    """Today's check-ins and streak, every timer, lesson, item and rejection."""
    now = to_utc(now)
    today = local_day(now, tz)
    rejections = {
        r.id: r for r in session.exec(select(Rejection).order_by(col(Rejection.received_at).desc()))
    }
    urges = dict(
        session.exec(select(Urge.mourning_id, func.count()).group_by(col(Urge.mourning_id))).all()
    )
    timers = tuple(
        _timer(period, rejections.get(period.rejection_id or ""), urges.get(period.id, 0))
        for period in session.exec(
            select(MourningPeriod).order_by(col(MourningPeriod.started_at).desc())
        )
    )
    lessons = tuple(
        lesson_view(lesson, rejections.get(lesson.rejection_id or ""))
        for lesson in session.exec(
            select(Lesson)
            .order_by(col(Lesson.created_at).desc(), col(Lesson.id))
            .limit(LESSON_PAGE)
        )
    )
    lessons_total = session.exec(select(func.count()).select_from(Lesson)).one()
    items = tuple(
        _item(item)
        for item in session.exec(
            select(ChecklistItem).order_by(
                col(ChecklistItem.position), col(ChecklistItem.created_at)
            )
        )
    )
    todays = session.exec(
        select(CheckIn).where(CheckIn.day == today).order_by(col(CheckIn.at))
    ).all()
    skipped = set(session.exec(select(SkipDay.day)).all())
    due = session.exec(select(func.count()).select_from(Lesson).where(Lesson.due <= now)).one()
    return MainSnapshot(
        today=TodayView(
            day=today,
            moods=tuple(c.mood for c in todays),
            last_note=next((c.note for c in reversed(todays) if c.note), ""),
            streak=checkins.streak(day_moods(session).keys(), skipped, today),
            lessons_due=due,
        ),
        timers=timers,
        lessons=lessons,
        items=items,
        rejections=tuple(_rejection(r) for r in rejections.values()),
        settings={s.key: s.value for s in session.exec(select(Setting))},
        lessons_total=lessons_total,
    )


def _timer(period: MourningPeriod, rejection: Rejection | None, urges: int) -> TimerView:
    return TimerView(
        period_id=period.id,
        rejection_id=period.rejection_id,
        company=rejection.company if rejection else "",
        role=rejection.role if rejection else "",
        stage=rejection.stage if rejection else "",
        started_at=period.started_at,
        planned_end=period.planned_end,
        days=period.days,
        extensions=period.extensions,
        moved_on_at=period.moved_on_at,
        close_note=period.close_note,
        urges=urges,
    )


def _item(item: ChecklistItem) -> ItemView:
    return ItemView(
        item_id=item.id,
        rejection_id=item.rejection_id,
        title=item.title,
        why=item.why,
        kind=item.kind,
        position=item.position,
        done=item.done_at is not None,
        due_on=item.due_on,
        choice=item.choice,
        views=tuple(item.views),
        choices=tuple(item.choices),
    )


def _rejection(r: Rejection) -> RejectionView:
    return RejectionView(
        rejection_id=r.id,
        company=r.company,
        role=r.role,
        stage=r.stage,
        received_at=r.received_at,
        channel=r.channel,
        contact=r.contact,
        notes=r.notes,
    )
