"""`Reads`: every read model the faces use, each in one read transaction."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from sqlmodel import Session, select

from bounce_tui.domain import lessons as lesson_rules
from bounce_tui.domain import progress as progress_rules
from bounce_tui.domain.browse import BrowsePage, BrowseQuery, LessonDetail
from bounce_tui.domain.snapshot import (
    InterviewView,
    LessonView,
    MainSnapshot,
    ReviewCard,
    TimerView,
)
from bounce_tui.store.clock import Clock
from bounce_tui.store.errors import NotFound
from bounce_tui.store.file.database import Database, get_row
from bounce_tui.store.file.watch import WatchedReader
from bounce_tui.store.models import Interview, MourningPeriod, Rejection
from bounce_tui.store.read import browse, lessons, progress, snapshot
from bounce_tui.store.read.lesson_match import SearchCancel
from bounce_tui.store.read.status import Status, build_status
from bounce_tui.store.read.views import timer_view


class Reads:
    """What the faces are shown, read from the database with the clock's now and zone.

    The main snapshot is read on a `WatchedReader` (made at the first read), so
    `changed_elsewhere()` can tell whether another program has written since.
    """

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self._watched: WatchedReader | None = None

    def close(self) -> None:
        """Close the snapshot's connection."""
        if self._watched is not None:
            self._watched.close()

    # -- the main screen -------------------------------------------------------------

    def main_snapshot(self) -> MainSnapshot:
        """Everything the main screen shows, read in one transaction (one moment)."""
        if self._watched is None:
            self._watched = WatchedReader(self.db.path, self.db.busy.busy_ms)
        with self._watched.reading() as conn:
            return snapshot.load_main_snapshot(conn, self.clock.now(), self.clock.tz)

    def changed_elsewhere(self) -> bool:
        """True when another connection has committed since the last main snapshot.

        Never waits: False while a snapshot is being read or the file is locked.
        """
        return self._watched is not None and self._watched.changed()

    def status(self) -> Status:
        """The headline figures (today's check-in, streak, timers, items, lessons due)."""
        with self.db.reading() as session:
            return build_status(session, self.clock.now(), self.clock.tz)

    def mourning_for(self, rejection_id: str) -> TimerView:
        """The mourning period of a rejection."""
        with self.db.reading() as session:
            found = session.exec(
                select(MourningPeriod, Rejection)
                .join(Rejection, isouter=True)
                .where(MourningPeriod.rejection_id == rejection_id)
            ).first()
        if found is None:
            raise NotFound(f"rejection {rejection_id} has no mourning period")
        return timer_view(*found)

    # -- progress ------------------------------------------------------------------------

    def progress_report(self, window_days: int = 365) -> progress_rules.ProgressReport:
        """Every figure the progress screen shows, read in one transaction."""
        with self.db.reading() as session:
            return progress.progress_report(session, self.clock.now(), self.clock.tz, window_days)

    def gentle_prompt_due(self) -> bool:
        """True when the gentle "talk to someone" prompt should show."""
        with self.db.reading() as session:
            return snapshot.gentle_prompt_due(_plain(session), self.clock.now(), self.clock.tz)

    # -- lessons -------------------------------------------------------------------------

    def due_lessons(self, limit: int = lessons.ROUND_LIMIT) -> list[ReviewCard]:
        """Lessons due now, the most overdue first."""
        with self.db.reading() as session:
            return lessons.due_lessons(session, self.clock.now(), limit)

    def next_due(self) -> datetime | None:
        """When the next lesson falls due (None: no lessons)."""
        with self.db.reading() as session:
            return lessons.next_due(session)

    def drill_lessons(
        self, drill: lesson_rules.DrillFilter, limit: int = lessons.ROUND_LIMIT
    ) -> list[ReviewCard]:
        """Every lesson matching the filter, whatever its schedule (newest first)."""
        with self.db.reading() as session:
            return lessons.drill_lessons(session, drill, limit)

    def drill_for_interview(self, interview_id: str) -> list[ReviewCard]:
        """Lessons for an interview: from the same company first, then from the same stage."""
        with self.db.reading() as session:
            interview = get_row(session, Interview, interview_id)
            return lessons.interview_cards(session, interview.company, interview.stage)

    def upcoming_interviews(self) -> list[InterviewView]:
        """Interviews from the day before until they have passed, with matching lessons."""
        with self.db.reading() as session:
            return snapshot.upcoming_interviews(_plain(session), self.clock.now(), self.clock.tz)

    def search_lessons(
        self, query: str, limit: int = 200, cancel: SearchCancel | None = None
    ) -> list[LessonView]:
        """Lessons matching every word of `query`, best match first.

        `cancel.cancel()` from another thread stops it (it raises SearchCancelled).
        """
        with self.db.reading() as session:
            return lessons.search_lessons(session, query, limit, cancel)

    def lessons_page(self, before: datetime | None = None, limit: int = 300) -> list[LessonView]:
        """The newest lessons created before `before` (None: the newest of all)."""
        with self.db.reading() as session:
            return lessons.lessons_page(session, before, limit)

    def lessons_for_rejection(self, rejection_id: str) -> list[LessonView]:
        """Every lesson kept from one rejection, newest first."""
        with self.db.reading() as session:
            return lessons.lessons_for_rejection(session, rejection_id)

    # -- the lessons browser ---------------------------------------------------------------

    def browse_lessons(self, query: BrowseQuery) -> BrowsePage:
        """One sorted page of the lessons matching the query, and how many match in all."""
        with self.db.reading() as session:
            return browse.browse_lessons(session, query)

    def lesson_detail(self, lesson_id: str) -> LessonDetail | None:
        """One lesson in full: front, back, its rejection, every grade, its theme (None: gone)."""
        with self.db.reading() as session:
            return browse.lesson_detail(session, lesson_id)


def _plain(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under a session, for the reads the snapshot shares."""
    conn = session.connection().connection.driver_connection
    assert isinstance(conn, sqlite3.Connection)
    return conn
