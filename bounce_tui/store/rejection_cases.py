"""Use cases of rejections, their mourning periods and urges."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import col, select

from bounce_tui.domain import checklist, mourning
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import (
    LINE_MAX_LEN,
    NAME_MAX_LEN,
    clean_id_ref,
    clean_text,
    one_line,
)
from bounce_tui.store.base import StoreBase
from bounce_tui.store.errors import NotFound
from bounce_tui.store.models import (
    ChecklistItem,
    Interview,
    Lesson,
    MourningPeriod,
    Rejection,
    Urge,
)
from bounce_tui.store.undo import Deleted, capture


class RejectionCases(StoreBase):
    """Use cases of rejections, their mourning periods and urges."""

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
            company=_company(company),
            role=clean_text(role, "role", required=False, max_len=NAME_MAX_LEN),
            stage=stage,
            received_at=when,
            channel=mourning.validate_channel(channel),
            contact=clean_text(contact, "contact", required=False, max_len=NAME_MAX_LEN),
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
    ) -> Rejection:
        """Correct a rejection's details; its mourning period keeps its own times."""
        if to_utc(received_at) > to_utc(self.now()):
            raise DomainError("a rejection cannot arrive in the future")
        with self.writing() as session:
            row = self._get(session, Rejection, rejection_id)
            row.company = _company(company)
            row.role = clean_text(role, "role", required=False, max_len=NAME_MAX_LEN)
            row.stage = mourning.validate_stage(stage)
            row.received_at = to_utc(received_at)
            row.channel = mourning.validate_channel(channel)
            row.contact = clean_text(contact, "contact", required=False, max_len=NAME_MAX_LEN)
            row.notes = clean_text(notes, "notes", required=False)
            row.updated_at = to_utc(self.now())
        return row

    def delete_rejection(self, rejection_id: str) -> Deleted:
        """Delete a rejection with its timer, urges and checklist; `restore` undoes it.

        Its lessons stay (they are still lessons) and lose only the link, which
        `restore` puts back.
        """
        with self.writing() as session:
            row = self._get(session, Rejection, rejection_id)
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

    def close_mourning(self, period_id: str, note: str) -> MourningPeriod:
        """Keep the one-line close-out note written when a period ended."""
        with self.writing() as session:
            period = self._get(session, MourningPeriod, period_id)
            period.close_note = clean_text(note, "note", required=False, max_len=LINE_MAX_LEN)
            period.updated_at = to_utc(self.now())
        return period

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
        ref = clean_id_ref(ref)
        with self.reading() as session:
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
            kind=clean_text(kind, "urge", max_len=NAME_MAX_LEN),
            at=to_utc(self.now()),
            **self._stamp(),
        )
        with self.writing() as session:
            if period_id is not None:
                self._get(session, MourningPeriod, period_id)
            session.add(row)
        return row

    # -- interviews ----------------------------------------------------------------

    def add_interview(
        self, company: str, at: datetime, *, role: str = "", stage: str = "interview"
    ) -> Interview:
        """Note an upcoming interview (today or later)."""
        if local_day(at, self.tz) < self.today():
            raise DomainError("an interview date must be today or later")
        row = Interview(
            company=clean_text(company, "company", max_len=NAME_MAX_LEN),
            role=clean_text(role, "role", required=False, max_len=NAME_MAX_LEN),
            stage=mourning.validate_stage(stage),
            at=to_utc(at),
            **self._stamp(),
        )
        with self.writing() as session:
            session.add(row)
        return row


def _packaged_template() -> list[checklist.TemplateItem]:
    from bounce_tui import paths, resources

    return resources.regroup_template(paths.config_dir())


def _company(text: str) -> str:
    """A rejection's company, checked as the table's CHECK will check it.

    SQLite's length() stops at the first NUL, so a name that begins with one
    would fail `length(trim(company)) > 0` with an unhelpful database error.
    """
    company = clean_text(text, "company", max_len=NAME_MAX_LEN)
    if company.lstrip(" ").startswith("\x00"):
        raise DomainError("company must not begin with a NUL character")
    return company
