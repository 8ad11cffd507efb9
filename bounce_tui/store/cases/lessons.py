"""Lessons: keeping, editing and deleting them, and grouping repeats into themes.

A lesson that reads like an earlier one is only offered (`similar_lessons`); it
joins a theme when the person says so (`join_theme`), never silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, func, select

from bounce_tui.domain import lessons
from bounce_tui.domain.cards import MAX_PROMPT
from bounce_tui.domain.dates import to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.snapshot import LessonView, SimilarLesson
from bounce_tui.domain.text import clean_id_ref, clean_tags, clean_text, one_line
from bounce_tui.store.cases.undo import Deleted, capture
from bounce_tui.store.clock import Clock
from bounce_tui.store.errors import NotFound
from bounce_tui.store.file.database import Database, check_version, get_row, next_version
from bounce_tui.store.models import ChecklistItem, Lesson, LessonReview, Rejection
from bounce_tui.store.read import repeats
from bounce_tui.store.read.search import purge_deleted_terms
from bounce_tui.store.read.views import lesson_view


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
        at: datetime | None = None,
    ) -> str:
        """Keep a lesson as a review card, due now, optionally tied to a rejection.

        `text` is the card's back (what to do next time), `prompt` its front (the
        situation or question; may be empty); `at`, when given, is when it was learned
        (a lesson kept late: it counts from then and is due from then). Returns its id.
        """
        now = self.clock.now()
        learned = now if at is None else min(to_utc(at), now)
        card = lessons.new_card(learned)
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
            created_at=learned,
            updated_at=now,
        )
        with self.db.writing() as session:
            if rejection_id is not None:
                get_row(session, Rejection, rejection_id)
            session.add(row)
        return row.id

    def resolve_lesson(self, ref: str) -> str:
        """A lesson id from 'last' (the newest), a full id or its first (at least 4) characters."""
        ref = clean_id_ref(ref)
        with self.db.reading() as session:
            if ref == "last":
                query = select(Lesson.id).order_by(col(Lesson.created_at).desc())
            else:
                query = select(Lesson.id).where(col(Lesson.id).startswith(ref, autoescape=True))
            found = session.exec(query.limit(1 if ref == "last" else 2)).all()
        if not found:
            raise NotFound(
                "there is no lesson yet" if ref == "last" else f"no lesson with id {ref}"
            )
        if len(found) > 1:
            raise DomainError(f"more than one lesson id starts with {ref}; give more of it")
        return found[0]

    # -- recurring themes: offered by `similar_lessons`, confirmed by the person ------------

    def similar_lessons(
        self, prompt: str, text: str, *, exclude_id: str | None = None, limit: int = 3
    ) -> list[SimilarLesson]:
        """Earlier lessons that read like this front and back, most alike first.

        `exclude_id` (the lesson being edited, or just kept) and the lessons already
        in its theme are left out. Nothing is marked: the person decides.
        """
        with self.db.reading() as session:
            return repeats.similar_lessons(
                session, prompt, text, exclude_id=exclude_id, limit=limit
            )

    def join_theme(self, lesson_id: str, other_id: str) -> str:
        """Say a lesson is the same theme as an earlier one; returns the theme's id.

        Both get the other's theme (or, when it has none yet, the other's id as a
        new theme) and are marked recurring; a theme left with one lesson by the
        move ends. The theme gets one "practise: …" checklist item, once.
        """
        if lesson_id == other_id:
            raise DomainError("a lesson cannot be its own repeat")
        with self.db.writing() as session:
            lesson = get_row(session, Lesson, lesson_id)
            other = get_row(session, Lesson, other_id)
            theme = other.theme_id or other.id
            left = lesson.theme_id
            for row in (lesson, other):
                row.theme_id = theme
                row.recurring = True
                row.updated_at = next_version(row.updated_at, self.clock.now())
            session.flush()
            if left is not None and left != theme:
                self._end_if_alone(session, left)
            self._practise_item(session, theme, other, lesson)
            return theme

    def leave_theme(self, lesson_id: str) -> None:
        """Take a lesson out of its theme (it is not the same after all)."""
        with self.db.writing() as session:
            lesson = get_row(session, Lesson, lesson_id)
            theme = lesson.theme_id
            lesson.theme_id = None
            lesson.recurring = False
            lesson.updated_at = next_version(lesson.updated_at, self.clock.now())
            session.flush()
            if theme is not None:
                self._end_if_alone(session, theme)

    def _end_if_alone(self, session: Session, theme: str) -> None:
        """A theme of one lesson is no theme: that lesson leaves it too."""
        members = session.exec(select(Lesson).where(Lesson.theme_id == theme).limit(2)).all()
        if len(members) == 1:
            members[0].theme_id = None
            members[0].recurring = False
            members[0].updated_at = next_version(members[0].updated_at, self.clock.now())

    def _practise_item(self, session: Session, theme: str, first: Lesson, newest: Lesson) -> None:
        """One "practise: …" item per theme, on the checklist of the newest lesson's
        rejection (else the earlier one's, else the newest rejection's, else hunt-wide)."""
        key = f"theme:{theme}"
        if session.exec(select(ChecklistItem.id).where(ChecklistItem.template_key == key)).first():
            return
        target = (
            newest.rejection_id
            or first.rejection_id
            or session.exec(
                select(Rejection.id).order_by(col(Rejection.received_at).desc()).limit(1)
            ).first()
        )
        holder = (
            col(ChecklistItem.rejection_id) == target
            if target is not None
            else col(ChecklistItem.rejection_id).is_(None)
        )
        last = session.exec(select(func.max(ChecklistItem.position)).where(holder)).one()
        session.add(
            ChecklistItem(
                rejection_id=target,
                template_key=key,
                title=f"practise: {one_line(first.text, 80)}",
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
        expected_updated_at: datetime | None = None,
    ) -> LessonView:
        """Change a lesson's words, category, tags or rejection; its schedule stays.

        `prompt` None keeps the front as it is. `expected_updated_at` is the version
        the form opened with: when the lesson has changed since, ChangedElsewhere
        (carrying the lesson as stored now) is raised and nothing is written.
        """
        with self.db.writing() as session:
            lesson = get_row(session, Lesson, lesson_id)
            check_version(
                lesson,
                expected_updated_at,
                "lesson",
                lambda: lesson_view(lesson, _rejection_of(session, lesson.rejection_id)),
            )
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
            lesson.updated_at = next_version(lesson.updated_at, self.clock.now())
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


def _rejection_of(session: Session, rejection_id: str | None) -> Rejection | None:
    return session.get(Rejection, rejection_id) if rejection_id is not None else None
