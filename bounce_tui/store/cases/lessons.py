"""Lessons: keeping one (and noticing when it repeats an earlier one), editing, deleting."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, func, select

from bounce_tui.domain import lessons
from bounce_tui.domain.cards import MAX_PROMPT
from bounce_tui.domain.snapshot import LessonView
from bounce_tui.domain.text import clean_tags, clean_text, one_line
from bounce_tui.store.cases.undo import Deleted, capture
from bounce_tui.store.clock import Clock
from bounce_tui.store.file.database import Database, get_row
from bounce_tui.store.models import ChecklistItem, Lesson, LessonReview, Rejection
from bounce_tui.store.read.search import purge_deleted_terms
from bounce_tui.store.read.views import lesson_view

#: How many earlier lessons of the same category a new lesson is compared with.
RECURRING_WINDOW = 5_000


def clean_prompt(prompt: str) -> str:
    """A lesson's front checked for storage: may be empty, at most MAX_PROMPT characters."""
    return clean_text(prompt, "front", required=False, max_len=MAX_PROMPT)


class LessonCases:
    """Keeping, correcting and deleting lessons (their grades are `ReviewCases`')."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def add_lesson(
        self,
        text: str,
        *,
        category: str = "interview",
        tags: Iterable[str] = (),
        rejection_id: str | None = None,
        prompt: str = "",
    ) -> str:
        """Keep a lesson as a review card, due now, optionally tied to a rejection.

        `text` is the card's back (what to do next time), `prompt` its front (the
        situation or question; may be empty). Returns the new lesson's id.
        """
        card = lessons.new_card(self.clock.now())
        row = Lesson(
            text=clean_text(text, "lesson"),
            prompt=clean_prompt(prompt),
            category=lessons.validate_category(category),
            tags=list(clean_tags(tags)),
            rejection_id=rejection_id,
            due=card.due,
            stability=card.stability,
            difficulty=card.difficulty,
            card_state=card.state,
            card_step=card.step,
            last_review=card.last_review,
            **self.clock.stamp(),
        )
        with self.db.writing() as session:
            if rejection_id is not None:
                get_row(session, Rejection, rejection_id)
            session.add(row)
            self._mark_recurring(session, row)
        return row.id

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
            col(ChecklistItem.rejection_id) == target
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
                **self.clock.stamp(),
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
        prompt: str | None = None,
    ) -> LessonView:
        """Change a lesson's words, category, tags or rejection; its schedule stays.

        `prompt` None keeps the front as it is.
        """
        with self.db.writing() as session:
            lesson = get_row(session, Lesson, lesson_id)
            rejection = (
                get_row(session, Rejection, rejection_id) if rejection_id is not None else None
            )
            old_words = (lesson.prompt, lesson.text, lesson.category, list(lesson.tags))
            if prompt is not None:
                lesson.prompt = clean_prompt(prompt)
            lesson.text = clean_text(text, "lesson")
            lesson.category = lessons.validate_category(category)
            lesson.tags = list(clean_tags(tags))
            lesson.rejection_id = rejection_id
            lesson.updated_at = self.clock.now()
            if old_words != (lesson.prompt, lesson.text, lesson.category, list(lesson.tags)):
                purge_deleted_terms(session)
            return lesson_view(lesson, rejection)

    def delete_lesson(self, lesson_id: str) -> Deleted:
        """Delete a lesson and its review history; `UndoCases.restore` brings both back."""
        with self.db.writing() as session:
            lesson = get_row(session, Lesson, lesson_id)
            reviews = session.exec(select(LessonReview).where(LessonReview.lesson_id == lesson_id))
            deleted = Deleted(
                label=f"lesson “{one_line(lesson.text, 40)}”", rows=capture([lesson, *reviews])
            )
            session.delete(lesson)
            purge_deleted_terms(session)
        return deleted
