"""Upcoming interviews, the moment the lessons exist for."""

from __future__ import annotations

from datetime import datetime

from bounce_tui.domain import mourning
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import NAME_MAX_LEN, clean_text
from bounce_tui.store.clock import Clock
from bounce_tui.store.file.database import Database
from bounce_tui.store.models import Interview


class InterviewCases:
    """Noting an upcoming interview."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def add_interview(
        self, company: str, at: datetime, *, role: str = "", stage: str = "interview"
    ) -> str:
        """Note an upcoming interview (today or later); returns its id."""
        if local_day(at, self.clock.tz) < self.clock.today():
            raise DomainError("an interview date must be today or later")
        row = Interview(
            company=clean_text(company, "company", max_len=NAME_MAX_LEN),
            role=clean_text(role, "role", required=False, max_len=NAME_MAX_LEN),
            stage=mourning.validate_stage(stage),
            at=to_utc(at),
            **self.clock.stamp(),
        )
        with self.db.writing() as session:
            session.add(row)
        return row.id
