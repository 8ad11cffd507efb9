"""Use cases of lessons and their review grades."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, func, select

from bounce_tui.domain import lessons
from bounce_tui.domain.dates import to_utc
from bounce_tui.domain.text import clean_tags, clean_text, one_line
from bounce_tui.store.base import StoreBase
from bounce_tui.store.models import (
    ChecklistItem,
    Lesson,
    LessonReview,
    Rejection,
)
from bounce_tui.store.search import purge_deleted_terms
from bounce_tui.store.undo import Deleted, capture

#: How many earlier lessons of the same category a new lesson is compared with.
RECURRING_WINDOW = 5_000


class LessonCases(StoreBase):
    """Use cases of lessons and their review grades."""

    # -- lessons -------------------------------------------------------------------

    def add_lesson(
        self,
        text: str,
        *,
        category: str = "interview",
        tags: Iterable[str] = (),
        rejection_id: str | None = None,
    ) -> Lesson:
        """Keep a lesson as a review card, due now, optionally tied to a rejection."""
        card = lessons.new_card(to_utc(self.now()))
        row = Lesson(
            text=clean_text(text, "lesson"),
            category=lessons.validate_category(category),
            tags=list(clean_tags(tags)),
            rejection_id=rejection_id,
            due=card.due,
            stability=card.stability,
            difficulty=card.difficulty,
            card_state=card.state,
            card_step=card.step,
            last_review=card.last_review,
            **self._stamp(),
        )
        with self.writing() as session:
            if rejection_id is not None:
                self._get(session, Rejection, rejection_id)
            session.add(row)
            self._mark_recurring(session, row)
        return row

    def _mark_recurring(self, session: Session, new: Lesson) -> None:
        """A lesson that repeats an earlier one (same category, similar words) recurs.

        Both are marked, and the checklist of the lesson's rejection (or the newest
        rejection, else the hunt-wide list) gets one "practise: …" item for it.
        """
        facts = lessons.LessonFacts(text=new.text, category=new.category)
        earlier = session.exec(
            select(Lesson)
            .where(Lesson.category == new.category, Lesson.id != new.id)
            .order_by(col(Lesson.created_at).desc())
            .limit(RECURRING_WINDOW)
        ).all()
        repeats = [
            old
            for old in earlier
            if lessons.is_repeat(facts, lessons.LessonFacts(text=old.text, category=old.category))
        ]
        if not repeats:
            return
        new.recurring = True
        for old in repeats:
            old.recurring = True
        target = (
            new.rejection_id
            or session.exec(
                select(Rejection.id).order_by(col(Rejection.received_at).desc()).limit(1)
            ).first()
        )
        key = f"practise:{min(old.created_at for old in repeats).isoformat()}:{new.category}"
        holder = (
            ChecklistItem.rejection_id == target
            if target is not None
            else col(ChecklistItem.rejection_id).is_(None)
        )
        if session.exec(
            select(ChecklistItem.id).where(holder, ChecklistItem.template_key == key)
        ).first():
            return
        last = session.exec(select(func.max(ChecklistItem.position)).where(holder)).one()
        session.add(
            ChecklistItem(
                rejection_id=target,
                template_key=key,
                title=f"practise: {one_line(new.text, 80)}",
                why="This has come up more than once; practise it before the next interview.",
                position=(last if last is not None else -1) + 1,
                **self._stamp(),
            )
        )

    def edit_lesson(
        self,
        lesson_id: str,
        *,
        text: str,
        category: str,
        tags: Iterable[str] = (),
        rejection_id: str | None = None,
    ) -> Lesson:
        """Change a lesson's words, category, tags or rejection; its schedule stays."""
        with self.writing() as session:
            lesson = self._get(session, Lesson, lesson_id)
            if rejection_id is not None:
                self._get(session, Rejection, rejection_id)
            old_words = (lesson.text, lesson.category, list(lesson.tags))
            lesson.text = clean_text(text, "lesson")
            lesson.category = lessons.validate_category(category)
            lesson.tags = list(clean_tags(tags))
            lesson.rejection_id = rejection_id
            lesson.updated_at = to_utc(self.now())
            if old_words != (lesson.text, lesson.category, list(lesson.tags)):
                purge_deleted_terms(session)
        return lesson

    def delete_lesson(self, lesson_id: str) -> Deleted:
        """Delete a lesson and its review history; `restore` brings both back."""
        with self.writing() as session:
            lesson = self._get(session, Lesson, lesson_id)
            reviews = session.exec(select(LessonReview).where(LessonReview.lesson_id == lesson_id))
            deleted = Deleted(
                label=f"lesson “{one_line(lesson.text, 40)}”", rows=capture([lesson, *reviews])
            )
            session.delete(lesson)
            purge_deleted_terms(session)
        return deleted

    def grade_lesson(self, lesson_id: str, grade: int, *, drill: bool = False) -> Lesson:
        """Grade a lesson (1 again … 4 easy); reschedules it unless this is a drill."""
        g = lessons.parse_grade(grade)
        moment = to_utc(self.now())
        with self.writing() as session:
            lesson = self._get(session, Lesson, lesson_id)
            before = _card_of(lesson)
            session.add(
                LessonReview(
                    lesson_id=lesson.id,
                    grade=int(g),
                    reviewed_at=moment,
                    drill=drill,
                    card_before=_card_dict(before),
                    **self._stamp(),
                )
            )
            if not drill:
                _set_card(lesson, lessons.grade(before, g, moment))
                lesson.updated_at = moment
        return lesson


def _card_of(lesson: Lesson) -> lessons.CardState:
    return lessons.CardState(
        due=lesson.due,
        stability=lesson.stability,
        difficulty=lesson.difficulty,
        state=lesson.card_state,
        step=lesson.card_step,
        last_review=lesson.last_review,
    )


def _card_dict(card: lessons.CardState) -> dict[str, Any]:
    return {
        "due": card.due.isoformat(),
        "stability": card.stability,
        "difficulty": card.difficulty,
        "state": card.state,
        "step": card.step,
        "last_review": card.last_review.isoformat() if card.last_review else None,
    }


def _set_card(lesson: Lesson, card: lessons.CardState) -> None:
    lesson.due = card.due
    lesson.stability = card.stability
    lesson.difficulty = card.difficulty
    lesson.card_state = card.state
    lesson.card_step = card.step
    lesson.last_review = card.last_review
