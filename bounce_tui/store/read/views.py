"""Rows turned into the frozen views the faces receive (see `domain/snapshot.py`).

The faces never hold an ORM row: every use case and read model hands back one
of these plain records, or an id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bounce_tui.domain.checklist import fill_in
from bounce_tui.domain.snapshot import (
    CheckInView,
    ItemView,
    LessonView,
    RejectionView,
    ReviewCard,
    TimerView,
)
from bounce_tui.store.read.gentle_prompt import period_value as period_value

if TYPE_CHECKING:  # rows may also be plain ones read by store/rows.py
    from bounce_tui.store.models import CheckIn, ChecklistItem, Lesson, MourningPeriod, Rejection


def timer_view(period: MourningPeriod, rejection: Rejection | None, urges: int = 0) -> TimerView:
    """A mourning period with the rejection it belongs to."""
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


def item_view(item: ChecklistItem, rejection: Rejection | None = None) -> ItemView:
    """A checklist item, its placeholders filled from its rejection (see `fill_in`)."""
    contact = rejection.contact if rejection else ""
    company = rejection.company if rejection else ""

    def filled(text: str) -> str:
        return fill_in(text, contact=contact, company=company) if "{" in text else text

    return ItemView(
        item_id=item.id,
        rejection_id=item.rejection_id,
        title=filled(item.title),
        why=filled(item.why),
        kind=item.kind,
        position=item.position,
        done=item.done_at is not None,
        due_on=item.due_on,
        choice=item.choice,
        views=tuple(item.views),
        choices=tuple(item.choices),
        reply=filled(item.reply),
        updated_at=item.updated_at,
    )


def rejection_view(r: Rejection) -> RejectionView:
    """A rejection with its details."""
    return RejectionView(
        rejection_id=r.id,
        company=r.company,
        role=r.role,
        stage=r.stage,
        received_at=r.received_at,
        channel=r.channel,
        contact=r.contact,
        notes=r.notes,
        updated_at=r.updated_at,
    )


def lesson_view(lesson: Lesson, rejection: Rejection | None, theme_size: int = 0) -> LessonView:
    """A lesson as the log shows it; `theme_size` counts the lessons of its theme."""
    return LessonView(
        lesson_id=lesson.id,
        text=lesson.text,
        category=lesson.category,
        tags=tuple(lesson.tags),
        created_at=lesson.created_at,
        due=lesson.due,
        rejection_id=lesson.rejection_id,
        company=rejection.company if rejection else "",
        recurring=lesson.recurring,
        prompt=lesson.prompt,
        theme_id=lesson.theme_id,
        theme_size=theme_size if lesson.theme_id else 0,
        updated_at=lesson.updated_at,
    )


def review_card(lesson: Lesson, rejection: Rejection | None, reviews: int) -> ReviewCard:
    """A lesson as the review screen shows it."""
    return ReviewCard(
        lesson_id=lesson.id,
        text=lesson.text,
        category=lesson.category,
        tags=tuple(lesson.tags),
        due=lesson.due,
        last_review=lesson.last_review,
        reviews=reviews,
        rejection_id=lesson.rejection_id,
        company=rejection.company if rejection else "",
        role=rejection.role if rejection else "",
        stage=rejection.stage if rejection else "",
        rejection_received_at=rejection.received_at if rejection else None,
        recurring=lesson.recurring,
        prompt=lesson.prompt,
        created_at=lesson.created_at,
        stability=lesson.stability,
        difficulty=lesson.difficulty,
        state=lesson.card_state,
        step=lesson.card_step,
    )


def checkin_view(row: CheckIn) -> CheckInView:
    """A saved check-in."""
    return CheckInView(
        checkin_id=row.id,
        mood=row.mood,
        day=row.day,
        at=row.at,
        energy=row.energy,
        note=row.note,
        tags=tuple(row.tags),
        updated_at=row.updated_at,
    )
