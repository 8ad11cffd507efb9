"""Rejections: logging one (with its mourning period and regroup checklist), correcting,
deleting and finding one by a short id."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlmodel import Session, col, func, select

from bounce_tui.domain import checklist, mourning
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.snapshot import RejectionView
from bounce_tui.domain.text import NAME_MAX_LEN, clean_id_ref, clean_text, one_line
from bounce_tui.store.cases.undo import Deleted, capture
from bounce_tui.store.clock import Clock, Stamp
from bounce_tui.store.errors import NotFound
from bounce_tui.store.file.database import Database, check_version, get_row, next_version
from bounce_tui.store.models import ChecklistItem, Lesson, MourningPeriod, Rejection, Urge
from bounce_tui.store.read.views import rejection_view

Template = Callable[[], list[checklist.TemplateItem]]


def packaged_template() -> list[checklist.TemplateItem]:
    """The regroup template: the user's `regroup.toml` if there is one, else the packaged one."""
    from bounce_tui import paths, resources

    return resources.regroup_template(paths.config_dir())


class RejectionCases:
    """Logging, correcting and deleting rejections.

    `mourning_lengths` gives the per-stage mourning days the person set (the
    settings); `template` gives the regroup checklist laid out for a new rejection.
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        mourning_lengths: Callable[[], dict[str, int]],
        template: Template = packaged_template,
    ) -> None:
        self.db = db
        self.clock = clock
        self.mourning_lengths = mourning_lengths
        self.template = template

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
    ) -> str:
        """Log a rejection, start its mourning period and lay out its regroup checklist.

        Returns the new rejection's id.
        """
        stage = mourning.validate_stage(stage)
        days = (
            mourning.default_days(stage, self.mourning_lengths())
            if mourn_days is None
            else mourning.validate_days(mourn_days)
        )
        now = self.clock.now()
        when = to_utc(received_at) if received_at is not None else now
        if when > now:
            raise DomainError("a rejection cannot arrive in the future")
        stamp = self.clock.stamp()
        rejection = Rejection(
            company=clean_company(company),
            role=clean_text(role, "role", required=False, max_len=NAME_MAX_LEN),
            stage=stage,
            received_at=when,
            day=local_day(when, self.clock.tz),
            channel=mourning.validate_channel(channel),
            contact=clean_text(contact, "contact", required=False, max_len=NAME_MAX_LEN),
            notes=clean_text(notes, "notes", required=False),
            **stamp,
        )
        end = mourning.planned_end(when, days, self.clock.tz)
        period = MourningPeriod(
            rejection_id=rejection.id, started_at=when, planned_end=end, days=days, **stamp
        )
        # Due days count from the end of mourning, or from today for old news logged
        # late, so a back-dated rejection does not open with a wall of overdue items.
        start = max(local_day(end, self.clock.tz), self.clock.today())
        template = [i for i in self.template() if i.applies_to(stage, rejection.channel)]
        with self.db.writing() as session:
            session.add(rejection)
            session.flush()
            session.add(period)
            session.add_all(self._own_items(rejection.id, template, start, stamp))
            self._hunt_items(session, template, start, stamp)
        return rejection.id

    @staticmethod
    def _own_items(
        rejection_id: str, template: list[checklist.TemplateItem], start: date, stamp: Stamp
    ) -> list[ChecklistItem]:
        """The rejection's own items, in the template's order."""
        own = [item for item in template if not item.hunt_wide]
        return [
            _item_row(item, rejection_id, index, checklist.due_on(item, start), stamp)
            for index, item in enumerate(own)
        ]

    @staticmethod
    def _hunt_items(
        session: Session, template: list[checklist.TemplateItem], start: date, stamp: Stamp
    ) -> None:
        """Items about the person exist once while open: reuse (due earlier if needed) or add."""
        hunt = col(ChecklistItem.rejection_id).is_(None)
        last = session.exec(select(func.max(ChecklistItem.position)).where(hunt)).one()
        position = (last if last is not None else -1) + 1
        for item in (i for i in template if i.hunt_wide):
            due = checklist.due_on(item, start)
            open_one = session.exec(
                select(ChecklistItem).where(
                    hunt,
                    ChecklistItem.template_key == item.key,
                    col(ChecklistItem.done_at).is_(None),
                )
            ).first()
            if open_one is None:
                session.add(_item_row(item, None, position, due, stamp))
                position += 1
            elif due is not None and (open_one.due_on is None or due < open_one.due_on):
                open_one.due_on = due
                open_one.updated_at = next_version(open_one.updated_at, stamp["updated_at"])

    def edit_rejection(
        self,
        rejection_id: str,
        *,
        company: str,
        role: str = "",
        stage: str,
        received_at: datetime,
        channel: str = "email",
        contact: str = "",
        notes: str = "",
        expected_updated_at: datetime | None = None,
    ) -> RejectionView:
        """Correct a rejection's details; its mourning period keeps its own times.

        `expected_updated_at` (the version the form opened with) refuses, with
        ChangedElsewhere and nothing written, an edit of a rejection changed since.
        """
        now = self.clock.now()
        if to_utc(received_at) > now:
            raise DomainError("a rejection cannot arrive in the future")
        with self.db.writing() as session:
            row = get_row(session, Rejection, rejection_id)
            check_version(row, expected_updated_at, "rejection", lambda: rejection_view(row))
            row.company = clean_company(company)
            row.role = clean_text(role, "role", required=False, max_len=NAME_MAX_LEN)
            row.stage = mourning.validate_stage(stage)
            if row.received_at != to_utc(received_at) or row.day is None:
                row.day = local_day(received_at, self.clock.tz)
            row.received_at = to_utc(received_at)
            row.channel = mourning.validate_channel(channel)
            row.contact = clean_text(contact, "contact", required=False, max_len=NAME_MAX_LEN)
            row.notes = clean_text(notes, "notes", required=False)
            row.updated_at = next_version(row.updated_at, now)
        return rejection_view(row)

    def answer_reframe(self, rejection_id: str, question: str, answer: str) -> RejectionView:
        """Keep an answer to a reframing question as a dated line at the end of the notes."""
        line = checklist.reframe_note(question, answer, self.clock.today())
        with self.db.writing() as session:
            row = get_row(session, Rejection, rejection_id)
            notes = f"{row.notes.rstrip()}\n{line}" if row.notes.strip() else line
            row.notes = clean_text(notes, "notes", required=False)
            row.updated_at = next_version(row.updated_at, self.clock.now())
        return rejection_view(row)

    def delete_rejection(self, rejection_id: str) -> Deleted:
        """Delete a rejection with its timer, urges and checklist; `UndoCases.restore` undoes it.

        Its lessons stay (they are still lessons) and lose only the link, which
        restoring puts back.
        """
        with self.db.writing() as session:
            row = get_row(session, Rejection, rejection_id)
            periods = session.exec(
                select(MourningPeriod).where(MourningPeriod.rejection_id == rejection_id)
            ).all()
            urges = session.exec(
                select(Urge).where(col(Urge.mourning_id).in_([p.id for p in periods]))
            ).all()
            items = session.exec(
                select(ChecklistItem).where(ChecklistItem.rejection_id == rejection_id)
            ).all()
            linked = session.exec(select(Lesson.id).where(Lesson.rejection_id == rejection_id))
            deleted = Deleted(
                label=f"rejection “{one_line(row.company, 40)}”",
                rows=capture([row, *periods, *urges, *items]),
                unlinked_lessons=tuple(linked.all()),
                rejection_id=rejection_id,
            )
            session.delete(row)
        return deleted

    def resolve_rejection(self, ref: str) -> str:
        """A rejection id from 'last', a full id or its first (at least 4) characters."""
        ref = clean_id_ref(ref)
        with self.db.reading() as session:
            if ref == "last":
                query = select(Rejection.id).order_by(col(Rejection.received_at).desc())
                found = session.exec(query.limit(1)).all()
                if not found:
                    raise NotFound("there is no rejection yet")
                return found[0]
            query = select(Rejection.id).where(col(Rejection.id).startswith(ref, autoescape=True))
            found = session.exec(query.limit(2)).all()
        if not found:
            raise NotFound(f"no rejection with id {ref}")
        if len(found) > 1:
            raise DomainError(f"more than one rejection id starts with {ref}; give more of it")
        return found[0]


def clean_company(text: str) -> str:
    """A rejection's company, checked as the table's CHECK will check it.

    SQLite's length() stops at the first NUL, so a name that begins with one
    would fail `length(trim(company)) > 0` with an unhelpful database error.
    """
    company = clean_text(text, "company", max_len=NAME_MAX_LEN)
    if company.lstrip(" ").startswith("\x00"):
        raise DomainError("company must not begin with a NUL character")
    return company


def _item_row(
    item: checklist.TemplateItem,
    rejection_id: str | None,
    position: int,
    due: date | None,
    stamp: Stamp,
) -> ChecklistItem:
    return ChecklistItem(
        rejection_id=rejection_id,
        template_key=item.key,
        title=item.title,
        why=item.why,
        kind=item.kind,
        position=position,
        due_on=due,
        views=list(item.views),
        choices=list(item.choices),
        reply=item.reply,
        **stamp,
    )
