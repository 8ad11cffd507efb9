"""Mourning periods: one more day, moving on early, the close-out line, and urges."""

from __future__ import annotations

from bounce_tui.domain import mourning
from bounce_tui.domain.text import LINE_MAX_LEN, NAME_MAX_LEN, clean_text
from bounce_tui.store.clock import Clock
from bounce_tui.store.file.database import Database, get_row, next_version
from bounce_tui.store.models import MourningPeriod, Urge
from bounce_tui.store.read.views import period_value


class MourningCases:
    """Changing a running mourning period and counting urges during it."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def extend_mourning(self, period_id: str) -> mourning.Mourning:
        """Give a running mourning period one more day (at most twice, never over 14)."""
        now = self.clock.now()
        with self.db.writing() as session:
            period = get_row(session, MourningPeriod, period_id)
            longer = mourning.extend(period_value(period), now, self.clock.tz)
            period.planned_end = longer.planned_end
            period.days = longer.days
            period.extensions = longer.extensions
            period.updated_at = next_version(period.updated_at, now)
            return period_value(period)

    def end_mourning(self, period_id: str, note: str = "") -> mourning.Mourning:
        """End a running period early ("ready to move on"), with an optional close-out note."""
        now = self.clock.now()
        with self.db.writing() as session:
            period = get_row(session, MourningPeriod, period_id)
            ended = mourning.end_early(period_value(period), now)
            period.moved_on_at = ended.moved_on_at
            if note:
                period.close_note = clean_text(note, "note", required=False)
            period.updated_at = next_version(period.updated_at, now)
            return period_value(period)

    def close_mourning(self, period_id: str, note: str) -> None:
        """Keep the one-line close-out note written when a period ended."""
        with self.db.writing() as session:
            period = get_row(session, MourningPeriod, period_id)
            period.close_note = clean_text(note, "note", required=False, max_len=LINE_MAX_LEN)
            period.updated_at = next_version(period.updated_at, self.clock.now())

    def log_urge(self, period_id: str | None, kind: str = "checked the inbox again") -> str:
        """Count one urge (never judged) against a mourning period; returns its id."""
        row = Urge(
            mourning_id=period_id,
            kind=clean_text(kind, "urge", max_len=NAME_MAX_LEN),
            at=self.clock.now(),
            **self.clock.stamp(),
        )
        with self.db.writing() as session:
            if period_id is not None:
                get_row(session, MourningPeriod, period_id)
            session.add(row)
        return row.id
