"""Grading lessons (FSRS) and taking a grade back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import literal_column
from sqlmodel import Session, func, select

from bounce_tui.domain import lessons
from bounce_tui.domain.snapshot import ReviewCard
from bounce_tui.store.clock import Clock
from bounce_tui.store.errors import NotFound
from bounce_tui.store.file.database import Database, get_row, next_version
from bounce_tui.store.models import Lesson, LessonReview, Rejection
from bounce_tui.store.read.views import review_card


class ReviewCases:
    """Recording a review grade (which reschedules the card) and undoing the last one."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def grade_lesson(self, lesson_id: str, grade: int, *, drill: bool = False) -> ReviewCard:
        """Grade a lesson (1 again … 4 easy); reschedules it unless this is a drill."""
        g = lessons.parse_grade(grade)
        moment = self.clock.now()
        with self.db.writing() as session:
            lesson = get_row(session, Lesson, lesson_id)
            before = lessons.check_card(card_of(lesson))  # a damaged card is refused whole
            session.add(
                LessonReview(
                    lesson_id=lesson.id,
                    grade=int(g),
                    reviewed_at=moment,
                    drill=drill,
                    card_before=card_dict(before),
                    **self.clock.stamp(),
                )
            )
            if not drill:
                set_card(lesson, lessons.grade(before, g, moment))
                lesson.updated_at = next_version(lesson.updated_at, moment)
            return _view(session, lesson)

    def undo_last_grade(self, lesson_id: str) -> ReviewCard:
        """Take back the most recent grade of a lesson: its card is as it was before."""
        with self.db.writing() as session:
            lesson = get_row(session, Lesson, lesson_id)
            review = session.exec(
                select(LessonReview)
                .where(LessonReview.lesson_id == lesson_id)
                .order_by(literal_column("lesson_review.rowid").desc())
                .limit(1)
            ).first()
            if review is None:
                raise NotFound("this lesson has no grade to undo")
            if not review.drill:
                set_card(lesson, lessons.card_from_dict(review.card_before))
                lesson.updated_at = next_version(lesson.updated_at, self.clock.now())
            session.delete(review)
            return _view(session, lesson)


def _view(session: Session, lesson: Lesson) -> ReviewCard:
    """The card as it stands after the change, with its number of grades."""
    session.flush()
    rejection = session.get(Rejection, lesson.rejection_id) if lesson.rejection_id else None
    reviews = session.exec(
        select(func.count()).select_from(LessonReview).where(LessonReview.lesson_id == lesson.id)
    ).one()
    return review_card(lesson, rejection, reviews)


def card_of(lesson: Lesson) -> lessons.CardState:
    """A lesson's review card as the domain's scheduling value."""
    return lessons.CardState(
        due=lesson.due,
        stability=lesson.stability,
        difficulty=lesson.difficulty,
        state=lesson.card_state,
        step=lesson.card_step,
        last_review=lesson.last_review,
    )


def card_dict(card: lessons.CardState) -> dict[str, Any]:
    """A card as JSON-ready values (kept with each grade, for undo)."""
    return {
        "due": card.due.isoformat(),
        "stability": card.stability,
        "difficulty": card.difficulty,
        "state": card.state,
        "step": card.step,
        "last_review": card.last_review.isoformat() if card.last_review else None,
    }


def set_card(lesson: Lesson, card: lessons.CardState) -> None:
    """Write a rescheduled card back onto the lesson row."""
    lesson.due = card.due
    lesson.stability = card.stability
    lesson.difficulty = card.difficulty
    lesson.card_state = card.state
    lesson.card_step = card.step
    lesson.last_review = card.last_review
