"""The `Store`: bounce's use cases, and the only place that opens database sessions.

Each method is one short unit of work: writes run in a session whose transaction
begins IMMEDIATE and commits before the method returns; reads use a deferred
transaction. Rows come back detached (plain attribute access, no lazy loads), so
nothing holds a session open across screens.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, SQLModel, col, func, select

from bounce_tui.domain import checkins, checklist, lessons, mourning
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import clean_tags, clean_text
from bounce_tui.store import backup, exchange, export_text, migrations
from bounce_tui.store.db import make_engine
from bounce_tui.store.errors import ImportFormatError, NotFound, StoreError, translate
from bounce_tui.store.models import (
    CheckIn,
    ChecklistItem,
    Interview,
    Lesson,
    LessonReview,
    MourningPeriod,
    Rejection,
    Setting,
    SkipDay,
    Urge,
)
from bounce_tui.store.reports import Status, build_status

Row = TypeVar("Row", bound=SQLModel)


def utc_now() -> datetime:
    """The real clock, in UTC."""
    return datetime.now(timezone.utc)


class Store:
    """bounce's use cases over one database file.

    `now` is the injected clock (aware datetimes); `tz` the local zone used to
    decide which calendar day a moment belongs to (None: the system zone);
    `template` supplies the regroup checklist for new rejections.
    """

    def __init__(
        self,
        path: Path,
        *,
        now: Callable[[], datetime] = utc_now,
        tz: tzinfo | None = None,
        template: Callable[[], list[checklist.TemplateItem]] | None = None,
    ) -> None:
        self.path = Path(path)
        self.now = now
        self.tz = tz
        self._template = template
        self.opened = migrations.open_database(self.path, now)
        self._engine = make_engine(self.path)
        self._reader = self._engine.execution_options(bounce_begin="DEFERRED")

    def close(self) -> None:
        """Release pooled connections."""
        self._engine.dispose()

    # -- units of work -------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One IMMEDIATE transaction, committed on exit; store errors translated."""
        try:
            with Session(self._engine, expire_on_commit=False) as session, session.begin():
                yield session
        except IntegrityError as exc:
            raise StoreError(f"the entry breaks a rule of the database: {exc.orig}") from None
        except (OperationalError, SADatabaseError) as exc:
            raise translate(exc, self.path) from None
        except OSError as exc:
            raise translate(exc, self.path) from None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """One deferred (read-only) transaction."""
        try:
            with Session(self._reader, expire_on_commit=False) as session, session.begin():
                yield session
        except (OperationalError, SADatabaseError) as exc:
            raise translate(exc, self.path) from None

    def _stamp(self) -> dict[str, datetime]:
        moment = to_utc(self.now())
        return {"created_at": moment, "updated_at": moment}

    def today(self) -> date:
        """The local calendar day by the injected clock."""
        return local_day(self.now(), self.tz)

    @staticmethod
    def _get(session: Session, model: type[Row], row_id: str) -> Row:
        row = session.get(model, row_id)
        if row is None:
            raise NotFound(f"no {model.__tablename__.replace('_', ' ')} with id {row_id}")
        return row

    # -- check-ins -------------------------------------------------------------

    def check_in(
        self,
        mood: int | str,
        *,
        energy: int | str | None = None,
        note: str = "",
        tags: Iterable[str] = (),
        at: datetime | None = None,
    ) -> CheckIn:
        """Record a mood check-in, now or at `at` (a forgotten day); never in the future."""
        moment = to_utc(at) if at is not None else to_utc(self.now())
        if moment > to_utc(self.now()):
            raise DomainError("a check-in cannot be in the future")
        row = CheckIn(
            mood=checkins.validate_mood(mood),
            energy=checkins.validate_energy(energy),
            note=clean_text(note, "note", required=False),
            tags=list(clean_tags(tags)),
            at=moment,
            day=local_day(moment, self.tz),
            **self._stamp(),
        )
        with self.writing() as session:
            session.add(row)
        return row

    def skip_day(self, day: date, reason: str = "") -> SkipDay:
        """Mark a day as deliberately skipped (keeps the streak); idempotent per day."""
        if day > self.today():
            raise DomainError("only today or an earlier day can be skipped")
        with self.writing() as session:
            found = session.exec(select(SkipDay).where(SkipDay.day == day)).first()
            if found is not None:
                return found
            row = SkipDay(
                day=day, reason=clean_text(reason, "reason", required=False), **self._stamp()
            )
            session.add(row)
        return row

    # -- rejections and mourning -------------------------------------------------

    def log_rejection(
        self,
        company: str,
        *,
        role: str = "",
        stage: str = "interview",
        received_at: datetime | None = None,
        channel: str = "email",
        contact: str = "",
        notes: str = "",
        mourn_days: int | str | None = None,
    ) -> Rejection:
        """Log a rejection, start its mourning period and lay out its regroup checklist."""
        stage = mourning.validate_stage(stage)
        days = (
            mourning.default_days(stage, self.mourning_overrides())
            if mourn_days is None
            else mourning.validate_days(mourn_days)
        )
        when = to_utc(received_at) if received_at is not None else to_utc(self.now())
        if when > to_utc(self.now()):
            raise DomainError("a rejection cannot arrive in the future")
        stamp = self._stamp()
        rejection = Rejection(
            company=clean_text(company, "company", max_len=200),
            role=clean_text(role, "role", required=False, max_len=200),
            stage=stage,
            received_at=when,
            channel=mourning.validate_channel(channel),
            contact=clean_text(contact, "contact", required=False, max_len=200),
            notes=clean_text(notes, "notes", required=False),
            **stamp,
        )
        end = mourning.planned_end(when, days, self.tz)
        period = MourningPeriod(
            rejection_id=rejection.id, started_at=when, planned_end=end, days=days, **stamp
        )
        items = self._checklist_for(rejection.id, local_day(end, self.tz), stamp)
        with self.writing() as session:
            session.add(rejection)
            session.flush()
            session.add(period)
            session.add_all(items)
        return rejection

    def _checklist_for(
        self, rejection_id: str, mourning_end: date, stamp: dict[str, datetime]
    ) -> list[ChecklistItem]:
        template = self._template() if self._template else _packaged_template()
        return [
            ChecklistItem(
                rejection_id=rejection_id,
                template_key=item.key,
                title=item.title,
                why=item.why,
                kind=item.kind,
                position=index,
                due_on=checklist.due_on(item, mourning_end),
                views=list(item.views),
                choices=list(item.choices),
                **stamp,
            )
            for index, item in enumerate(template)
        ]

    def mourning_overrides(self) -> dict[str, int]:
        """Per-stage mourning lengths the person set (setting `mourning.<stage>`)."""
        found: dict[str, int] = {}
        for key, value in self.settings("mourning.").items():
            stage = key.removeprefix("mourning.")
            try:
                found[stage] = mourning.validate_days(value)
            except DomainError:
                continue
        return found

    def mourning_for(self, rejection_id: str) -> MourningPeriod:
        """The mourning period of a rejection."""
        with self.reading() as session:
            found = session.exec(
                select(MourningPeriod).where(MourningPeriod.rejection_id == rejection_id)
            ).first()
        if found is None:
            raise NotFound(f"rejection {rejection_id} has no mourning period")
        return found

    def resolve_rejection(self, ref: str) -> str:
        """A rejection id from 'last', a full id or its first (at least 4) characters."""
        ref = ref.strip().lower()
        with self.reading() as session:
            if ref == "last":
                query = select(Rejection.id).order_by(col(Rejection.received_at).desc())
                found = session.exec(query.limit(1)).all()
                if not found:
                    raise NotFound("there is no rejection yet")
                return found[0]
            if len(ref) < 4:
                raise DomainError("give at least the first 4 characters of the rejection id")
            query = select(Rejection.id).where(col(Rejection.id).startswith(ref, autoescape=True))
            found = session.exec(query.limit(2)).all()
        if not found:
            raise NotFound(f"no rejection with id {ref}")
        if len(found) > 1:
            raise DomainError(f"more than one rejection id starts with {ref}; give more of it")
        return found[0]

    def _period_value(self, period: MourningPeriod) -> mourning.Mourning:
        return mourning.Mourning(
            started_at=period.started_at,
            planned_end=period.planned_end,
            days=period.days,
            extensions=period.extensions,
            moved_on_at=period.moved_on_at,
        )

    def extend_mourning(self, period_id: str) -> MourningPeriod:
        """Give a running mourning period one more day (at most twice, never over 14)."""
        with self.writing() as session:
            period = self._get(session, MourningPeriod, period_id)
            longer = mourning.extend(self._period_value(period), self.now(), self.tz)
            period.planned_end = longer.planned_end
            period.days = longer.days
            period.extensions = longer.extensions
            period.updated_at = to_utc(self.now())
        return period

    def end_mourning(self, period_id: str, note: str = "") -> MourningPeriod:
        """End a running period early ("ready to move on"), with an optional close-out note."""
        with self.writing() as session:
            period = self._get(session, MourningPeriod, period_id)
            ended = mourning.end_early(self._period_value(period), self.now())
            period.moved_on_at = ended.moved_on_at
            if note:
                period.close_note = clean_text(note, "note", required=False)
            period.updated_at = to_utc(self.now())
        return period

    def log_urge(self, period_id: str | None, kind: str = "checked the inbox again") -> Urge:
        """Count one urge (never judged) against a mourning period."""
        row = Urge(
            mourning_id=period_id,
            kind=clean_text(kind, "urge", max_len=200),
            at=to_utc(self.now()),
            **self._stamp(),
        )
        with self.writing() as session:
            if period_id is not None:
                self._get(session, MourningPeriod, period_id)
            session.add(row)
        return row

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
        return row

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

    # -- checklist -----------------------------------------------------------------

    def toggle_item(self, item_id: str) -> ChecklistItem:
        """Mark a checklist item done, or not done again."""
        with self.writing() as session:
            item = self._get(session, ChecklistItem, item_id)
            item.done_at = None if item.done_at else to_utc(self.now())
            item.updated_at = to_utc(self.now())
        return item

    # -- interviews ----------------------------------------------------------------

    def add_interview(
        self, company: str, at: datetime, *, role: str = "", stage: str = "interview"
    ) -> Interview:
        """Note an upcoming interview (today or later)."""
        if local_day(at, self.tz) < self.today():
            raise DomainError("an interview date must be today or later")
        row = Interview(
            company=clean_text(company, "company", max_len=200),
            role=clean_text(role, "role", required=False, max_len=200),
            stage=mourning.validate_stage(stage),
            at=to_utc(at),
            **self._stamp(),
        )
        with self.writing() as session:
            session.add(row)
        return row

    # -- settings ------------------------------------------------------------------

    def settings(self, prefix: str = "") -> dict[str, str]:
        """Settings whose key starts with `prefix`."""
        with self.reading() as session:
            rows = session.exec(select(Setting).where(col(Setting.key).startswith(prefix)))
            return {row.key: row.value for row in rows}

    def set_setting(self, key: str, value: str) -> None:
        """Create or change one setting."""
        moment = to_utc(self.now())
        with self.writing() as session:
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=value, created_at=moment, updated_at=moment))
            else:
                row.value = value
                row.updated_at = moment

    # -- whole-file operations -------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        from bounce_tui.store.models import TABLES

        with self.reading() as session:
            return {
                model.__tablename__: session.exec(select(func.count()).select_from(model)).one()
                for model in TABLES
            }

    def status(self) -> Status:
        """The headline figures (today's check-in, streak, timers, items, lessons due)."""
        with self.reading() as session:
            return build_status(session, self.now(), self.tz)

    def export_data(self) -> dict[str, Any]:
        """Every row, as a JSON-ready bounce export."""
        with self.reading() as session:
            return exchange.export_records(session, to_utc(self.now()))

    def export_text(self, fmt: str) -> str:
        """The export in `fmt`: "json", "csv" (a timeline) or "md" (a journal)."""
        if fmt == "json":
            return json.dumps(self.export_data(), ensure_ascii=False, indent=1) + "\n"
        with self.reading() as session:
            if fmt == "csv":
                return export_text.timeline_csv(session, self.tz)
            if fmt == "md":
                status = build_status(session, self.now(), self.tz)
                return export_text.journal_markdown(session, status, self.tz)
        raise DomainError("format must be json, csv or md")

    def import_data(self, data: dict[str, Any]) -> exchange.ImportCounts:
        """Merge a JSON export by UUID, all or nothing."""
        try:
            with self.writing() as session:
                return exchange.import_records(session, data)
        except StoreError as exc:
            if type(exc) is StoreError:
                raise ImportFormatError(f"the import was refused: {exc}") from None
            raise

    def backup(self, dest: Path | None = None, *, force: bool = False) -> Path:
        """A consistent, checked copy: to `dest`, or into the rotating backups folder."""
        try:
            if dest is None:
                return backup.take_backup(self.path, "manual", self.now())
            return backup.copy_database(self.path, Path(dest), force=force)
        except backup.BackupFailed as exc:
            raise StoreError(str(exc)) from None
        except FileExistsError as exc:
            raise StoreError(str(exc)) from None
        except OSError as exc:
            raise translate(exc, dest or self.path) from None


def _packaged_template() -> list[checklist.TemplateItem]:
    from bounce_tui import paths, resources

    return resources.regroup_template(paths.config_dir())


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
