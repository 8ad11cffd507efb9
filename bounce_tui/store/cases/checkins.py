"""Mood check-ins and skipped days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlmodel import col, select

from bounce_tui.domain import checkins
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.snapshot import CheckInView
from bounce_tui.domain.text import clean_id_ref, clean_tags, clean_text, one_line
from bounce_tui.store.cases.undo import Deleted, capture
from bounce_tui.store.clock import Clock
from bounce_tui.store.errors import NotFound
from bounce_tui.store.file.database import Database, check_version, get_row, next_version
from bounce_tui.store.models import CheckIn, SkipDay
from bounce_tui.store.read.views import checkin_view


class CheckInCases:
    """Recording how the person feels, and the days they chose to skip."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def check_in(
        self,
        mood: int | str,
        *,
        energy: int | str | None = None,
        note: str = "",
        tags: Iterable[str] = (),
        at: datetime | None = None,
    ) -> CheckInView:
        """Record a mood check-in, now or at `at` (a forgotten day); never in the future."""
        now = self.clock.now()
        moment = to_utc(at) if at is not None else now
        if moment > now:
            raise DomainError("a check-in cannot be in the future")
        row = CheckIn(
            mood=checkins.validate_mood(mood),
            energy=checkins.validate_energy(energy),
            note=clean_text(note, "note", required=False),
            tags=list(clean_tags(tags)),
            at=moment,
            day=local_day(moment, self.clock.tz),
            **self.clock.stamp(),
        )
        with self.db.writing() as session:
            session.add(row)
        return checkin_view(row)

    def skip_day(self, day: date, reason: str = "") -> str:
        """Mark a day as deliberately skipped (keeps the streak); idempotent per day.

        Returns the id of the day's mark (the one already there, if any).
        """
        if day > self.clock.today():
            raise DomainError("only today or an earlier day can be skipped")
        row = SkipDay(
            day=day, reason=clean_text(reason, "reason", required=False), **self.clock.stamp()
        )
        with self.db.writing() as session:
            found = session.exec(select(SkipDay.id).where(SkipDay.day == day)).first()
            if found is not None:
                return found
            session.add(row)
        return row.id

    def edit_checkin(
        self,
        checkin_id: str,
        *,
        mood: int | str | None = None,
        energy: int | str | None = None,
        clear_energy: bool = False,
        note: str | None = None,
        tags: Iterable[str] | None = None,
        expected_updated_at: datetime | None = None,
    ) -> CheckInView:
        """Correct a check-in; a field left None stays as it was. Its day stays.

        `expected_updated_at` (the version the form opened with) refuses, with
        ChangedElsewhere and nothing written, an edit of a check-in changed since.
        """
        new_mood = None if mood is None else checkins.validate_mood(mood)
        new_energy = None if energy is None else checkins.validate_energy(energy)
        new_note = None if note is None else clean_text(note, "note", required=False)
        new_tags = None if tags is None else list(clean_tags(tags))
        with self.db.writing() as session:
            row = get_row(session, CheckIn, checkin_id)
            check_version(row, expected_updated_at, "check-in", lambda: checkin_view(row))
            if new_mood is not None:
                row.mood = new_mood
            if new_energy is not None or clear_energy:
                row.energy = new_energy
            if new_note is not None:
                row.note = new_note
            if new_tags is not None:
                row.tags = new_tags
            row.updated_at = next_version(row.updated_at, self.clock.now())
            return checkin_view(row)

    def delete_checkin(self, checkin_id: str) -> Deleted:
        """Delete a check-in; `UndoCases.restore` brings it back."""
        with self.db.writing() as session:
            row = get_row(session, CheckIn, checkin_id)
            label = f"the check-in of {row.day.isoformat()}"
            if row.note:
                label += f" “{one_line(row.note, 30)}”"
            deleted = Deleted(label=label, rows=capture([row]))
            session.delete(row)
        return deleted

    def resolve_checkin(self, ref: str) -> str:
        """A check-in id from 'last', a full id or its first (at least 4) characters."""
        ref = clean_id_ref(ref)
        with self.db.reading() as session:
            if ref == "last":
                newest = select(CheckIn.id).order_by(col(CheckIn.at).desc()).limit(1)
                found = list(session.exec(newest))
            else:
                prefix = col(CheckIn.id).startswith(ref, autoescape=True)
                found = list(session.exec(select(CheckIn.id).where(prefix).limit(2)))
        if not found:
            raise NotFound(f"no check-in with id {ref}")
        if len(found) > 1:
            raise DomainError(f"more than one check-in starts with {ref}; give more characters")
        return found[0]

    def day_of(self, day: date) -> list[CheckInView]:
        """The check-ins that count for one local day, oldest first."""
        with self.db.reading() as session:
            rows = session.exec(select(CheckIn).where(CheckIn.day == day).order_by(col(CheckIn.at)))
            return [checkin_view(row) for row in rows]

    def since(self, day: date) -> list[CheckInView]:
        """Every check-in from `day` on, newest first."""
        with self.db.reading() as session:
            query = select(CheckIn).where(CheckIn.day >= day)
            rows = session.exec(query.order_by(col(CheckIn.at).desc()))
            return [checkin_view(row) for row in rows]

    def skipped_since(self, day: date) -> dict[date, str]:
        """The days from `day` on marked as skipped, newest first, each with its reason."""
        with self.db.reading() as session:
            query = select(SkipDay).where(SkipDay.day >= day).order_by(col(SkipDay.day).desc())
            return {row.day: row.reason for row in session.exec(query)}
