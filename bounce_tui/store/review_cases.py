"""Use cases of reviewing lessons: what is due, drills, undoing a grade, search, paging."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import String, cast, literal_column
from sqlmodel import Session, col, func, select

from bounce_tui.domain import lessons
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.snapshot import InterviewView, LessonView, ReviewCard
from bounce_tui.store.base import StoreBase
from bounce_tui.store.errors import NotFound
from bounce_tui.store.models import Interview, Lesson, LessonReview, Rejection
from bounce_tui.store.search import search_lesson_ids

#: Interviews are announced from the day before until they have passed.
INTERVIEW_NOTICE = timedelta(days=1)


def _card(lesson: Lesson, rejection: Rejection | None, reviews: int) -> ReviewCard:
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
    )


def lesson_view(lesson: Lesson, rejection: Rejection | None) -> LessonView:
    """A lesson row as the log shows it."""
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
    )


def _cards(session: Session, rows: list[tuple[Lesson, Rejection | None]]) -> list[ReviewCard]:
    ids = [lesson.id for lesson, _ in rows]
    counts = dict(
        session.exec(
            select(LessonReview.lesson_id, func.count())
            .where(col(LessonReview.lesson_id).in_(ids))
            .group_by(col(LessonReview.lesson_id))
        ).all()
    )
    return [_card(lesson, rejection, counts.get(lesson.id, 0)) for lesson, rejection in rows]


class ReviewCases(StoreBase):
    """Use cases of reviewing lessons: what is due, drills, undoing a grade, search, paging."""

    def due_lessons(self, limit: int = 500) -> list[ReviewCard]:
        """Lessons due now, the most overdue first."""
        now = to_utc(self.now())
        with self.reading() as session:
            rows = session.exec(
                select(Lesson, Rejection)
                .join(Rejection, isouter=True)
                .where(Lesson.due <= now)
                .order_by(col(Lesson.due), col(Lesson.created_at), col(Lesson.id))
                .limit(limit)
            ).all()
            return _cards(session, list(rows))

    def next_due(self) -> datetime | None:
        """When the next lesson falls due (None: no lessons)."""
        with self.reading() as session:
            return session.exec(select(func.min(Lesson.due))).one()

    def drill_lessons(self, drill: lessons.DrillFilter, limit: int = 500) -> list[ReviewCard]:
        """Every lesson matching the filter, whatever its schedule (newest first)."""
        if drill.is_empty:
            raise DomainError("a drill needs a company, stage, category or tag")
        with self.reading() as session:
            statement = select(Lesson, Rejection).join(Rejection, isouter=True)
            if drill.category:
                statement = statement.where(Lesson.category == drill.category.strip().lower())
            if drill.stage:
                statement = statement.where(Rejection.stage == drill.stage.strip().lower())
            if drill.company:
                # Company names are compared casefolded in Python (SQLite folds ASCII only).
                wanted = drill.company.strip().casefold()
                ids = [
                    rid
                    for rid, company in session.exec(select(Rejection.id, Rejection.company))
                    if company.strip().casefold() == wanted
                ]
                statement = statement.where(col(Lesson.rejection_id).in_(ids))
            if drill.tag:
                # Tags are stored as JSON text: look for the tag exactly as JSON writes it.
                needle = json.dumps(drill.tag.strip().lower())
                statement = statement.where(cast(Lesson.tags, String).contains(needle))
            rows = session.exec(statement.order_by(col(Lesson.created_at).desc())).all()
            chosen = [
                (lesson, rejection)
                for lesson, rejection in rows
                if lessons.matches(
                    drill,
                    lessons.LessonFacts(
                        text=lesson.text,
                        category=lesson.category,
                        tags=tuple(lesson.tags),
                        company=rejection.company if rejection else None,
                        stage=rejection.stage if rejection else None,
                    ),
                )
            ][:limit]
            return _cards(session, chosen)

    def undo_last_grade(self, lesson_id: str) -> Lesson:
        """Take back the most recent grade of a lesson: its card is as it was before."""
        with self.writing() as session:
            lesson = self._get(session, Lesson, lesson_id)
            review = session.exec(
                select(LessonReview)
                .where(LessonReview.lesson_id == lesson_id)
                .order_by(literal_column("lesson_review.rowid").desc())
                .limit(1)
            ).first()
            if review is None:
                raise NotFound("this lesson has no grade to undo")
            if not review.drill:
                before = review.card_before
                lesson.due = datetime.fromisoformat(before["due"])
                lesson.stability = before.get("stability")
                lesson.difficulty = before.get("difficulty")
                lesson.card_state = int(before.get("state", 1))
                lesson.card_step = before.get("step")
                last = before.get("last_review")
                lesson.last_review = datetime.fromisoformat(last) if last else None
                lesson.updated_at = to_utc(self.now())
            session.delete(review)
        return lesson

    def search_lessons(self, query: str, limit: int = 200) -> list[LessonView]:
        """Lessons matching every word of `query`, best match first."""
        with self.reading() as session:
            ids = search_lesson_ids(session, query, limit)
            if not ids:
                return []
            rows = session.exec(
                select(Lesson, Rejection)
                .join(Rejection, isouter=True)
                .where(col(Lesson.id).in_(ids))
            ).all()
        found = {lesson.id: lesson_view(lesson, rejection) for lesson, rejection in rows}
        return [found[i] for i in ids if i in found]

    def lessons_page(self, before: datetime | None = None, limit: int = 300) -> list[LessonView]:
        """The newest lessons created before `before` (None: the newest of all)."""
        with self.reading() as session:
            statement = select(Lesson, Rejection).join(Rejection, isouter=True)
            if before is not None:
                statement = statement.where(Lesson.created_at < to_utc(before))
            rows = session.exec(
                statement.order_by(col(Lesson.created_at).desc(), col(Lesson.id)).limit(limit)
            ).all()
        return [lesson_view(lesson, rejection) for lesson, rejection in rows]

    def lessons_for_rejection(self, rejection_id: str) -> list[LessonView]:
        """Every lesson kept from one rejection, newest first."""
        with self.reading() as session:
            rows = session.exec(
                select(Lesson, Rejection)
                .join(Rejection, isouter=True)
                .where(Lesson.rejection_id == rejection_id)
                .order_by(col(Lesson.created_at).desc())
            ).all()
        return [lesson_view(lesson, rejection) for lesson, rejection in rows]

    def upcoming_interviews(self) -> list[InterviewView]:
        """Interviews from the day before until they have passed, with matching lessons."""
        now = to_utc(self.now())
        today = local_day(now, self.tz)
        with self.reading() as session:
            rows = session.exec(
                select(Interview).where(Interview.at >= now).order_by(col(Interview.at))
            ).all()
        soon = [i for i in rows if (local_day(i.at, self.tz) - today).days <= 1]
        return [
            InterviewView(
                interview_id=i.id,
                company=i.company,
                role=i.role,
                stage=i.stage,
                at=i.at,
                matching_lessons=len(self._interview_cards(i.company, i.stage)),
            )
            for i in soon
        ]

    def drill_for_interview(self, interview_id: str) -> list[ReviewCard]:
        """Lessons for an interview: from the same company first, then from the same stage."""
        with self.reading() as session:
            interview = self._get(session, Interview, interview_id)
        return self._interview_cards(interview.company, interview.stage)

    def _interview_cards(self, company: str, stage: str) -> list[ReviewCard]:
        same_company = self.drill_lessons(lessons.DrillFilter(company=company))
        same_stage = self.drill_lessons(lessons.DrillFilter(stage=stage)) if stage else []
        seen = {card.lesson_id for card in same_company}
        return same_company + [card for card in same_stage if card.lesson_id not in seen]
