"""Use cases of mood check-ins and skipped days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlmodel import select

from bounce_tui.domain import checkins
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import clean_tags, clean_text
from bounce_tui.store.base import StoreBase
from bounce_tui.store.models import (
    CheckIn,
    SkipDay,
)


class CheckInCases(StoreBase):
    """Use cases of mood check-ins and skipped days."""

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
