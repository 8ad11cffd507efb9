"""Mood check-ins and skipped days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlmodel import select

from bounce_tui.domain import checkins
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.snapshot import CheckInView
from bounce_tui.domain.text import clean_tags, clean_text
from bounce_tui.store.clock import Clock
from bounce_tui.store.file.database import Database
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
